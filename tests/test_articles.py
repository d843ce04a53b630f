import datetime as dt

from generator.articles import read_article, read_articles


def test_header_fields_are_read(write_article):
    path = write_article("a.txt", "Title: Floods\nDate: 2024-03-05\nPublisher: Daily\n"
                                  "URL: https://example.org/a\nAuthor: Jo\n\nRivers rose on Monday.\n")
    article, problems = read_article(path)
    assert problems == []
    assert (article.title, article.date, article.publisher, article.url, article.author) == (
        "Floods", dt.date(2024, 3, 5), "Daily", "https://example.org/a", "Jo")
    assert article.text == "Rivers rose on Monday."


def test_header_keys_are_case_insensitive_and_fenced_headers_work(write_article):
    path = write_article("a.md", "---\ntitle: Floods\nDATE: 2024-03-05\n---\nRivers rose.\n")
    article, problems = read_article(path)
    assert problems == [] and article.title == "Floods" and article.date == dt.date(2024, 3, 5)


def test_article_without_header_is_all_text_and_warns_of_no_date(write_article):
    path = write_article("a.txt", "Rivers rose on Monday.\n")
    article, problems = read_article(path)
    assert article.text == "Rivers rose on Monday."
    assert article.date is None
    assert [p.message for p in problems] == [
        "no 'Date:' header, and the text names no single day; only its absolute dates are used"]


def test_a_missing_date_is_inferred_from_the_one_full_date_in_the_text(write_article):
    path = write_article("a.txt", "Title: Floods\n\nRivers rose on 5 March 2024.\n\n"
                                  "They fell on Monday.\n")
    article, problems = read_article(path)
    assert article.date == dt.date(2024, 3, 5)
    assert str(problems[0]) == (f"{path}:3: warning: no 'Date:' header; dated 2024-03-05, "
                                "the only full date in the text")


def test_a_missing_date_is_not_guessed_between_two_full_dates(write_article):
    path = write_article("a.txt", "Talks began on 5 March 2024 and ended on 9 March 2024.\n")
    article, problems = read_article(path)
    assert article.date is None
    assert "names no single day" in problems[0].message


def test_a_future_date_is_reported_and_not_used(write_article):
    path = write_article("a.txt", "Date: 2031-01-01\n\nRivers rose on Monday.\n")
    article, problems = read_article(path, today=dt.date(2026, 1, 1))
    assert article.date is None
    assert str(problems[0]).startswith(f"{path}:1: warning: date 2031-01-01 is in the future")


def test_a_binary_file_is_skipped(write_article):
    path = write_article("a.txt", b"Date: 2024-01-02\n\n\x00\x01\x02PNG")
    article, problems = read_article(path)
    assert article is None
    assert str(problems[0]) == f"{path}: warning: a binary file, not text; skipped"


def test_a_huge_file_is_skipped_without_reading_it(write_article):
    path = write_article("a.txt", b"Date: 2024-01-02\n\n" + b"Rivers rose. " * 800_000)
    article, problems = read_article(path)
    assert article is None
    assert "larger than 5 MB" in problems[0].message


