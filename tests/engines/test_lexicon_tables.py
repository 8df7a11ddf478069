"""Warming the lexicon loads lemminflect's tables (answers as lemminflect does) and leaves the collector on."""

from __future__ import annotations

import gc

from revise.engines import lexicon


def test_warm_tables_answer_as_lemminflect_does_and_the_collector_is_back_on() -> None:
    assert gc.isenabled()
    lexicon.warm()
    assert gc.isenabled()
    assert lexicon.third_person("learn") == "learns"
    assert lexicon.plural_noun("anomalies") and not lexicon.plural_noun("analysis")
    assert lexicon.plural_of_third_person("shows") == "show"
