import json
import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.build import build
from generator.cli import main
from generator.text import clean_line
from generator.write import OutputError, write_output


def site(tmp_path: Path, articles: dict[str, str | bytes]) -> Path:
    """Write a content folder whose articles were last changed an hour ago, as an archive's."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for name, text in articles.items():
        path = content / "articles" / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        os.utime(path, (path.stat().st_mtime - 3600,) * 2)
    return content


def _tree(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


GOOD = "Title: Port\nDate: 2025-04-28\nPublisher: Daily\n\nThe port reopened to ships on Saturday.\n"


def test_build_writes_pages_and_events_json(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD})
    result = build(content, tmp_path / "out")
    events = json.loads((tmp_path / "out" / "events.json").read_text(encoding="utf-8"))["events"]
    assert len(result.events) == len(events) == 1
    assert events[0]["start"] == events[0]["end"] == "2025-04-26"
    assert events[0]["sources"][0]["quote"] == "The port reopened to ships on Saturday."
    assert (tmp_path / "out" / "index.html").exists()
    assert (tmp_path / "out" / "articles" / "port.html").exists()


def test_a_base_url_gives_a_sitemap_of_absolute_page_addresses(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD})
    (content / "site.toml").write_text('base_url = "https://example.org/story/"\n', encoding="utf-8")
    build(content, tmp_path / "out")
    sitemap = (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://example.org/story/index.html" in locs
    assert all(loc.startswith("https://example.org/story/") for loc in locs)
    assert not any(loc.endswith("404.html") for loc in locs)
    robots = (tmp_path / "out" / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/story/sitemap.xml" in robots


def test_bad_files_are_reported_and_the_rest_still_builds(tmp_path: Path, capsys):
    content = site(tmp_path, {"port.txt": GOOD, "empty.txt": "",
                              "latin1.txt": b"Date: 2025-01-01\n\n\xe9t\xe9\n",
                              "nodate.txt": "The port closed on Friday.\n"})
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3
    assert any("empty.txt" in line for line in err) and any("latin1.txt:3" in line for line in err)
    assert "Traceback" not in "".join(err)
    assert (tmp_path / "out" / "events.json").exists()


def test_strict_build_exits_non_zero_on_any_problem(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD, "empty.txt": ""})
    assert main(["build", "--strict", "--content", str(content), "--output", str(tmp_path / "o")]) == 1
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "o")]) == 0


def test_missing_content_folder_is_a_clear_error(tmp_path: Path, capsys):
    assert main(["build", "--content", str(tmp_path / "nope"), "--output", str(tmp_path / "o")]) == 1
    assert "content folder not found" in capsys.readouterr().err


def test_output_holding_foreign_files_is_never_replaced(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD})
    out = tmp_path / "out"
    out.mkdir()
    (out / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(OutputError):
        build(content, out)
    assert (out / "thesis.docx").read_text(encoding="utf-8") == "precious"


def test_rebuild_replaces_old_pages_and_keeps_dot_files(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD})
    out = tmp_path / "out"
    build(content, out)
    (out / ".gitkeep").write_text("", encoding="utf-8")
    (content / "articles" / "port.txt").rename(content / "articles" / "harbour.txt")
    build(content, out)
    assert (out / ".gitkeep").exists()
    assert (out / "articles" / "harbour.html").exists()
    assert not (out / "articles" / "port.html").exists()


def test_failed_write_leaves_the_previous_site_whole(tmp_path: Path):
    out = tmp_path / "out"
    write_output({"index.html": "old"}, out)
    with pytest.raises(OutputError):
        write_output({"index.html": "new", "../escape.html": "x"}, out)
    assert (out / "index.html").read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "escape.html").exists()


def test_output_inside_content_is_refused(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD})
    with pytest.raises(OutputError):
        build(content, content / "site")


def test_tag_command_prints_json(tmp_path: Path, capsys):
    text = tmp_path / "t.txt"
    text.write_text("The pact was signed last June.", encoding="utf-8")
    assert main(["tag", "--dct", "2025-04-28", str(text)]) == 0
    (found,) = json.loads(capsys.readouterr().out)
    assert found == {"start": 20, "end": 29, "text": "last June", "type": "DATE", "value": "2024-06"}


def test_tag_command_rejects_a_bad_date(tmp_path: Path):
    with pytest.raises(SystemExit) as exit_info:
        main(["tag", "--dct", "28/04/2025", str(tmp_path / "t.txt")])
    assert exit_info.value.code == 2


def test_broken_template_override_names_its_file_and_line(tmp_path: Path, capsys):
    content = site(tmp_path, {"port.txt": GOOD})
    (content / "templates").mkdir()
    (content / "templates" / "about.html").write_text("<p>\n{{ site.title | nosuchfilter }}\n",
                                                       encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--content", str(content), "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert "about.html:2: template error" in err and "Traceback" not in err
    assert not out.exists()


def test_a_partial_override_without_its_macro_says_which_macro_it_must_define(tmp_path: Path,
                                                                            capsys):
    content = site(tmp_path, {"port.txt": GOOD})
    (content / "templates" / "partials").mkdir(parents=True)
    (content / "templates" / "partials" / "source.html").write_text(
        "<p>{{ source.quote }}</p>\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--content", str(content), "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert "partials/source.html:1: template error: defines no macro source_figure" in err
    assert "Traceback" not in err and not out.exists()


def test_a_partial_override_that_defines_its_macro_is_used(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD})
    (content / "templates" / "partials").mkdir(parents=True)
    (content / "templates" / "partials" / "source.html").write_text(
        "{% macro source_figure(source, event) %}<q>{{ source.quote }}</q>{% endmacro %}\n",
        encoding="utf-8")
    build(content, tmp_path / "out")
    page = next((tmp_path / "out" / "events").glob("*.html")).read_text(encoding="utf-8")
    assert "<q>The port reopened to ships on Saturday.</q>" in page


def test_template_runtime_error_names_its_file_and_line(tmp_path: Path, capsys):
    content = site(tmp_path, {"port.txt": GOOD})
    (content / "templates").mkdir()
    (content / "templates" / "about.html").write_text("<p>\n{{ site.nosuchsetting.x }}\n",
                                                       encoding="utf-8")
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "o")]) == 1
    assert "about.html:2: template error" in capsys.readouterr().err


def test_source_date_epoch_sets_the_build_date_shown(tmp_path: Path, monkeypatch):
    content = site(tmp_path, {"port.txt": GOOD})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1745798400")  # 2025-04-28T00:00:00Z
    build(content, tmp_path / "out")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2025-04-28">28 April 2025</time>' in index


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD, "other.txt": GOOD.replace("port", "dock")})
    build(content, tmp_path / "one")
    build(content, tmp_path / "two")
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_curation_survives_a_rebuild_with_a_new_article(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD})
    first = build(content, tmp_path / "out").events[0]
    (content / "curation.toml").write_text(
        f'[[entry]]\nid = "{first.id}"\ntitle = "Port reopens after repairs"\npin = true\n\n'
        '[[entry]]\nid = "2020-01-01-no-such-entry"\nhide = true\n', encoding="utf-8")
    (content / "articles" / "dam.txt").write_text(
        "Title: Floods\nDate: 2025-04-28\n\nFloods killed 12 people in the valley on Sunday.\n",
        encoding="utf-8")
    result = build(content, tmp_path / "out")
    curated = next(e for e in result.events if e.id == first.id)
    assert curated.title == "Port reopens after repairs" and curated.pinned
    assert len(result.events) == 2
    assert any("2020-01-01-no-such-entry" in str(p) and "curation.toml:" in str(p)
               for p in result.problems)


def test_adding_one_article_extracts_only_that_article(tmp_path: Path, monkeypatch):
    import generator.build as build_module

    content = site(tmp_path, {"port.txt": GOOD, "dock.txt": GOOD.replace("port", "dock")})
    build(content, tmp_path / "out")
    read = []
    real = build_module.extract
    monkeypatch.setattr(build_module, "extract", lambda a, t: read.append(a.stem) or real(a, t))
    (content / "articles" / "mill.txt").write_text(GOOD.replace("port", "mill"), encoding="utf-8")
    result = build(content, tmp_path / "out")
    assert read == ["mill"]
    assert len(result.articles) == 3
    build(content, tmp_path / "out")
    assert read == ["mill"]  # nothing changed: nothing re-read


@pytest.mark.parametrize("name", ["../escape.html", "articles/../../escape.html", "/tmp/escape.html"])
def test_no_page_name_can_write_outside_the_output_folder(tmp_path: Path, name: str):
    with pytest.raises(OutputError):
        write_output({"index.html": "ok", name: "evil"}, tmp_path / "out" / "site")
    assert not (tmp_path / "out" / "escape.html").exists()
    assert not (tmp_path / "escape.html").exists()


def test_the_preview_listens_on_this_machine_only_by_default():
    from generator.cli import _parser

    assert _parser().parse_args(["serve"]).host == "127.0.0.1"


def test_a_process_pool_builds_the_same_site_as_one_process(tmp_path: Path, monkeypatch):
    import generator.build as build_module

    monkeypatch.setattr(build_module, "POOL_MIN_ARTICLES", 1)
    texts = {f"a{i}.txt": GOOD.replace("port", f"port number {i}").replace(
        "Saturday", ["Saturday", "Friday", "Sunday"][i % 3]) for i in range(6)}
    content = site(tmp_path, {**texts, "empty.txt": "", "latin1.txt": GOOD.encode("latin-1") + b"caf\xe9\n"})
    by_one = build(content, tmp_path / "one", jobs=1)
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache-of-pool"))  # an empty cache
    by_pool = build(content, tmp_path / "pool", jobs=2)  # read and extracted in the pool
    one = _tree(tmp_path / "one")
    assert one == _tree(tmp_path / "pool") and len(one) > 5
    assert [str(p) for p in by_one.problems] == [str(p) for p in by_pool.problems]
    assert len(by_pool.problems) == 2


def test_extraction_runs_in_any_executor(tmp_path: Path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    import generator.build as build_module

    monkeypatch.setattr(build_module, "POOL_MIN_ARTICLES", 1)
    content = site(tmp_path, {"port.txt": GOOD, "dock.txt": GOOD.replace("port", "dock")})
    submitted = []

    class Recording(ThreadPoolExecutor):
        def submit(self, fn, *args, **kwargs):
            submitted.append(args[0].stem)
            return super().submit(fn, *args, **kwargs)

    with Recording(max_workers=2) as executor:
        result = build(content, tmp_path / "out", executor=executor)
    assert sorted(submitted) == ["dock", "port"]
    assert {s.article for e in result.events for s in e.sources} == {"dock", "port"}


def _stamps(folder: Path) -> dict[Path, int]:
    return {p.relative_to(folder): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_build_with_nothing_changed_writes_nothing_and_reports_the_last_problems(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD, "empty.txt": ""})
    first = build(content, tmp_path / "out")
    before = _stamps(tmp_path / "out")
    again = build(content, tmp_path / "out")
    assert again.up_to_date and not first.up_to_date
    assert _stamps(tmp_path / "out") == before
    assert (again.article_count, again.event_count) == (len(first.articles), len(first.events))
    assert [str(p) for p in again.problems] == [str(p) for p in first.problems]
    assert any("empty.txt" in str(p) for p in again.problems)


@pytest.mark.parametrize("change", ["edit article", "new template", "delete output page",
                                    "edit output page", "new build date"])
def test_any_change_to_inputs_or_output_makes_a_full_build(tmp_path: Path, monkeypatch, change: str):
    content = site(tmp_path, {"port.txt": GOOD})
    out = tmp_path / "out"
    build(content, out)
    if change == "edit article":
        (content / "articles" / "port.txt").write_text(GOOD.replace("Saturday", "Sunday"),
                                                       encoding="utf-8")
    elif change == "new template":
        (content / "templates").mkdir()
        (content / "templates" / "404.html").write_text("gone", encoding="utf-8")
    elif change == "delete output page":
        (out / "about.html").unlink()
    elif change == "edit output page":
        (out / "index.html").write_text("hand-edited", encoding="utf-8")
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1745798400")
    result = build(content, out)
    assert not result.up_to_date
    assert (out / "about.html").exists() and "hand-edited" not in (out / "index.html").read_text()


def test_a_build_right_after_an_edit_is_not_trusted_up_to_date_next_time(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD})
    out = tmp_path / "out"
    # Changed this instant: a second change within the clock's tick would keep size and time.
    (content / "articles" / "port.txt").write_text(GOOD.replace("Saturday", "Friday"),
                                                   encoding="utf-8")
    build(content, out)
    assert not build(content, out).up_to_date
    path = content / "articles" / "port.txt"
    os.utime(path, (path.stat().st_mtime - 3600,) * 2)
    build(content, out)
    assert build(content, out).up_to_date


def test_force_builds_even_when_nothing_changed(tmp_path: Path, capsys):
    content = site(tmp_path, {"port.txt": GOOD})
    out = tmp_path / "out"
    assert main(["build", "--content", str(content), "--output", str(out)]) == 0
    assert main(["build", "--content", str(content), "--output", str(out)]) == 0
    assert "Up to date" in capsys.readouterr().out
    assert not build(content, out, force=True).up_to_date


def test_undoing_a_broken_edit_finds_the_last_good_site_up_to_date(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD})
    out = tmp_path / "out"
    build(content, out)
    (content / "templates").mkdir()
    (content / "templates" / "index.html").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(Exception, match="index.html:1"):
        build(content, out)
    (content / "templates" / "index.html").unlink()
    (content / "templates").rmdir()
    # The failed build wrote nothing: the site is still the one built from these inputs.
    assert build(content, out).up_to_date


def test_a_rebuild_reads_only_the_files_changed_since_and_builds_the_same_site(tmp_path: Path,
                                                                               monkeypatch):
    import generator.articles as articles_module

    content = site(tmp_path, {"port.txt": GOOD, "dock.txt": GOOD.replace("port", "dock")})
    build(content, tmp_path / "out")
    first = _tree(tmp_path / "out")
    read = []
    real = articles_module.read_article
    monkeypatch.setattr(articles_module, "read_article",
                        lambda path, day, **how: read.append(path.name) or real(path, day, **how))
    (content / "articles" / "mill.txt").write_text(GOOD.replace("port", "mill"), encoding="utf-8")
    build(content, tmp_path / "out")
    assert read == ["mill.txt"]
    (content / "articles" / "mill.txt").unlink()
    build(content, tmp_path / "out")
    assert read == ["mill.txt"]
    assert _tree(tmp_path / "out") == first


SECRET = "Title: Secret\nDate: 2025-04-28\n\nThe vault opened to SECRETWORD visitors on Saturday.\n"


def _secret(tmp_path: Path) -> Path:
    """Write a file outside the content folder that no build may publish."""
    outside = tmp_path / "private"
    outside.mkdir(exist_ok=True)
    (outside / "secret.md").write_text(SECRET, encoding="utf-8")
    (outside / "secret.toml").write_text('title = "SECRETWORD"\n', encoding="utf-8")
    (outside / "templates").mkdir(exist_ok=True)
    (outside / "templates" / "about.html").write_text("SECRETWORD", encoding="utf-8")
    return outside


def _published(out: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in out.rglob("*") if p.is_file())


def test_links_leading_outside_the_content_folder_are_skipped_with_a_warning(tmp_path: Path):
    outside = _secret(tmp_path)
    content = site(tmp_path, {"port.txt": GOOD})
    articles = content / "articles"
    (articles / "passwd.md").symlink_to(outside / "secret.md")
    (articles / "elsewhere").symlink_to(outside)
    (content / "notes").mkdir()
    (content / "notes" / "dock.txt").write_text(GOOD.replace("port", "dock"), encoding="utf-8")
    (articles / "dock.txt").symlink_to(content / "notes" / "dock.txt")  # inside: read
    (content / "site.toml").write_text("show_full_text = true\n", encoding="utf-8")
    (content / "curation.toml").symlink_to(outside / "secret.toml")
    (content / "templates" / "static").mkdir(parents=True)
    (content / "templates" / "about.html").symlink_to(outside / "templates" / "about.html")
    (content / "templates" / "static" / "x.css").symlink_to(outside / "secret.md")
    out = tmp_path / "out"
    result = build(content, out)
    assert sorted(a.stem for a in result.articles) == ["dock", "port"]
    assert "SECRETWORD" not in _published(out)
    assert not (out / "static" / "x.css").exists()
    warned = {p.path.name for p in result.problems if "outside the content folder" in p.message}
    assert warned == {"passwd.md", "elsewhere", "curation.toml", "about.html", "x.css"}


def test_settings_and_templates_folders_linking_outside_are_not_used(tmp_path: Path):
    outside = _secret(tmp_path)
    content = site(tmp_path, {"port.txt": GOOD})
    (content / "site.toml").symlink_to(outside / "secret.toml")
    (content / "templates").symlink_to(outside / "templates")
    out = tmp_path / "out"
    result = build(content, out)
    assert result.site.title == "Timeline"
    assert "SECRETWORD" not in _published(out)
    assert {p.path.name for p in result.problems} >= {"site.toml", "templates"}


def test_folder_links_that_form_loops_are_walked_once_everywhere(tmp_path: Path):
    from generator.files import walk
    from generator.manifest import _listing
    from generator.serve import watched_folders

    content = site(tmp_path, {"port.txt": GOOD})
    (content / "articles" / "a").symlink_to(".")
    (content / "articles" / "b").symlink_to(".")
    (content / "templates").mkdir()
    (content / "templates" / "loop").symlink_to("..")
    assert len(_listing(content)) == 1
    assert len(watched_folders([content])) == 3  # content, articles, templates
    assert len(list(walk(content / "articles", content))) == 1
    result = build(content, tmp_path / "out")
    assert [a.stem for a in result.articles] == ["port"]


def test_one_folder_link_to_itself_lists_its_files_once(tmp_path: Path):
    from generator.manifest import _listing

    content = site(tmp_path, {"port.txt": GOOD})
    (content / "articles" / "again").symlink_to(".")
    assert list(_listing(content)) == ["articles/port.txt"]


@pytest.mark.parametrize("name", ["a\\b.txt", "x" * 248 + ".txt", "new\nline.txt", "\x1b[2Jclear.txt",
                                  "\u202eevil.txt", os.fsdecode(b"caf\xe9.txt")])
def test_an_article_whose_name_is_no_safe_page_name_gets_one_and_the_rest_builds(
        tmp_path: Path, name: str):
    content = site(tmp_path, {"port.txt": GOOD, name: GOOD.replace("port", "dock")})
    out = tmp_path / "out"
    result = build(content, out)
    stem = clean_line(os.fsencode(Path(name).stem).decode("utf-8", "replace"))  # as curation names it
    assert sorted(a.stem for a in result.articles) == sorted(["port", stem])
    pages = sorted(p.name for p in (out / "articles").iterdir())
    assert "port.html" in pages and len(pages) == 2
    assert all(len(p.encode("utf-8")) < 200 and p.isprintable() and "\\" not in p for p in pages)
    sources = (out / "sources.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="articles/([^"]+)"', sources)
    assert sorted(unquote(href) for href in linked) == pages
    events = json.loads((out / "events.json").read_text(encoding="utf-8"))["events"]
    assert {s["article"] for e in events for s in e["sources"]} == {"port", stem}


def test_a_static_asset_whose_name_no_page_could_take_is_left_out_and_the_rest_builds(
        tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD})
    static = content / "templates" / "static"
    static.mkdir(parents=True)
    (static / "a\\b.css").write_text("p{}", encoding="utf-8")
    (static / "extra.css").write_text("p{}", encoding="utf-8")
    out = tmp_path / "out"
    build(content, out)
    assert sorted(p.name for p in (out / "static").iterdir() if "css" in p.name) == [
        "extra.css", "style.css"]


EDGE = ("On Monday the rebels seized the capital, officials said. Yesterday the army attacked "
        "the city. The army attacked the port last week. The rebels seized the airport days "
        "before. Six months later the rebels seized the port. The army will attack the city "
        "tomorrow. The rebels seized the capital on June 5, 2020.\n")


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-03"])
def test_an_article_of_the_calendar_s_first_days_builds_with_its_dates(tmp_path: Path, capsys,
                                                                     day: str):
    content = site(tmp_path, {"first.txt": f"Title: First\nDate: {day}\n\n{EDGE}",
                              "port.txt": GOOD})
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "out")]) == 0
    assert "Traceback" not in capsys.readouterr().err
    events = json.loads((tmp_path / "out" / "events.json").read_text(encoding="utf-8"))["events"]
    assert {"0001-01-01", "2025-04-26"} <= {e["start"] for e in events}


def test_an_article_of_the_calendar_s_last_day_builds_and_its_calendar_entry_ends(
        tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402214400")  # 9999-12-31T00:00:00Z
    content = site(tmp_path, {"last.txt": f"Title: Last\nDate: 9999-12-31\n\n{EDGE}"
                                          "The rebels seized the town today.\n"})
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "out")]) == 0
    assert "Traceback" not in capsys.readouterr().err
    events = json.loads((tmp_path / "out" / "events.json").read_text(encoding="utf-8"))["events"]
    assert {"9999-12-27", "9999-12-31", "2020-06-05"} <= {e["start"] for e in events}
    ics = (tmp_path / "out" / "events.ics").read_bytes().decode("utf-8")
    last = ics.split("DTSTART;VALUE=DATE:99991231\r\n", 1)[1].split("END:VEVENT", 1)[0]
    assert "DURATION:P1D\r\n" in last and "DTEND" not in last  # no day 10000-01-01 to end on


@pytest.mark.parametrize("code", [
    "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}",
    "{% set x = self.__init__.__globals__.__builtins__.__import__('os').system('touch MARKER') %}",
])
def test_a_content_template_cannot_reach_python(tmp_path: Path, capsys, code: str):
    content = site(tmp_path, {"port.txt": GOOD})
    (content / "templates").mkdir()
    marker = tmp_path / "pwned"
    (content / "templates" / "404.html").write_text(code.replace("MARKER", str(marker)),
                                                     encoding="utf-8")
    status = main(["build", "--content", str(content), "--output", str(tmp_path / "out")])
    assert not marker.exists()
    assert status == 1
    error = capsys.readouterr().err
    assert "404.html:1: template error" in error and "unsafe" in error


def test_a_content_template_still_fills_pages(tmp_path: Path):
    content = site(tmp_path, {"port.txt": GOOD})
    (content / "templates").mkdir()
    (content / "templates" / "404.html").write_text(
        "{% for a in articles %}{{ a.stem }} {% endfor %}<p>Lost: {{ site.title | upper }}</p>\n",
        encoding="utf-8")
    build(content, tmp_path / "out")
    assert (tmp_path / "out" / "404.html").read_text(encoding="utf-8") == "port <p>Lost: TIMELINE</p>\n"


@pytest.mark.parametrize("name", ["\u202e\x1b.txt", "\u200b.txt", "\uffff.md"])
def test_an_article_named_by_invisible_characters_alone_gets_a_visible_name(tmp_path: Path, name: str):
    content = site(tmp_path, {"port.txt": GOOD, name: GOOD.replace("port", "dock")})
    out = tmp_path / "out"
    result = build(content, out)
    stems = sorted(a.stem for a in result.articles)
    assert stems[0].startswith("article-") and stems[1] == "port"
    published = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert not any(char in published for char in "\u202e\x1b\u200b\uffff")
    events = json.loads((out / "events.json").read_text(encoding="utf-8"))["events"]
    assert all(s["article"] for e in events for s in e["sources"])


@pytest.mark.parametrize("url", ["javascript:alert(3)", "www.example.org/a", "http://"])
def test_an_article_url_that_is_no_web_address_is_a_warning_and_left_out(tmp_path: Path, url: str):
    header = f"Publisher: Daily\nURL: {url}\n"
    content = site(tmp_path, {"port.txt": GOOD.replace("Publisher: Daily\n", header)})
    out = tmp_path / "out"
    result = build(content, out)
    assert [(p.line, "not an absolute http(s) address" in p.message) for p in result.problems] == [(4, True)]
    events = (out / "events.json").read_text(encoding="utf-8")
    assert url not in events and all(s["url"] is None for e in json.loads(events)["events"]
                                     for s in e["sources"])
