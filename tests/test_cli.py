import datetime as dt
import re
import sys
from pathlib import Path

import pytest

from generator.articles import read_article
from generator.cli import main
from generator.scaffold import free_name, slugify

GOOD = "Title: Port\nDate: 2025-04-28\nPublisher: Daily\n\nThe port reopened to ships on Saturday.\n"
OTHER = "Title: Bridge\nDate: 2025-04-28\n\nThe bridge was closed to traffic on Friday.\n"


def content_with(tmp_path: Path, articles: dict[str, str]) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for name, text in articles.items():
        (content / "articles" / name).write_text(text, encoding="utf-8")
    return content


def tree(root: Path) -> dict[str, bytes | None]:
    """Every path under root with its bytes (None for a folder)."""
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(root.rglob("*"))}


# timeline new

def test_new_writes_the_header_and_a_placeholder(tmp_path: Path, capsys):
    content = tmp_path / "content"
    assert main(["new", "Rebels seize the capital", "--date", "2025-04-28", "--publisher",
                 "Example News", "--url", "https://example.org/r", "--content", str(content)]) == 0
    path = content / "articles" / "rebels-seize-the-capital.md"
    assert capsys.readouterr().out.strip() == str(path)
    head, placeholder = path.read_text(encoding="utf-8").split("\n\n")
    assert head.splitlines() == ["Title: Rebels seize the capital", "Date: 2025-04-28",
                                 "Publisher: Example News", "URL: https://example.org/r"]
    assert "paste" in placeholder.lower()


def test_new_writes_only_the_headers_given_and_dates_it_today(tmp_path: Path):
    content = tmp_path / "content"
    assert main(["new", "Port reopens", "--content", str(content)]) == 0
    text = (content / "articles" / "port-reopens.md").read_text(encoding="utf-8")
    assert text.split("\n\n")[0].splitlines() == ["Title: Port reopens",
                                                  f"Date: {dt.date.today().isoformat()}"]


def test_new_file_reads_back_with_its_header_and_without_the_placeholder(tmp_path: Path):
    content = tmp_path / "content"
    main(["new", "Port", "--date", "2025-04-28", "--publisher", "Daily", "--url", "https://x.org/p",
          "--content", str(content)])
    path = content / "articles" / "port.md"
    article, problems = read_article(path)
    assert article is None  # left unfilled: no text, so nothing reaches the timeline...
    assert [p.message for p in problems] == ["no article text; skipped"]  # ...and check says so
    path.write_text(path.read_text(encoding="utf-8") + "The port reopened on Saturday.\n",
                    encoding="utf-8")
    article, problems = read_article(path)
    assert problems == []
    assert (article.title, article.date, article.publisher, article.url) == (
        "Port", dt.date(2025, 4, 28), "Daily", "https://x.org/p")
    assert article.text == "The port reopened on Saturday."


def test_a_line_break_in_a_value_cannot_add_header_lines(tmp_path: Path):
    content = tmp_path / "content"
    assert main(["new", "Port\nDate: 1999-01-01", "--date", "2025-04-28", "--publisher", "Daily\n\nText",
                 "--content", str(content)]) == 0
    (path,) = (content / "articles").iterdir()
    head = path.read_text(encoding="utf-8").split("\n\n")[0].splitlines()
    assert head == ["Title: Port Date: 1999-01-01", "Date: 2025-04-28", "Publisher: Daily Text"]


def test_new_never_overwrites_a_file(tmp_path: Path, capsys):
    content = tmp_path / "content"
    first = content / "articles" / "port-reopens.md"
    assert main(["new", "Port reopens", "--date", "2025-01-01", "--content", str(content)]) == 0
    first.write_text("edited\n", encoding="utf-8")
    assert main(["new", "Port reopens", "--date", "2025-02-02", "--content", str(content)]) == 0
    assert main(["new", "Port reopens", "--date", "2025-03-03", "--content", str(content)]) == 0
    assert first.read_text(encoding="utf-8") == "edited\n"
    second, third = content / "articles" / "port-reopens-2.md", content / "articles" / "port-reopens-3.md"
    assert "Date: 2025-02-02" in second.read_text(encoding="utf-8")
    assert "Date: 2025-03-03" in third.read_text(encoding="utf-8")
    assert capsys.readouterr().out.split() == [str(first), str(second), str(third)]


