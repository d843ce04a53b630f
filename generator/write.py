"""Write a built site to the output folder all at once, never leaving it half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

MARKER = ".timeline-build"


class OutputError(Exception):
    """The output folder cannot be written safely."""


def check_output_dir(output_dir: Path, content_dir: Path) -> None:
    """Refuse an output folder whose replacement would lose the user's files."""
    out, content = output_dir.resolve(), content_dir.resolve()
    if out == content or out in content.parents or content in out.parents:
        raise OutputError(f"{output_dir}: the output folder must be apart from the content "
                          f"folder {content_dir}")
    if out == Path.home().resolve() or out == Path(out.anchor) or out == Path.cwd().resolve():
        raise OutputError(f"{output_dir}: refusing to use this folder as the output folder")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{output_dir}: exists and is not a folder")
    if out.is_dir() and not (out / MARKER).exists():
        foreign = [p.name for p in out.iterdir() if not p.name.startswith(".")]
        if foreign:
            raise OutputError(f"{output_dir}: holds files this generator did not write "
                              f"({', '.join(sorted(foreign)[:3])}...); empty it or choose "
                              "another --output")


def write_output(files: dict[str, str | bytes], output_dir: Path) -> None:
    """Write every file into a fresh folder, then swap it in for the old output."""
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-", dir=output_dir.parent))
    made = {staging}
    try:
        for rel, data in sorted(files.items()):
            parts = PurePosixPath(rel).parts
            if not parts or parts[0] == "/" or ".." in parts or "\\" in rel:
                raise OutputError(f"refusing to write outside the output folder: {rel}")
            target = staging.joinpath(*parts)
            if target.parent not in made:  # the staging folder is ours: no links to follow
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if isinstance(data, bytes):
                target.write_bytes(data)
            else:
                target.write_text(data, encoding="utf-8")
        (staging / MARKER).write_text("Written by timeline build; replaced on every build.\n",
                                      encoding="utf-8")
        _swap(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, output_dir: Path) -> None:
    """Move the staged site into place, keeping the old output's dot-files (.git, .gitkeep)."""
    if not output_dir.exists():
        os.replace(staging, output_dir)
        return
    for kept in output_dir.iterdir():
        if kept.name.startswith(".") and kept.name != MARKER:
            os.replace(kept, staging / kept.name)
    old = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-old-", dir=output_dir.parent))
    os.replace(output_dir, old / "site")
    os.replace(staging, output_dir)
    shutil.rmtree(old, ignore_errors=True)
