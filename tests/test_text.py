"""Control and invisible characters: dropped from the site, escaped in the terminal."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.models import Problem
from generator.text import clean_line, clean_text, printable

# ESC sequences that clear the screen and retitle the terminal, NUL, a right-to-left
# override, a zero-width space, a bidi isolate, a BOM, a noncharacter and C1 controls.
HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x00\u202e\u200b\u2066\ufeff\ufffe\x85\x9b"
# What no page or export may hold.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e"
                    "\u2060\u2066-\u2069\ufeff\ufffe\uffff]")


@pytest.mark.parametrize(("text", "clean"), [
    (f"Rebels{HOSTILE} seize", "Rebels[2J]0;pwned seize"),
    ("tab\tand\nlines\r\n stay", "tab\tand\nlines\r\n stay"),
    ("soft\u00adhyphen, word\u2060joiner, LRM\u200e RLM\u200f", "softhyphen, wordjoiner, LRM RLM"),
    ("café 中文 Ελληνικά", "café 中文 Ελληνικά"),
    ("one\u2028two", "one\ntwo"),
])
def test_clean_text_drops_control_and_invisible_characters_and_keeps_readable_text(text, clean):
    assert clean_text(text) == clean


def test_joiners_are_kept_only_between_two_non_ascii_characters():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    persian = "می\u200cخواهم"
    assert clean_text(family) == family
    assert clean_text(persian) == persian
    assert clean_text("a\u200db \u200c\u200dc\u200d") == "ab c"
    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert clean_text(flag + " x\U000e0041") == flag + " x"


def test_clean_line_puts_text_on_one_line():
    assert clean_line("  Pact\x1b[2J\n signed\u202e  ") == "Pact[2J signed"


def test_printable_escapes_controls_bidi_and_invisible_characters_but_keeps_non_ascii():
    assert printable(f"a{HOSTILE}b") == ("a\\x1b[2J\\x1b]0;pwned\\x07\\x00\\u202e\\u200b\\u2066"
                                         "\\ufeff\\ufffe\\x85\\x9bb")
    assert printable("café 中文, tab\there") == "café 中文, tab\\there"
    assert printable("two\nlines") == "two\\nlines"
    assert printable("two\nlines", keep_newlines=True) == "two\nlines"


def test_a_problem_prints_the_control_characters_of_its_file_name_and_message_escaped():
    problem = Problem(Path("articles/a\x1b]0;x\x07.md"), 3, "unknown header key '\x1b[2J\u202e'")
    shown = str(problem)
    assert shown == ("articles/a\\x1b]0;x\\x07.md:3: warning: unknown header key "
                     "'\\x1b[2J\\u202e'")
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def test_a_build_from_hostile_characters_prints_none_raw_and_publishes_none(tmp_path, capsys):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    early = HOSTILE.replace("\x00", "")  # a NUL in the first 8 KB makes a file binary
    article = (f"Title: Port{early} reopens\nDate: 2025-04-28\nPublisher: Daily{early} News\n"
               f"Author: A{early}\n\n"
               + "The harbour had been quiet for weeks. " * 250
               + f"\n\nThe port{HOSTILE} reopened to ships on Saturday, officials{HOSTILE} said."
               f"\n\nA reference &#x202e;, &#x200b; and &#x1b; in Markdown.\n")
    (content / "articles" / "port.md").write_text(article, encoding="utf-8")
    (content / "articles" / "undated.md").write_text(f"Date: soon{early}\n\nThe talks went on.\n",
                                                     encoding="utf-8")
    (content / "articles" / "empty\x1b[2J\x1b]0;pwned\x07.md").write_text("", encoding="utf-8")
    (content / "site.toml").write_text('title = "Story\\u001b[2J\\u202e"\n'
                                       'description = "About\\u200b it\\u0007"\n', encoding="utf-8")
    output = tmp_path / "output"
    assert main(["build", "--content", str(content), "--output", str(output), "--jobs", "1"]) == 0
    printed = capsys.readouterr()
    terminal = printed.out + printed.err
    assert "unreadable date 'soon[2J]0;pwned'" in terminal  # the warnings are there...
    assert "empty\\x1b[2J\\x1b]0;pwned\\x07.md: warning: " in terminal
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e\u200b]", terminal)  # ...escaped
    files = [p for p in output.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert any(p.name == "events.json" for p in files)
    reopened = False
    for path in files:
        text = path.read_text(encoding="utf-8")
        shown = [text, html.unescape(text)]  # what a browser or a feed reader reads
        if path.suffix == ".json":
            shown += _strings(json.loads(text))
        for found in shown:
            assert not UNSAFE.search(found), f"{path.relative_to(output)}: {UNSAFE.search(found)}"
        reopened = reopened or "reopened to ships" in text
    assert reopened, "the hostile sentence gave no entry"


def test_an_error_naming_a_hostile_folder_prints_it_escaped(tmp_path, capsys):
    content = tmp_path / "content\x1b]0;pwned\x07"
    (content / "articles").mkdir(parents=True)
    output = content / "site\x1b[2J"  # inside the content folder: refused
    assert main(["build", "--content", str(content), "--output", str(output)]) == 1
    error = capsys.readouterr().err
    assert "content\\x1b]0;pwned\\x07/site\\x1b[2J" in error
    assert "\x1b" not in error and "\x07" not in error
