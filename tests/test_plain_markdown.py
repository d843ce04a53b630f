"""Paragraphs without Markdown syntax skip the converter: the blocks must be what Markdown gives."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.articles import _BLOCK_MARKUP, _BlockText, _inline_markup, _markdown_blocks

CORPORA = [Path(__file__).resolve().parent.parent / "content",
           Path(__file__).resolve().parent / "fixtures"]


def converted_blocks(source: str) -> list[str]:
    """Return the blocks of a text as read through Python-Markdown, the slow way."""
    parser = _BlockText()
    parser.feed(markdown.markdown(source))
    parser.close()
    return parser.blocks


# Characters that Markdown or the HTML reading may treat specially, and plain ones.
_TRICKY = list(" \n\n\n.-=+#>*_`\\[]!<>&();:'\"\t\r\x02\x03\x0b\x0c\x1c\x85\xa0\u2028\u2029") + [
    "  \n", "1. ", "10. ", "- ", "* ", "    ", "&amp;", "<p>", "</p>", "<!--", "===", "---"]
_PLAIN = ["a", "Word", "x", "2009", "H1N1", "é", "—", "“", "”", "’"]


@settings(max_examples=4000, deadline=None)
@given(st.lists(st.sampled_from(_TRICKY + _PLAIN), max_size=40).map("".join))
@example("Flu spreads\n\n\nIn Mexico.\nMore cases.  ")
@example("1986 was a year.\n2. Not a list here\n\nNext")
@example("A `quoted' word\n\nA *starred* one &amp; more\n\n\n\nplain\\ text  \nbroken")
def test_blocks_are_what_markdown_gives(source):
    assert _markdown_blocks(source) == converted_blocks(source)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_any_text_reads_as_markdown_reads_it(source):
    assert _markdown_blocks(source) == converted_blocks(source)


def test_plain_paragraphs_skip_the_converter():
    assert not _BLOCK_MARKUP.search("Cases rose.\n\nThe WHO said so, on 3 May - 4 > 3.")
    assert not _inline_markup("The WHO said so, on 3 May - 4 > 3.")
    for block in ("# Head", "Head\n===", "- item", "* item", "1. item", "> quote", "    code",
                  "tab\there", "[a](b)", "a <b>c</b>", "___"):
        assert _BLOCK_MARKUP.search(block), block
    for inline in ("a *b*", "a_b", "a  \nb", "a &amp; b", "`code`", "a \\* b"):
        assert _inline_markup(inline), inline


@pytest.mark.parametrize("folder", CORPORA, ids=lambda p: p.name)
def test_every_stored_article_reads_the_same_either_way(folder):
    for path in sorted(folder.rglob("*.md")):
        source = path.read_text(encoding="utf-8")
        assert _markdown_blocks(source) == converted_blocks(source), path
