"""Prompt templates → messages: static part first, paragraph last, keys checked, section guidance chosen."""

from __future__ import annotations

from dataclasses import replace
from importlib.resources import files
from pathlib import Path

import pytest

from revise.document import decode
from revise.engines.base import ReviewContext
from revise.errors import ConfigError
from revise.latex.segment import Paragraph, segment
from revise.prompting import (
    KEYS,
    Template,
    build_messages,
    load_template,
    section_variant,
    template_names,
)


def paragraph(
    text: str = r"We has shown that $x>0$ holds \cite{k}.", section: str | None = None
) -> Paragraph:
    source, _ = decode(text.encode(), "t.tex")
    return replace(segment(source).paragraphs[0], section=section)


CONTEXT = ReviewContext(
    field="satellite anomaly detection", versions=4, title="Finding Faults", abstract="We find\n faults."
)


def test_system_message_is_static_and_the_paragraph_comes_last() -> None:
    one = build_messages(paragraph("First one is here."), CONTEXT)
    two = build_messages(paragraph("Second one is here.", section="Results"), CONTEXT)
    assert [m.role for m in one] == ["system", "user"]
    assert one[0] == two[0]
    assert one[1].content.endswith('<paragraph id="P0">\nFirst one is here.\n</paragraph>')
    assert two[1].content.endswith('<paragraph id="P0">\nSecond one is here.\n</paragraph>')


def test_persona_names_the_field_the_versions_and_the_json_contract() -> None:
    system = build_messages(paragraph(), CONTEXT)[0].content
    assert "expert" in system.lower() or "researcher" in system.lower()
    assert system.count("satellite anomaly detection") >= 2
    assert "Give 4 alternative" in system
    assert '{"edits": [{"paragraph": "P3", "original"' in system and "JSON" in system
    assert "[MATH1]" in system and "[CITE1]" in system


def test_missing_field_reads_naturally() -> None:
    system = build_messages(paragraph(), replace(CONTEXT, field=""))[0].content
    assert "in the paper's field" in system and "{{" not in system


def test_paper_title_and_abstract_come_before_the_paragraph() -> None:
    user = build_messages(paragraph(), CONTEXT)[1].content
    assert (
        user.index("Title: Finding Faults")
        < user.index("Abstract: We find faults.")
        < user.index("We has shown")
    )


def test_no_paper_context_leaves_no_empty_labels() -> None:
    user = build_messages(paragraph(), replace(CONTEXT, title=None, abstract=None))[1].content
    assert "Title:" not in user and "\n\n\n" not in user


def test_placeholders_of_the_paragraph_are_listed() -> None:
    user = build_messages(paragraph(), CONTEXT)[1].content
    assert "Placeholders to keep: [MATH1], [CITE1]" in user
    assert "[MATH1] holds [CITE1]." in user


def test_notes_language_asks_for_issues_in_it_and_edits_in_the_papers_language() -> None:
    plain = build_messages(paragraph(), CONTEXT)[0].content
    german = build_messages(paragraph(), replace(CONTEXT, notes_language="German"))[0].content
    assert "German" not in plain
    assert 'Write every "issue" in German' in german and "never translated" in german


@pytest.mark.parametrize(
    ("section", "variant"),
    [
        ("Introduction", "introduction"),
        ("1 Introduction and Motivation", "introduction"),
        ("Related Work", "related"),
        ("Background", "related"),
        ("Proposed Method", "method"),
        ("Methodology", "method"),
        ("Experimental Results", "results"),
        ("Evaluation", "results"),
        ("Discussion", "results"),
        ("Conclusions and Future Work", "conclusion"),
        ("Conclusión", "conclusion"),
        ("Acknowledgements", None),
        (None, None),
    ],
)
def test_section_title_picks_the_guidance(section: str | None, variant: str | None) -> None:
    para = paragraph(section=section)
    assert section_variant(para) == variant
    user = build_messages(para, CONTEXT)[1].content
    guidance = (
        files("revise.prompts").joinpath(f"_section-{variant}.md").read_text().strip() if variant else None
    )
    if guidance:
        assert guidance in user
    else:
        assert "This text" not in user


def test_abstract_kind_gets_abstract_guidance() -> None:
    assert section_variant(replace(paragraph(), kind="abstract")) == "abstract"


def test_user_template_file_replaces_the_persona(tmp_path: Path) -> None:
    mine = tmp_path / "mine.md"
    mine.write_text("Be terse about {{field}}. Reply in JSON.", encoding="utf-8")
    system = build_messages(paragraph(), replace(CONTEXT, prompt=str(mine)))[0].content
    assert system == "Be terse about satellite anomaly detection. Reply in JSON."


def test_unknown_template_key_is_a_one_line_config_error(tmp_path: Path) -> None:
    mine = tmp_path / "mine.md"
    mine.write_text("Expert in {{feild}}.", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key \{\{feild\}\}") as caught:
        load_template(str(mine))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("spec", ["nonesuch", "_paragraph"])
def test_unknown_prompt_name_lists_the_built_in_ones(spec: str) -> None:
    with pytest.raises(ConfigError, match="default, proofread"):
        load_template(spec)


def test_missing_prompt_file_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_template("no/such/prompt.md")


def test_built_in_prompts_are_named_and_use_only_known_keys() -> None:
    assert {"default", "proofread"} <= set(template_names())
    for entry in files("revise.prompts").iterdir():
        if entry.name.endswith(".md"):
            Template(entry.name, entry.read_text(encoding="utf-8"))  # raises on an unknown key
    assert "paragraph" in KEYS
