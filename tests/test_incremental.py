"""A site built step by step, from caches and earlier output, is the cold build of its content."""

import os
import random
import time
from pathlib import Path

import pytest

import generator.build as build_module
import generator.merge as merge
import generator.serve as serve
from generator.build import build
from generator.cache import ExtractionCache, default_cache_dir
from generator.render import Kept

POOL = {
    "port-daily.txt": "Title: Port reopens\nDate: 2025-04-28\nPublisher: Daily\n\n"
                      "The port of Velm reopened to ships on Saturday after a week of repairs.\n\n"
                      "Workers replaced the main crane last Tuesday, the harbour master said.\n",
    "port-herald.txt": "Title: Velm port open again\nDate: 2025-04-27\nPublisher: Herald\n\n"
                       "Ships returned to the port of Velm on Saturday, officials said.\n\n"
                       "The port had closed on April 18 when a storm damaged the crane.\n",
    "floods.txt": "Title: Floods\nDate: 2025-04-29\nPublisher: Daily\n\n"
                  "Floods killed 12 people in the Abra valley on Sunday.\n\n"
                  "The river burst its banks last March too, but nobody died then.\n",
    "floods-wire.txt": "Date: 2025-04-28\nURL: https://wire.example/floods\n\n"
                       "Twelve people died in floods in the Abra valley on Sunday, police said.\n",
    "budget.txt": "Title: Budget\nDate: 2025-05-02\nPublisher: Courier\n\n"
                  "The council approved the new budget on Thursday.\n\n"
                  "The mayor will present the spending plan in June.\n",
    "mayor.txt": "Title: Mayor resigns\nDate: 2025-05-06\nPublisher: Herald\n\n"
                 "Mayor Ann Lee resigned on Monday, a week after the council approved the budget.\n",
    "strike.txt": "Title: Dock strike\nDate: 2025-03-14\nPublisher: Courier\n\n"
                  "Dock workers walked out on Wednesday over pay.\n\n"
                  "The union said on Thursday that the strike would last until Monday.\n",
    "history.txt": "Title: Old port\nDate: 2025-04-20\n\n"
                   "The port was built in 1962 and rebuilt after the 1988 fire.\n",
}
EDITS = [
    "\n\nThe harbour master resigned on Friday.\n",
    "\n\nA second storm hit the coast on Tuesday.\n",
    "\n\nThe council met again on Wednesday.\n",
]
_BASE = time.time() - 7200  # every write is dated in the past, one second apart: all settled


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _write(path: Path, text: str, step: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (_BASE + step, _BASE + step))


def _steps(content: Path, seed: int, count: int):
    """Apply count random adds, edits and removals to content, yielding after each."""
    rng = random.Random(seed)
    articles = content / "articles"
    for step in range(1, count + 1):
        present = sorted(p.name for p in articles.iterdir())
        absent = sorted(set(POOL) - set(present))
        choices = (["add"] if absent else []) + (["edit", "remove"] if len(present) > 1 else [])
        action = rng.choice(choices)
        if action == "add":
            name = rng.choice(absent)
            _write(articles / name, POOL[name], step)
        elif action == "edit":
            name = rng.choice(present)
            _write(articles / name, (articles / name).read_text(encoding="utf-8")
                   + rng.choice(EDITS), step)
        else:
            (articles / rng.choice(present)).unlink()
        yield action


