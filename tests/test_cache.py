"""The reply cache: persistent, keyed by everything that shapes a reply, safe across threads, never fatal."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from revise.cache import Cache, CachedReply, cache_dir, request_key

MESSAGES = [{"role": "system", "content": "Be an expert."}, {"role": "user", "content": "A paragraph."}]


def test_reply_survives_a_new_cache_object(tmp_path: Path) -> None:
    path = tmp_path / "replies.sqlite3"
    Cache(path).put("k", "m", CachedReply('{"edits": []}', 12, 3))
    assert Cache(path).get("k") == CachedReply('{"edits": []}', 12, 3)
    assert Cache(path).get("other") is None


@pytest.mark.parametrize(
    "changed",
    [
        ("http://other:1/v1", "m", MESSAGES, {"versions": 3}),
        ("http://h:1/v1", "m2", MESSAGES, {"versions": 3}),
        ("http://h:1/v1", "m", [*MESSAGES[:1], {"role": "user", "content": "A paragraph!"}], {"versions": 3}),
        ("http://h:1/v1", "m", MESSAGES, {"versions": 2}),
    ],
    ids=["endpoint", "model", "messages", "options"],
)
def test_key_changes_with_everything_that_shapes_the_reply(changed) -> None:
    assert request_key("http://h:1/v1", "m", MESSAGES, {"versions": 3}) != request_key(*changed)


def test_key_is_stable() -> None:
    assert request_key("e", "m", MESSAGES, {"a": 1, "b": 2}) == request_key(
        "e", "m", list(MESSAGES), {"b": 2, "a": 1}
    )


def test_env_overrides_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVISE_CACHE_DIR", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x"
    Cache().put("k", "m", CachedReply("r"))
    assert (tmp_path / "x" / "replies.sqlite3").is_file()


def test_concurrent_writers_all_land(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    threads = [
        threading.Thread(target=lambda i=i: cache.put(f"k{i}", "m", CachedReply(f"r{i}"))) for i in range(16)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [cache.get(f"k{i}").reply for i in range(16)] == [f"r{i}" for i in range(16)]  # type: ignore[union-attr]


def test_a_path_that_is_a_folder_turns_the_cache_off_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / "c.sqlite3").mkdir()
    cache = Cache(tmp_path / "c.sqlite3")
    cache.put("k", "m", CachedReply("r"))
    assert cache.get("k") is None
    assert len(cache.notices) == 1 and "reply cache off" in cache.notices[0]
