"""Shared helpers for the tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


def _point_the_cache_at(root: Path, patch: pytest.MonkeyPatch) -> None:
    patch.setenv("TIMELINE_CACHE_DIR", str(root))
    patch.setenv("XDG_CACHE_HOME", str(root.parent / "xdg"))


@pytest.fixture(scope="session", autouse=True)
def session_cache_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep builds made by session fixtures (and their child processes) out of ~/.cache."""
    root = tmp_path_factory.mktemp("session-cache-home") / "timeline"
    with pytest.MonkeyPatch.context() as patch:
        _point_the_cache_at(root, patch)
        yield root


@pytest.fixture(autouse=True)
def cache_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Give each test its own cache folder, outside tmp_path: no test touches ~/.cache.

    Its own MonkeyPatch, so that a test's ``monkeypatch.undo()`` keeps it.
    """
    root = tmp_path_factory.mktemp("cache-home") / "timeline"
    with pytest.MonkeyPatch.context() as patch:
        _point_the_cache_at(root, patch)
        yield root


@pytest.fixture
def write_article(tmp_path: Path):
    """Return a function that writes an article file into a fresh content folder."""
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)

    def write(name: str, text: str | bytes) -> Path:
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write