def _start(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for step, name in enumerate(["port-daily.txt", "floods.txt"]):
        _write(content / "articles" / name, POOL[name], -10 + step)
    return content


def _cold(content: Path, tmp_path: Path, monkeypatch) -> dict[str, bytes]:
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cold-cache"))
    build(content, tmp_path / "cold")
    return _tree(tmp_path / "cold")


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_builds_after_each_add_edit_and_removal_end_as_a_cold_build(tmp_path: Path, monkeypatch,
                                                                  seed: int):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    content = _start(tmp_path)
    build(content, tmp_path / "out")
    actions = []
    for action in _steps(content, seed, 8):
        actions.append(action)
        build(content, tmp_path / "out")
    assert set(actions) == {"add", "edit", "remove"}
    assert _tree(tmp_path / "out") == _cold(content, tmp_path, monkeypatch)


def test_pool_builds_step_by_step_end_as_a_cold_build(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(build_module, "POOL_MIN_ARTICLES", 1)  # a pool even for a few articles
    content = _start(tmp_path)
    build(content, tmp_path / "out", jobs=2)
    for _ in _steps(content, 5, 6):
        build(content, tmp_path / "out", jobs=2)
    assert _tree(tmp_path / "out") == _cold(content, tmp_path, monkeypatch)


def test_preview_rebuilds_step_by_step_end_as_a_cold_build(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1746000000")  # the preview and build, one date
    content = _start(tmp_path)
    preview = tmp_path / "preview"
    cache = ExtractionCache(default_cache_dir(content), remember=True)  # as serve keeps it
    assert serve.rebuild(content, preview, cache)
    for _ in _steps(content, 6, 6):
        assert serve.rebuild(content, preview, cache)
    assert cache.memory
    assert _tree(preview) == _cold(content, tmp_path, monkeypatch)


def _edit(content: Path, name: str, step: int) -> None:
    path = content / "articles" / name
    _write(path, path.read_text(encoding="utf-8") + EDITS[0], step)


def _with_all(tmp_path: Path) -> Path:
    content = _start(tmp_path)
    for step, name in enumerate(sorted(set(POOL) - {"port-daily.txt", "floods.txt"})):
        _write(content / "articles" / name, POOL[name], -30 + step)
    return content


def test_an_edit_renders_again_only_the_pages_whose_inputs_changed(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    content = _with_all(tmp_path)
    build(content, tmp_path / "out")
    before = {p: p.stat().st_ino for p in (tmp_path / "out").rglob("*.html")}
    _edit(content, "strike.txt", 1)
    result = build(content, tmp_path / "out")
    kept = {name for name, data in result.files.items() if isinstance(data, Kept)}
    assert kept and "articles/strike.html" not in kept
    assert all((tmp_path / "out" / name).stat().st_ino == before[tmp_path / "out" / name]
               for name in kept)
    assert _tree(tmp_path / "out") == _cold(content, tmp_path, monkeypatch)


def test_a_page_changed_by_hand_is_rendered_again(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    content = _with_all(tmp_path)
    build(content, tmp_path / "out")
    page = next((tmp_path / "out" / "events").glob("*flood*.html"))
    page.write_text("changed by hand", encoding="utf-8")
    _edit(content, "strike.txt", 1)
    result = build(content, tmp_path / "out")
    assert not isinstance(result.files[f"events/{page.name}"], Kept)
    assert _tree(tmp_path / "out") == _cold(content, tmp_path, monkeypatch)


def test_a_template_reading_a_whole_table_sees_every_change(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    content = _start(tmp_path)
    (content / "templates").mkdir()
    (content / "templates" / "event.html").write_text(
        "{{ event.title }}: {% for stem in labels|sort %}{{ labels[stem] }}; {% endfor %}"
        "{{ 'key' if 'x' in key_ids else '' }}", encoding="utf-8")
    build(content, tmp_path / "out")
    _write(content / "articles" / "budget.txt", POOL["budget.txt"], 1)
    build(content, tmp_path / "out")
    page = next((tmp_path / "out" / "events").glob("*flood*.html")).read_text(encoding="utf-8")
    assert "Budget" in page
    assert _tree(tmp_path / "out") == _cold(content, tmp_path, monkeypatch)


def test_a_changed_template_renders_its_pages_again(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    content = _start(tmp_path)
    (content / "templates" / "partials").mkdir(parents=True)
    status = content / "templates" / "partials" / "status.html"
    status.write_text("{% macro status_flag(event) %}old{% endmacro %}", encoding="utf-8")
    build(content, tmp_path / "out")
    status.write_text("{% macro status_flag(event) %}new{% endmacro %}", encoding="utf-8")
    os.utime(status, (_BASE + 5, _BASE + 5))
    result = build(content, tmp_path / "out")
    assert not any(isinstance(result.files[name], Kept) for name in result.files
                   if name.startswith("events/"))
    assert _tree(tmp_path / "out") == _cold(content, tmp_path, monkeypatch)


def test_an_edit_merges_again_only_the_candidates_it_touches(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    content = _with_all(tmp_path)
    build(content, tmp_path / "out")
    decided: list[str] = []
    best_group = merge._best_group
    monkeypatch.setattr(merge, "_best_group",
                        lambda c, *rest: decided.append(c.article.stem) or best_group(c, *rest))
    _edit(content, "strike.txt", 1)
    build(content, tmp_path / "out")
    again = list(decided)
    decided.clear()
    assert _tree(tmp_path / "out") == _cold(content, tmp_path, monkeypatch)
    assert "strike" in again and 0 < len(again) < len(decided)


def test_a_changed_publisher_reaches_the_entries_that_cite_it(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    content = _with_all(tmp_path)
    build(content, tmp_path / "out")
    path = content / "articles" / "floods.txt"
    _write(path, path.read_text(encoding="utf-8").replace("Publisher: Daily", "Publisher: Gazette"), 1)
    build(content, tmp_path / "out")
    assert "Gazette" in (tmp_path / "out" / "events.json").read_text(encoding="utf-8")
    assert _tree(tmp_path / "out") == _cold(content, tmp_path, monkeypatch)


def test_a_new_process_parses_and_compiles_no_template_an_earlier_build_saw(tmp_path: Path,
                                                                             monkeypatch):
    import jinja2

    import generator.cache as cache_module
    import generator.render as render

    content = _start(tmp_path)
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    build(content, tmp_path / "out")
    first = _tree(tmp_path / "out")
    # What a new process starts with: no template parsed, compiled or state remembered.
    monkeypatch.setattr(render, "_FACTS", {})
    monkeypatch.setattr(render, "_COMPILED", {kind: render._CompiledTemplates()
                                              for kind in render._COMPILED})
    monkeypatch.setattr(cache_module, "_STORED", {})
    parsed: list[str] = []
    real_parse = jinja2.Environment._parse
    monkeypatch.setattr(jinja2.Environment, "_parse",
                        lambda env, source, name, filename: parsed.append(name)
                        or real_parse(env, source, name, filename))
    assert not build(content, tmp_path / "out", force=True).up_to_date
    assert parsed == [] and _tree(tmp_path / "out") == first


def test_an_article_added_renders_again_only_the_year_pages_it_touches(tmp_path: Path,
                                                                        monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr("generator.render.PAGE_EVENTS", 2)
    content = _with_all(tmp_path)
    (content / "articles" / "floods-wire.txt").unlink()
    build(content, tmp_path / "out")
    # The article added is one more source of the floods: the other pages of the year stay
    # as they are, although the site's count of articles changed.
    _write(content / "articles" / "floods-wire.txt", POOL["floods-wire.txt"], 2)
    result = build(content, tmp_path / "out")
    pages = {name: isinstance(data, Kept) for name, data in result.files.items()
             if name.startswith("years/year-2025")}
    assert len(pages) > 2 and any(pages.values()) and not all(pages.values())
    assert _tree(tmp_path / "out") == _cold(content, tmp_path, monkeypatch)


def test_a_change_of_settings_or_curation_alone_merges_nothing_again(tmp_path: Path,
                                                                      monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    content = _with_all(tmp_path)
    build(content, tmp_path / "out")
    clustered: list[int] = []
    real_cluster = merge.cluster
    monkeypatch.setattr(merge, "cluster",
                        lambda candidates, *rest: clustered.append(1) or real_cluster(candidates,
                                                                                      *rest))
    _write(content / "site.toml", 'title = "Velm"\n', 1)
    build(content, tmp_path / "out")
    entry = next((tmp_path / "out" / "events").glob("*flood*.html")).stem
    _write(content / "curation.toml", f'[[entry]]\nid = "{entry}"\ntitle = "Abra valley floods"\n', 2)
    build(content, tmp_path / "out")
    assert clustered == []
    assert "Abra valley floods" in (tmp_path / "out" / "events.json").read_text(encoding="utf-8")
    _edit(content, "strike.txt", 3)
    build(content, tmp_path / "out")
    assert clustered == [1]
    assert _tree(tmp_path / "out") == _cold(content, tmp_path, monkeypatch)
