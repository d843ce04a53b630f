"""Skip a regular expression on a text that cannot hold a match: first look for a word it needs.

Most patterns that find furniture or moods fail on most sentences, and the regex engine
pays for each failure at every position of the text. A plain substring test is many times
faster. ``Hinted`` pairs a pattern with words one of which every match holds, so that the
pattern runs only on a text that holds one: the answers are exactly the pattern's own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# The characters outside ASCII that a case-blind pattern takes for an ASCII letter ("ı" for
# "i", "ſ" for "s", the Kelvin sign for "k", "İ" whose lower case is two characters): in a
# text that holds one, a case-blind pattern's words are not sought in its lower case.
_CASE_BLIND_LOOKALIKES = frozenset("\u0130\u0131\u017f\u212a")


def lowered(text: str) -> str | None:
    """Return text in lower case for Hinted.may_match, or None where that could miss a word."""
    if not text.isascii() and not _CASE_BLIND_LOOKALIKES.isdisjoint(text):
        return None
    return text.lower()


def _foldable(word: str) -> bool:
    """Return whether a word is found in a lowered text wherever a case-blind pattern finds it."""
    return word == word.lower() and all(
        c.isascii() or unicodedata.category(c)[0] in "PSZ" for c in word)  # caseless characters


class Hinted:
    """A compiled pattern and the words one of which each of its matches holds."""

    __slots__ = ("pattern", "words", "case_blind")

    def __init__(self, pattern: re.Pattern[str], *words: str) -> None:
        self.case_blind = bool(pattern.flags & re.IGNORECASE)
        if not words or not all(words) or (self.case_blind and not all(map(_foldable, words))):
            raise ValueError("a case-blind pattern needs words in lower case, of ASCII, "
                             "punctuation, symbols or spaces")
        self.pattern, self.words = pattern, words

    def may_match(self, text: str, lower: str | None = None) -> bool:
        """Return whether text holds one of the words.

        lower, if given, is lowered() of text or of a text that holds it: a word found in
        neither is in neither.
        """
        if self.case_blind:
            if lower is None:
                lower = lowered(text)
                if lower is None:
                    return True
            text = lower
        return any(word in text for word in self.words)

    def search(self, text: str, lower: str | None = None) -> re.Match[str] | None:
        """Return the pattern's first match in text, as re.search would."""
        return self.pattern.search(text) if self.may_match(text, lower) else None

    def match(self, text: str, lower: str | None = None) -> re.Match[str] | None:
        """Return the pattern's match at the start of text, as re.match would."""
        return self.pattern.match(text) if self.may_match(text, lower) else None

    def finditer(self, text: str, lower: str | None = None) -> Iterator[re.Match[str]]:
        """Return the pattern's matches in text, as re.finditer would."""
        return self.pattern.finditer(text) if self.may_match(text, lower) else iter(())

    def findall(self, text: str, lower: str | None = None) -> list:
        """Return the pattern's matches in text, as re.findall would."""
        return self.pattern.findall(text) if self.may_match(text, lower) else []

    def sub(self, replacement: str, text: str, lower: str | None = None) -> str:
        """Return text with the pattern's matches replaced, as re.sub would."""
        return self.pattern.sub(replacement, text) if self.may_match(text, lower) else text
