"""A hinted pattern answers exactly as its pattern, skipping texts that lack its words."""

import re

import pytest

from generator.hints import Hinted, lowered

_CASE_BLIND = re.compile(r"\b(?:said|told)\s+(?:reporters|us)\b", re.IGNORECASE)
_CASED = re.compile(r"\(Reuters\)\s+-")


@pytest.mark.parametrize("text", [
    "Officials said on Monday.", "He SAID reporters were told us", "nothing here",
    "Houston (Reuters) - Oil rose.", "Told us?", "", "sa\u0131d reporters",
])
def test_a_hinted_pattern_finds_what_its_pattern_finds(text):
    for pattern, words in ((_CASE_BLIND, ("said", "told")), (_CASED, ("(",))):
        hinted = Hinted(pattern, *words)
        assert [m.span() for m in hinted.finditer(text)] == [m.span() for m in pattern.finditer(text)]
        assert bool(hinted.search(text)) == bool(pattern.search(text))
        assert bool(hinted.match(text)) == bool(pattern.match(text))
        assert hinted.findall(text) == pattern.findall(text)
        assert hinted.sub("#", text) == pattern.sub("#", text)


def test_a_case_blind_word_is_found_behind_a_letter_that_stands_for_an_ascii_one():
    # "ſ" (long s) matches "s" in a case-blind pattern, though its lower case is itself.
    pattern = Hinted(re.compile("stated", re.IGNORECASE), "stated")
    assert pattern.search("He \u017ftated it").group() == "\u017ftated"
    assert lowered("He \u017ftated it") is None
    assert pattern.search("Il a dit: \u00e9t\u00e9") is None


def test_a_text_without_the_words_is_not_searched():
    class Counting:
        flags = 0
        calls = 0

        def search(self, text):
            Counting.calls += 1

    Hinted(Counting(), "(").search("no bracket")
    assert Counting.calls == 0
    Hinted(Counting(), "(").search("a (bracket)")
    assert Counting.calls == 1


@pytest.mark.parametrize("words", [(), ("",), ("Said",), ("caf\u00e9",)])
def test_a_case_blind_pattern_refuses_words_a_lowered_text_may_not_show(words):
    with pytest.raises(ValueError):
        Hinted(_CASE_BLIND, *words)
