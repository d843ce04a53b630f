"""Repair one-letter typos of time words, keeping a map back to the original offsets."""

from __future__ import annotations

import bisect
import functools
import re

from .lexicon import FUZZY_CONTEXT, FUZZY_TARGETS, MONTHS, NOT_TYPOS, WEEKDAYS

_TARGETS = frozenset(FUZZY_TARGETS)
_NAMES = frozenset([*MONTHS, *WEEKDAYS])
_WORD = re.compile(r"[A-Za-z]+")


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


# Index from a word, or a word less one letter, to the targets it can come from.
_INDEX: dict[str, set[str]] = {}
for _target in _TARGETS:
    for _key in {_target} | _deletes(_target):
        _INDEX.setdefault(_key, set()).add(_target)


@functools.lru_cache(maxsize=4096)
def correction(word: str) -> str | None:
    """Return the time word one edit (or one swap) away from word, if exactly one is."""
    low = word.lower()
    if len(low) < 4 or low in _TARGETS or low in NOT_TYPOS:
        return None
    found: set[str] = set()
    for key in {low} | _deletes(low):
        for target in _INDEX.get(key, ()):
            if len(target) == len(low) and key != low:
                # Same length: a substitution or a swap of neighbours.
                diff = [i for i in range(len(low)) if low[i] != target[i]]
                if len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                      and low[diff[0]] == target[diff[1]]
                                      and low[diff[1]] == target[diff[0]]):
                    found.add(target)
            elif len(target) != len(low):
                found.add(target)
    return found.pop() if len(found) == 1 else None


class Repaired:
    """A text with time-word typos repaired, and a map of its offsets to the original's."""

    def __init__(self, text: str) -> None:
        self.original = text
        pieces: list[str] = []
        self._starts: list[int] = []  # offsets in the repaired text where a change begins
        self._shifts: list[int] = []  # original offset minus repaired offset after it
        last, shift, previous = 0, 0, ""
        for m in _WORD.finditer(text):
            word = m.group()
            fixed = None
            if (3 < len(word) < 11 and (previous in FUZZY_CONTEXT or word[0].isupper())
                    and word.lower() not in _TARGETS):
                guess = correction(word)
                if guess and (previous in FUZZY_CONTEXT
                              or (guess in _NAMES and word[0].isupper() and len(word) >= 5)):
                    fixed = guess if word[0].islower() else guess.capitalize()
            previous = word.lower()
            if fixed is None:
                continue
            pieces.append(text[last:m.start()])
            pieces.append(fixed)
            last = m.end()
            shift += len(word) - len(fixed)
            self._starts.append(m.start() - (shift - (len(word) - len(fixed))) + len(fixed))
            self._shifts.append(shift)
        pieces.append(text[last:])
        self.text = "".join(pieces) if self._starts else text

    def to_original(self, offset: int) -> int:
        """Return the original offset of an offset into the repaired text."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return offset + (self._shifts[i] if i >= 0 else 0)
