"""Sharing lint work: runs of equal measured cost, bounded batches, every paragraph exactly once in order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from revise.engines import balance

sizes_lists = st.lists(st.integers(0, 30_000), max_size=40)


@given(sizes_lists)
def test_two_runs_cover_every_item_in_order_and_cost_alike(sizes: list[int]) -> None:
    first, second = balance.runs(sizes, 2)
    assert first + second == list(range(len(sizes)))
    # The first linter pays the spell checker's start-up, so its text is shorter by about that much: the
    # two costs differ by no more than the largest item.
    cost_first = balance.SPELL_START + sum(sizes[i] for i in first)
    cost_second = sum(sizes[i] for i in second)
    largest = max(sizes, default=0)
    if first and second:
        assert abs(cost_first - cost_second) <= largest
    elif not first:  # the whole text costs less than the start-up: the other linter takes it all
        assert cost_second <= balance.SPELL_START + largest


def test_a_small_paper_goes_to_the_linter_without_the_start_up() -> None:
    assert balance.runs([4_000, 5_000, 6_000], 2) == [[], [0, 1, 2]]
    assert balance.runs([4_000, 5_000], 1) == [[0, 1]]


@given(sizes_lists, st.integers(1, 50_000))
def test_batches_are_bounded_and_keep_every_item_once(sizes: list[int], limit: int) -> None:
    items = list(range(len(sizes)))
    batches = balance.batches(items, sizes, limit)
    assert [i for b in batches for i in b] == items
    assert all(b for b in batches)
    assert all(sum(sizes[i] for i in b) <= limit or len(b) == 1 for b in batches)
