"""The tagger's window keys are rewritten to scan fast: they must match exactly as written."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.temporal.recognize import _KEYS, _after_boundary, _scannable

_PIECES = ("ago year years week of full that same day days month end 's earlier later after "
           "afterwards before previously every each per once times twenty half second hour "
           "night century today now current term may sept daily morning").split() + [
    " ", " ", "\n", "-", "_", "é", "x", "1", "'", ".", "YEAR", "Ago", "ſ", "\u212a", "\u00a0"]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE], ids=["lowercased", "any case"])
@pytest.mark.parametrize("name", sorted(_KEYS))
@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_a_rewritten_key_matches_where_the_key_does(name, flags, text):
    key = _KEYS[name]
    assert spans(re.compile(_scannable(key), flags), text) == spans(re.compile(key, flags), text)


def test_keys_that_open_with_words_are_rewritten():
    assert _scannable(r"\bago\b") == r"ago(?<!\w.{3})\b"
    assert _scannable(r"\b(?:each|per)\b") == r"(?:each(?<!\w.{4})|per(?<!\w.{3}))\b"
    assert _after_boundary("afterwards?") == r"afterward(?<!\w.{9})s?"
    assert _after_boundary("a?") == r"\ba?"
    assert _scannable(r"\d{4}-") == r"\d{4}-"
