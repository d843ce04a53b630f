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
    def broken(content_dir):
        raise RuntimeError("template <boom> exploded")

    monkeypatch.setattr(serve, "generate", broken)
    site = tmp_path / "preview"
    assert serve.rebuild(_content(tmp_path), site) is False
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "template &lt;boom&gt; exploded" in page and "</head>" in page