def test_new_never_overwrites_a_file_it_did_not_see_before_writing(tmp_path: Path, monkeypatch):
    content = content_with(tmp_path, {"port.md": "mine\n"})
    monkeypatch.setattr("generator.scaffold.taken_stems", lambda folder: set())  # as if made meanwhile
    assert main(["new", "Port", "--content", str(content)]) == 0
    assert (content / "articles" / "port.md").read_text(encoding="utf-8") == "mine\n"
    assert (content / "articles" / "port-2.md").exists()


def test_new_avoids_a_name_an_article_of_another_suffix_has(tmp_path: Path):
    content = content_with(tmp_path, {"port.txt": GOOD})
    assert main(["new", "Port", "--content", str(content)]) == 0
    assert (content / "articles" / "port-2.md").exists()
    assert not (content / "articles" / "port.md").exists()


@pytest.mark.parametrize("title", ["../../escape", "../", "a/b", "/etc/passwd", "..", "a\\..\\b",
                                   "C:\\Windows\\x", "./.hidden"])
def test_a_title_cannot_put_the_file_outside_the_articles_folder(tmp_path: Path, capsys, title):
    content = tmp_path / "deep" / "content"
    assert main(["new", title, "--content", str(content)]) == 0
    written = Path(capsys.readouterr().out.strip())
    folder = (content / "articles").resolve()
    assert written.resolve().parent == folder
    assert not written.name.startswith(".")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [written]


def test_slugs_are_short_lowercase_ascii_and_never_empty():
    assert slugify("Émeute à Conakry: l'armée intervient") == "emeute-a-conakry-l-armee-intervient"
    assert slugify("../..//") == slugify("") == slugify("¿¡!") == "article"
    long = slugify("word " * 40)
    assert len(long) <= 60 and long.endswith("word") and not long.endswith("-")
    assert len(slugify("x" * 200)) == 60
    assert slugify("NUL") == "nul-article"  # a name Windows cannot open


def test_free_name_counts_up_past_taken_names():
    assert free_name("port", set()) == "port"
    assert free_name("port", {"port", "port-2"}) == "port-3"


def test_new_rejects_a_date_not_in_iso_form(tmp_path: Path, capsys):
    for bad in ["28/04/2025", "20250428", "2025-02-30"]:
        with pytest.raises(SystemExit) as exit_:
            main(["new", "Port", "--date", bad, "--content", str(tmp_path / "c")])
        assert exit_.value.code == 2
        assert "not a date in YYYY-MM-DD form" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


# timeline check

def test_check_writes_nothing(tmp_path: Path, monkeypatch):
    content_with(tmp_path, {"port.txt": GOOD, "empty.txt": ""})
    monkeypatch.chdir(tmp_path)  # so that the default content/ and output/ are here
    before = tree(tmp_path)
    assert main(["check"]) == 0
    assert tree(tmp_path) == before
    assert not (tmp_path / "output").exists()


def test_check_reports_problems_and_a_summary(tmp_path: Path, capsys):
    content = content_with(tmp_path, {"port.txt": GOOD, "bridge.txt": OTHER, "empty.txt": ""})
    assert main(["check", "--content", str(content)]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"{content / 'articles' / 'empty.txt'}: warning: no article text; skipped"]
    assert out == "2 articles, 2 entries, 1 problem\n"


def test_check_strict_exits_1_on_a_bad_file_and_0_on_good_ones(tmp_path: Path, capsys):
    content = content_with(tmp_path, {"port.txt": GOOD})
    assert main(["check", "--strict", "--content", str(content)]) == 0
    (content / "articles" / "nodate.txt").write_text("The port closed on Friday.\n", encoding="utf-8")
    assert main(["check", "--strict", "--content", str(content)]) == 1
    assert main(["check", "--content", str(content)]) == 0
    assert "nodate.txt: warning: no 'Date:' header" in capsys.readouterr().err


