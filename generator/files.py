"""List and read the content's files without ever leaving the content folder.

The content comes from anyone: a link in it may point at ``/etc/passwd``, at the folder
holding it (a loop), or be switched to another target while the build runs. Every listing
goes through ``walk``, which follows a link only to a place inside its root and enters each
folder once, and every read of a content file through ``read_inside``, which checks the file
it opened is the one inside the root.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from generator.models import Problem


class OutsideError(OSError):
    """A file links to a place outside the folder it must stay in."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(errno.EACCES, "it links outside the content folder", str(path))


def real(path: str | Path) -> str:
    """Return a path with every link resolved, as a string."""
    return os.path.realpath(path)


def is_inside(path: str | Path, root: str) -> bool:
    """Return whether path, links resolved, is root (a resolved path) or lies under it."""
    resolved = real(path)
    return resolved == root or resolved.startswith(root.rstrip(os.sep) + os.sep)


def walk(folder: str | Path, root: str | Path | None = None,
         escaping: list[str] | None = None,
         entered: list[str] | None = None) -> Iterator[tuple[str, str, os.stat_result]]:
    """Yield (path relative to folder, path, stat) of each file under folder, hidden ones aside.

    A link is followed only if it resolves inside root (by default the folder itself); the
    links that do not are appended to escaping, if given, and the real path of each folder
    entered to entered. No folder is entered twice, so links that form loops end the walk
    rather than extend it.
    """
    top = str(folder)
    inside = real(root if root is not None else folder)
    if not is_inside(top, inside):
        if escaping is not None and os.path.islink(top):
            escaping.append(top)
        return
    try:
        info = os.stat(top)
    except OSError:
        return
    seen = {(info.st_dev, info.st_ino)}
    stack = [("", top)]
    while stack:
        prefix, current = stack.pop()
        if entered is not None:
            entered.append(real(current))
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        folders = []
        for entry in entries:
            if entry.name.startswith("."):  # .git and the like, and the generator's markers
                continue
            try:
                if entry.is_symlink() and not is_inside(entry.path, inside):
                    if escaping is not None:
                        escaping.append(entry.path)
                    continue
                info = entry.stat()
            except OSError:  # a broken link, or removed while we looked
                continue
            if stat.S_ISDIR(info.st_mode):
                if (info.st_dev, info.st_ino) not in seen:
                    seen.add((info.st_dev, info.st_ino))
                    folders.append((f"{prefix}{entry.name}/", entry.path))
            elif stat.S_ISREG(info.st_mode):
                yield prefix + entry.name, entry.path, info
        stack.extend(reversed(folders))


def escaping_links(content_dir: Path) -> list[Problem]:
    """Return a warning for each link under the content folder that leads outside it."""
    found: list[str] = []
    for _ in walk(content_dir, content_dir, found):
        pass
    return [Problem(Path(path), None, "links outside the content folder "
                                      f"(to {real(path)}); skipped") for path in sorted(found)]


def read_inside(path: str | Path, root: str, limit: int | None = None) -> bytes:
    """Return a regular file's bytes (at most limit + 1 of them), if it lies inside root.

    root is a resolved path. The check is made on the file opened, so a link switched to
    another target while we read is refused, not followed.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as file:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise OSError(errno.EISDIR if stat.S_ISDIR(opened.st_mode) else errno.EINVAL,
                          "not a regular file", str(path))
        resolved = real(path)
        if not is_inside(resolved, root):
            raise OutsideError(path)
        try:
            there = os.stat(resolved)
        except OSError:
            raise OutsideError(path) from None
        if (there.st_dev, there.st_ino) != (opened.st_dev, opened.st_ino):
            raise OutsideError(path)  # switched to another file while opened
        return file.read() if limit is None else file.read(limit + 1)