def test_the_same_article_twice_is_read_once(tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    body = "Date: 2024-01-02\nURL: https://example.org/a\n\nRivers rose on Monday.\n"
    (folder / "a.txt").write_text(body, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(body.replace("rose", "rose fast"), encoding="utf-8")
    (folder / "c.txt").write_text(body.replace("URL: https://example.org/a\n", ""),
                                  encoding="utf-8")
    articles, problems = read_articles(tmp_path)
    assert [a.stem for a in articles] == ["a"]
    assert [p.message for p in problems] == [
        f"same article (text) as {folder / 'a.txt'}; skipped",
        f"same article (address) as {folder / 'a.txt'}; skipped"]


def test_unreadable_date_names_file_and_line(write_article):
    path = write_article("a.txt", "Title: X\nDate: next tuesday-ish\n\nText here.\n")
    article, problems = read_article(path)
    assert article.date is None
    assert str(problems[0]).startswith(f"{path}:2: warning: unreadable date")


def test_date_without_a_day_is_not_guessed(write_article):
    path = write_article("a.txt", "Date: 2024\n\nText here.\n")
    article, problems = read_article(path)
    assert article.date is None and problems


def test_written_out_dates_are_accepted(write_article):
    path = write_article("a.txt", "Date: April 28, 2025\n\nText here.\n")
    assert read_article(path)[0].date == dt.date(2025, 4, 28)


def test_malformed_header_line_is_reported_and_read_as_text(write_article):
    path = write_article("a.txt", "Title: X\nDate: 2024-01-02\nthis line is not a header\n")
    article, problems = read_article(path)
    assert problems[0].line == 3 and "malformed header" in problems[0].message
    assert article.text == "this line is not a header"


def test_unknown_header_key_is_reported(write_article):
    path = write_article("a.txt", "Title: X\nPubisher: Y\nDate: 2024-01-02\n\nText.\n")
    article, problems = read_article(path)
    assert problems[0].line == 2 and "unknown header key" in problems[0].message


def test_empty_file_is_skipped_with_one_line(write_article):
    path = write_article("a.txt", "")
    article, problems = read_article(path)
    assert article is None and len(problems) == 1 and str(path) in str(problems[0])


def test_non_utf8_text_is_read_with_replacements_naming_the_line(write_article):
    path = write_article("a.txt", b"Date: 2024-01-02\n\nCaf\xe9 opened.\n")
    article, problems = read_article(path)
    assert article.text == "Caf\ufffd opened."
    assert str(problems[0]).startswith(f"{path}:3: warning: not UTF-8")


def test_markdown_body_is_read_as_plain_text(write_article):
    path = write_article("a.md", "Date: 2024-01-02\n\n# Heading\n\nThe **army** [left](http://x) "
                                 "the town on Friday.\n")
    article, _ = read_article(path)
    assert article.text == "Heading\n\nThe army left the town on Friday."


def test_bad_file_does_not_stop_the_others(write_article, tmp_path):
    write_article("good.txt", "Date: 2024-01-02\n\nText.\n")
    write_article("bad.txt", b"\xff\xfe\x00")
    articles, problems = read_articles(tmp_path / "content")
    assert [a.stem for a in articles] == ["good"] and len(problems) == 1


def test_content_without_articles_is_reported(tmp_path):
    articles, problems = read_articles(tmp_path)
    assert articles == [] and "no articles" in problems[0].message


def test_a_one_line_article_keeps_its_line_as_text(write_article):
    path = write_article("a.txt", "Date: 2024-01-02\n\nThe bridge opened on Sunday\n")
    article, problems = read_article(path)
    assert problems == [] and article.text == "The bridge opened on Sunday"


def test_raw_html_scripts_in_markdown_are_not_read_as_text(write_article):
    path = write_article("a.md", "Date: 2024-01-02\n\nThe bridge opened on Sunday. "
                                 "<script>alert(1)</script>\n")
    article, _ = read_article(path)
    assert article.text == "The bridge opened on Sunday."


def test_an_article_link_switched_outside_while_opened_is_not_read(tmp_path, monkeypatch):
    import os

    import generator.files as files

    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    inside = content / "articles" / "real.txt"
    inside.write_text("Date: 2025-04-28\n\nThe port reopened on Saturday.\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("Date: 2025-04-28\n\nSECRETWORD leaked on Saturday.\n", encoding="utf-8")
    link = content / "articles" / "link.txt"
    link.symlink_to(secret)
    real_open = os.open

    def open_then_switch(path, *args, **kwargs):
        fd = real_open(path, *args, **kwargs)  # opened while it led outside ...
        link.unlink()
        link.symlink_to(inside)  # ... and pointed back inside before any check
        return fd
    monkeypatch.setattr(files.os, "open", open_then_switch)
    article, problems = read_article(link)
    assert article is None
    assert "outside the content folder" in problems[0].message
