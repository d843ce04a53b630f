from pathlib import Path

import generator.serve as serve


def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "a.txt").write_text(
        "Date: 2025-04-28\n\nThe port reopened on Saturday.\n", encoding="utf-8")
    return content


def test_rebuild_writes_the_preview_site(tmp_path: Path):
    site = tmp_path / "preview"
    assert serve.rebuild(_content(tmp_path), site)
    assert "</head>" in (site / "index.html").read_text(encoding="utf-8")


def test_failed_rebuild_shows_the_error_in_the_page_and_keeps_running(tmp_path: Path, monkeypatch):
    def broken(content_dir, **kwargs):
        raise RuntimeError("template <boom> exploded")

    monkeypatch.setattr(serve, "generate", broken)
    site = tmp_path / "preview"
    assert serve.rebuild(_content(tmp_path), site) is False
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "template &lt;boom&gt; exploded" in page and "</head>" in page


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_of_edits_causes_one_rebuild_once_it_settles(tmp_path: Path):
    content = _content(tmp_path)
    clock, builds = _Clock(), []
    watcher = serve.DebouncedWatcher([content], lambda: builds.append(clock.now), clock)
    article = content / "articles" / "a.txt"
    for i in range(5):  # five saves, 50 ms apart
        article.write_text(f"Date: 2025-04-28\n\nThe port reopened on Saturday ({i}).\n",
                           encoding="utf-8")
        assert watcher.examine() == (None, None)
        clock.now += 0.05
    assert builds == []
    clock.now += serve.DebouncedWatcher.SETTLE_S
    assert watcher.examine() == ("__livereload__", None)
    assert len(builds) == 1
    assert watcher.examine() == (None, None) and len(builds) == 1


def test_added_and_deleted_files_are_edits_too(tmp_path: Path):
    content = _content(tmp_path)
    clock, builds = _Clock(), []
    watcher = serve.DebouncedWatcher([content], lambda: builds.append(clock.now), clock)
    (content / "articles" / "a.txt").unlink()
    watcher.examine()
    clock.now += 1
    watcher.examine()
    (content / "curation.toml").write_text("", encoding="utf-8")
    watcher.examine()
    clock.now += 1
    watcher.examine()
    assert len(builds) == 2


def test_a_broken_template_shows_its_file_and_line_in_the_page(tmp_path: Path):
    content = _content(tmp_path)
    (content / "templates").mkdir()
    (content / "templates" / "index.html").write_text("{% block %}\n", encoding="utf-8")
    site = tmp_path / "preview"
    assert serve.rebuild(content, site) is False
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "index.html:1: template error" in page
