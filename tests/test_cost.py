"""No article, however long or odd, makes extraction cost more than linear in its text."""

import datetime as dt
import json
from pathlib import Path

from helpers import TRIGGERS, article

from generator import events
from generator.articles import EXTRACTED_CHARS, read_article
from generator.build import build, extract
from generator.clean import reported_sentences
from generator.events import detect_candidates
from generator.models import Sentence
from generator.sentences import MAX_SENTENCE, split_sentences
from generator.temporal import tag


def _content(tmp_path: Path, name: str, body: str) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / name).write_text("Date: 2025-04-28\n\n" + body, encoding="utf-8")
    return content


def test_a_sentence_of_many_dates_gives_short_quotes_and_one_candidate_per_date_at_most():
    text = "Police arrested protesters on Monday " * 30  # one sentence of 1,110 characters
    found, _, _, _ = extract(article(text), TRIGGERS)
    assert found
    assert len([c for c in found if c.date_text]) <= 30
    assert max(len(c.quote) for c in found) <= MAX_SENTENCE <= 600
    assert max(len(s.text) for s in reported_sentences(split_sentences(text))) <= MAX_SENTENCE


def test_an_over_long_sentence_is_cut_at_semicolons_then_commas_within_the_bound():
    clause = "the council met again, and the members argued about the plan, "
    text = (clause * 10 + "then it voted; ") * 3
    sentences = split_sentences(text)
    assert len(sentences) > 3
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert all(s.text.endswith(("voted;", ",")) for s in sentences)


def test_a_chronology_without_full_stops_gives_one_entry_per_line_quoting_its_line(tmp_path):
    lines = [f"{day} March {1990 + day} - Parliament approved the budget of region {day}"
             for day in range(1, 31)]
    content = _content(tmp_path, "chronology.txt", "\n".join(lines) + "\n")
    build(content, tmp_path / "out")
    entries = json.loads((tmp_path / "out" / "events.json").read_text(encoding="utf-8"))["events"]
    assert len(entries) == len(lines)
    for entry in entries:
        quotes = {s["quote"] for s in entry["sources"]}
        day = int(entry["start"][8:])
        assert lines[day - 1] in quotes and quotes <= set(lines)


def test_pairing_dates_with_triggers_costs_linear_work_in_the_dates_of_a_sentence(monkeypatch):
    calls = 0
    verb_info = events._verb_info

    def counted(*args):
        nonlocal calls
        calls += 1
        return verb_info(*args)

    monkeypatch.setattr(events, "_verb_info", counted)

    def work(dates: int) -> int:
        nonlocal calls
        # Each arrest on a day of its own: one event per date.
        text = "".join(f"Police arrested protesters on 3 March {1900 + i} " for i in range(dates))
        art = article(text)
        body = art.text
        whole = [Sentence(0, len(body), body)]  # one sentence, however long
        timexes = tag(body, art.date)
        calls = 0
        found = detect_candidates(art, body, whole, timexes, TRIGGERS)
        assert len(found) == dates
        return calls

    assert work(100) < 2.5 * work(50)  # quadratic work would be four times as much


def test_deeply_nested_markdown_list_is_read_as_plain_text_with_a_warning(tmp_path):
    path = tmp_path / "list.md"
    path.write_text("Date: 2025-04-28\n\n" + "1. " * 5_000 + "The port reopened.\n",
                    encoding="utf-8")
    found, problems = read_article(path)
    assert found is not None and "The port reopened." in found.text
    assert any("too deeply nested; read as plain text" in p.message for p in problems)


def test_unclosed_brackets_in_markdown_are_read_as_plain_text_with_a_warning(tmp_path):
    path = tmp_path / "brackets.md"
    path.write_text("Date: 2025-04-28\n\nThe port reopened on Saturday. " + "[" * 4_000 + "\n",
                    encoding="utf-8")
    found, problems = read_article(path)
    assert found is not None and found.text.startswith("The port reopened on Saturday.")
    assert any("read as plain text" in p.message for p in problems)


def test_ordinary_markdown_links_are_still_converted(tmp_path):
    path = tmp_path / "links.md"
    path.write_text("Date: 2025-04-28\n\n" + "See [the report](http://example.org/r). " * 300
                    + "\n", encoding="utf-8")
    found, problems = read_article(path)
    assert found is not None and "[" not in found.text and "the report" in found.text
    assert not any("plain text" in p.message for p in problems)


def test_events_are_read_from_the_first_part_of_an_over_long_text_with_a_warning(tmp_path):
    paragraph = "The council met and talked about the plan for the port at length.\n\n"
    body = paragraph * (EXTRACTED_CHARS // len(paragraph) + 10)
    body += "The port reopened to ships on 3 March 2024.\n"
    path = tmp_path / "long.txt"
    path.write_text("Date: 2025-04-28\n\n" + body, encoding="utf-8")
    found, problems = read_article(path)
    assert any(f"events are read from the first {EXTRACTED_CHARS:,}" in p.message
               for p in problems)
    candidates, _, days, _ = extract(found, TRIGGERS)
    assert dt.date(2024, 3, 3) not in days
    assert not [c for c in candidates if c.date_text]


def test_markdown_is_converted_again_after_an_article_too_deeply_nested(tmp_path):
    deep = tmp_path / "deep.md"
    deep.write_text("Date: 2025-04-28\n\n" + "".join("    " * i + "- a\n" for i in range(600)),
                    encoding="utf-8")
    links = tmp_path / "links.md"
    links.write_text("Date: 2025-04-28\n\nSee [the report](http://example.org/r).\n",
                     encoding="utf-8")
    _, problems = read_article(deep)
    assert any("too deeply nested; read as plain text" in p.message for p in problems)
    found, _ = read_article(links)
    assert found is not None and found.text == "See the report."


def test_an_article_of_one_endless_word_is_named_in_one_short_line():
    assert len(article("&" * 100_000).label) <= 81
