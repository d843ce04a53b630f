"""Shared helpers for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest


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
