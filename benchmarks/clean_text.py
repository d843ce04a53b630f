"""Time the cleaning every article passes through, on 5 MB texts plain and hostile.

    python3 benchmarks/clean_text.py

prints, for each kind of text, its size and the time ``generator.text.clean_text`` takes
(the best of three runs).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.text import clean_text  # noqa: E402

LIMIT = 5_000_000  # bytes: the largest article the generator reads
LINES = {
    "plain ASCII": "The port reopened to ships on Saturday, officials said.\n",
    "accented and CJK": "Le port a rouvert samedi, a déclaré l’État — 中文 عربي.\n",
    "a control and a bidi override on every line": "The port\x1b[2J\u202e reopened on Saturday.\n",
    "the same on one line": "The port\x1b[2J\u202e reopened on Saturday. ",
    "emoji joined by ZWJ, with noncharacters": "\U0001f468\u200d\U0001f469 x\U0001fffe ",
}


def _text(line: str) -> str:
    """Return the line repeated up to LIMIT bytes of UTF-8."""
    return line * (LIMIT // len(line.encode("utf-8")))


def main() -> None:
    """Print the cleaning time of each kind of text."""
    for name, line in LINES.items():
        text = _text(line)
        best = min(_seconds(text) for _ in range(3))
        print(f"{name}: {len(text.encode('utf-8')) / 1e6:.1f} MB, {best * 1000:.0f} ms")


def _seconds(text: str) -> float:
    started = time.perf_counter()
    clean_text(text)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