def test_check_reports_a_broken_template_as_an_error(tmp_path: Path, capsys):
    content = content_with(tmp_path, {"port.txt": GOOD})
    (content / "templates").mkdir()
    (content / "templates" / "about.html").write_text("<p>\n{{ x | nosuchfilter }}\n", encoding="utf-8")
    assert main(["check", "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("timeline: error: ") and "about.html:2: template error" in err


def test_check_of_a_missing_content_folder_is_an_error(tmp_path: Path, capsys):
    assert main(["check", "--content", str(tmp_path / "nope")]) == 1
    assert "content folder not found" in capsys.readouterr().err


@pytest.mark.parametrize("articles", [
    {"port.txt": GOOD},
    {"port.txt": GOOD, "empty.txt": ""},
    {"port.txt": GOOD, "nodate.txt": "The port closed on Friday.\n"},
    {"port.txt": GOOD, "bad.txt": "Title: X\nDate: someday\nColour: red\n\nThe port shut on Friday.\n"},
])
def test_build_strict_and_check_strict_agree(tmp_path: Path, capsys, articles):
    content = content_with(tmp_path, articles)
    checked = main(["check", "--strict", "--content", str(content)])
    check_err = capsys.readouterr().err
    built = main(["build", "--strict", "--content", str(content), "--output", str(tmp_path / "out")])
    build_err = capsys.readouterr().err
    assert checked == built == (1 if len(articles) > 1 else 0)
    assert check_err == build_err


# build --quiet / --verbose and progress

def test_build_prints_a_summary_and_quiet_prints_none(tmp_path: Path, capsys):
    content = content_with(tmp_path, {"port.txt": GOOD, "empty.txt": ""})
    out = str(tmp_path / "out")
    assert main(["build", "--content", str(content), "--output", out]) == 0
    loud = capsys.readouterr()
    assert loud.out.startswith("Built 1 events from 1 articles") and "empty.txt" in loud.err
    assert main(["build", "-q", "--content", str(content), "--output", out]) == 0
    quiet = capsys.readouterr()
    assert quiet.out == "" and quiet.err == loud.err


def test_verbose_adds_stage_details_and_timings(tmp_path: Path, capsys):
    content = content_with(tmp_path, {"port.txt": GOOD, "bridge.txt": OTHER})
    assert main(["build", "-v", "--content", str(content), "--output", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "articles: 2 read (2 dated, 0 undated)" in out
    assert "entries: 2 " in out
    assert re.search(r"^time: read [\d.]+ s, extract [\d.]+ s, merge [\d.]+ s, render [\d.]+ s, "
                     r"write [\d.]+ s; [\d.]+ s in all$", out, re.MULTILINE)
    assert out.splitlines()[-1].startswith("Built 2 events from 2 articles")


def test_quiet_and_verbose_cannot_be_combined(tmp_path: Path):
    with pytest.raises(SystemExit) as exit_:
        main(["build", "-q", "-v", "--content", str(tmp_path)])
    assert exit_.value.code == 2


def test_progress_is_silent_when_stderr_is_not_a_terminal(tmp_path: Path, capsys):
    content = content_with(tmp_path, {"port.txt": GOOD, "bridge.txt": OTHER})
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "out")]) == 0
    assert main(["check", "--content", str(content)]) == 0
    err = capsys.readouterr().err
    assert "Reading articles" not in err and "\r" not in err


def test_progress_shows_on_a_terminal_and_is_cleared(tmp_path: Path, capsys, monkeypatch):
    content = content_with(tmp_path, {"port.txt": GOOD, "bridge.txt": OTHER, "empty.txt": ""})
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "\rReading articles: 1/2" in err and "\rReading articles: 2/2" in err
    shown, _, after = err.rpartition("\r")  # the line is blanked, then the problems follow
    assert shown.endswith("\r" + " " * len("Reading articles: 2/2"))
    assert after == f"{content / 'articles' / 'empty.txt'}: warning: no article text; skipped\n"


def test_quiet_shows_no_progress_even_on_a_terminal(tmp_path: Path, capsys, monkeypatch):
    content = content_with(tmp_path, {"port.txt": GOOD})
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["build", "-q", "--content", str(content), "--output", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().err == ""


def test_build_extracts_on_a_dask_cluster_given_its_scheduler(tmp_path: Path, monkeypatch, capsys):
    distributed = pytest.importorskip("distributed")
    import generator.build as build_module

    monkeypatch.setattr(build_module, "POOL_MIN_ARTICLES", 1)
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    for name in ("port", "dock", "mill"):
        (articles / f"{name}.txt").write_text(
            f"Date: 2025-04-28\n\nThe {name} reopened to ships on Saturday.\n", encoding="utf-8")
    with distributed.LocalCluster(n_workers=1, processes=False, protocol="tcp://",
                                  dashboard_address=None) as cluster:
        code = main(["build", "--content", str(tmp_path / "content"), "--output",
                     str(tmp_path / "out"), "--scheduler", cluster.scheduler_address])
        with distributed.Client(cluster.scheduler_address) as client:
            ran = sum(1 for _ in client.run_on_scheduler(
                lambda dask_scheduler: list(dask_scheduler.transition_log)))
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / "out" / "index.html").exists()
    assert ran > 0  # the scheduler saw the tasks


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("generator.cli.SCHEDULER_TIMEOUT_S", 1)
    (tmp_path / "content" / "articles").mkdir(parents=True)
    code = main(["build", "--content", str(tmp_path / "content"), "--output",
                 str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err
