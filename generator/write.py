"""Write a built site to the output folder all at once, never leaving it half-written.

The design, so that the output folder holds one whole site at every instant and no file the
generator did not write is ever lost:

- The new site is written into a staging folder beside the output (``.<name>.new-*``). Its
  marker file (``.timeline-build``, written first) lists every file the generator writes.
- Every other entry of the old output (``.git``, ``CNAME``, ``events/notes.txt``: anything
  not listed in the old marker) is carried into the staging tree as a hard link (a copy
  where the file system has none), so the user's files are never moved or changed and stay
  in the old tree until the swap. A user's file at a path the new site writes stops the
  build with an error naming it: the generator never overwrites what it did not write.
- The staging folder and the output are then exchanged in one atomic step (Linux's
  ``renameat2(RENAME_EXCHANGE)``); elsewhere, two renames, the old output first moved to
  ``.<name>.old-*``. The old tree is then removed, after carrying over anything the user
  added to it while the build ran.
- A lock (``flock`` on ``.<name>.lock`` beside the output) lets one build at a time write;
  a second waits for the first. Under the lock, each build first repairs what a killed build
  left: a missing output is put back from its old tree, and every staging or old tree is
  removed once the user's entries in it that the output lacks have been carried over. Since
  staging trees hold only the generator's files and links, and old trees are removed only
  after that carrying, a kill at any instant loses nothing.

A folder that cannot be written (read-only, a mount point, full) is an ``OutputError`` with
one line saying so.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from generator.models import Kept

try:
    import fcntl
except ImportError:  # not POSIX: no lock
    fcntl = None  # type: ignore[assignment]

MARKER = ".timeline-build"
LOCK_WAIT_S = 600  # a build waits this long for another one writing the same folder
_NOTE = "Written by timeline build; the files listed are replaced on every build."


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


def write_output(files: dict[str, str | bytes | Kept], output_dir: Path) -> None:
    """Write every file into a fresh folder, then swap it in for the old output."""
    output_dir = output_dir.resolve()
    names = _checked_names(files)
    try:
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        if output_dir.is_dir() and os.path.ismount(output_dir):
            raise OutputError(f"{output_dir}: is a mount point, which cannot be replaced; "
                              f"build into a folder inside it instead")
        if os.path.lexists(output_dir) and not output_dir.is_dir():
            raise OutputError(f"{output_dir}: exists and is not a folder")
        with _locked(output_dir):
            repair(output_dir)
            _write_and_swap(files, names, output_dir)
    except OSError as err:
        raise _output_error(err, output_dir) from None


def _checked_names(files: dict[str, str | bytes]) -> dict[str, tuple[str, ...]]:
    """Return each file's path parts, refusing any path that could leave the output folder."""
    names = {}
    for rel in files:
        parts = PurePosixPath(rel).parts
        if (not parts or parts[0] == "/" or ".." in parts or "\\" in rel or rel == MARKER
                or any("\0" in part for part in parts)):
            raise OutputError(f"refusing to write outside the output folder: {rel!r}")
        names[rel] = parts
    return names


def _output_error(err: OSError, output_dir: Path) -> OutputError:
    """Return a one-line error for a failure of the file system under the output folder."""
    reason = err.strerror or str(err)
    if err.errno in (errno.EXDEV, errno.EBUSY):
        return OutputError(f"{output_dir}: cannot be replaced ({reason}): it is a mount point "
                           "or on another device than its parent; build into a folder inside it")
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return OutputError(f"{output_dir}: cannot write the site there ({reason}); "
                           "choose a writable --output")
    where = f" ({err.filename})" if err.filename else ""
    return OutputError(f"{output_dir}: cannot write the site: {reason}{where}")


@contextlib.contextmanager
def _locked(output_dir: Path) -> Iterator[None]:
    """Hold the lock beside the output folder, waiting for a build that holds it."""
    if fcntl is None:
        yield
        return
    lock = output_dir.parent / f".{output_dir.name}.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OutputError(f"{output_dir}: another build has been writing it for "
                                      f"{LOCK_WAIT_S} s (lock {lock}); try again when it ends"
                                      ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def _write_and_swap(files: dict[str, str | bytes | Kept], names: dict[str, tuple[str, ...]],
                    output_dir: Path) -> None:
    """Stage the new site with the user's entries of the old one, then swap it in."""
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.new-", dir=output_dir.parent))
    try:
        os.chmod(staging, _folder_mode(output_dir))  # mkdtemp's 0700 would hide it from servers
        _write_marker(staging, sorted(files))
        previous = written_files(output_dir) or set()
        made = {()}
        new_root, old_root = str(staging), str(output_dir)
        for rel, data in sorted(files.items()):
            parts = names[rel]
            if parts[:-1] not in made:  # the staging folder is ours: no links to follow
                os.makedirs(os.path.join(new_root, *parts[:-1]), exist_ok=True)
                made.add(parts[:-1])
            target = os.path.join(new_root, *parts)
            if isinstance(data, Kept):
                if rel in previous and _link_kept(os.path.join(old_root, *parts), data, target):
                    continue
                data = data.render()
            if isinstance(data, str):
                data = data.encode("utf-8", errors="replace")  # lone surrogates
            if rel in previous and _link_if_same(os.path.join(old_root, *parts), data, target):
                continue
            with open(target, "wb") as file:
                file.write(data)
        if not output_dir.exists():
            os.rename(staging, output_dir)
            return
        _carry_into_staging(output_dir, staging, set(files))
        exchanged = _exchange(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # only our files and links: nothing lost
        raise
    if exchanged:
        _retire(staging, output_dir)  # now the old tree
        return
    old = None
    try:
        old = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.old-", dir=output_dir.parent))
        os.replace(output_dir, old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None and output_dir.is_dir():
            shutil.rmtree(old, ignore_errors=True)  # still the empty folder mkdtemp made
        raise
    try:
        os.replace(staging, output_dir)
    except BaseException:
        os.replace(old, output_dir)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _retire(old, output_dir)


def _link_if_same(old: str, data: bytes, target: str) -> bool:
    """Hard-link the last build's file as target if it holds exactly data; say if it did.

    An unchanged page is then neither written again nor given a new modification time, so
    a deploy that copies changed files (rsync, a CDN) sends only what changed.
    """
    try:
        fd = os.open(old, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:  # gone, unreadable, or a link: write it
        return False
    with open(fd, "rb") as file:
        try:
            info = os.fstat(fd)
            if (not stat.S_ISREG(info.st_mode) or info.st_size != len(data)
                    or file.read(len(data) + 1) != data):
                return False
            os.link(old, target, follow_symlinks=False)
            linked = os.lstat(target)
        except OSError:  # no hard links on this file system: write it
            return False
    if (linked.st_dev, linked.st_ino) != (info.st_dev, info.st_ino):  # swapped meanwhile
        os.unlink(target)
        return False
    return True


def _link_kept(old: str, kept: Kept, target: str) -> bool:
    """Hard-link the last build's file as target if it is still as stamped; say if it did."""
    stamp = kept.stamp
    try:
        found = os.lstat(old)
        if (not stat.S_ISREG(found.st_mode)
                or (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
                != (stamp.inode, stamp.size, stamp.mtime_ns, stamp.ctime_ns)):
            return False  # changed since it was checked: render it
        os.link(old, target, follow_symlinks=False)
        linked = os.lstat(target)
    except OSError:  # gone, or no hard links on this file system: render it
        return False
    if linked.st_ino != stamp.inode:  # swapped meanwhile
        os.unlink(target)
        return False
    return True


def _folder_mode(output_dir: Path) -> int:
    """Return the permissions of the output folder, or those a new folder gets."""
    try:
        return stat.S_IMODE(output_dir.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o777 & ~umask


def _carry_into_staging(output_dir: Path, staging: Path, new_files: set[str]) -> None:
    """Link every entry of the old output the generator did not write into the staging tree."""
    ours = written_files(output_dir)
    entries = _user_entries(output_dir, ours)
    new_dirs = {folder for rel in new_files for folder in _folders_of(rel)}
    clashes = [rel for rel, kind in entries
               if rel in new_files or (kind != "dir" and rel in new_dirs)
               or any(folder in new_files for folder in _folders_of(rel))]
    if clashes:
        raise OutputError(f"{output_dir}: holds {', '.join(clashes[:3])}"
                          f"{'...' if len(clashes) > 3 else ''}, which this generator did not "
                          "write, where the new site writes; move them away, then build again")
    for rel, kind in entries:
        source, target = output_dir / rel, staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "dir":
            target.mkdir(exist_ok=True)
            shutil.copystat(source, target, follow_symlinks=False)
        elif kind == "link":
            os.symlink(os.readlink(source), target)
        else:
            try:
                os.link(source, target, follow_symlinks=False)
            except OSError:  # a file system without hard links: copy
                shutil.copy2(source, target, follow_symlinks=False)


def _folders_of(rel: str) -> Iterator[str]:
    """Yield the folders a relative path lies in, innermost first ("a/b/c" gives a/b, a)."""
    end = rel.rfind("/")
    while end > 0:
        yield rel[:end]
        end = rel.rfind("/", 0, end)


def _user_entries(tree: Path, ours: set[str] | None) -> list[tuple[str, str]]:
    """Return the entries under tree the generator did not write, with their kind.

    A kind is "file", "link" or "dir" (a folder holding nothing the generator wrote, listed
    before what it holds). ours None (an older generator's marker, which lists nothing) counts
    every entry but dot-files as the generator's.
    """
    found: list[tuple[str, str]] = []
    device = tree.stat().st_dev
    ours_dirs = {folder for rel in ours or () for folder in _folders_of(rel)}
    stack = [("", tree)]
    while stack:
        prefix, folder = stack.pop()
        for entry in sorted(os.scandir(folder), key=lambda e: e.name, reverse=True):
            rel = prefix + entry.name
            if rel == MARKER:
                continue
            legacy_ours = ours is None and not rel.startswith(".")
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                if info.st_dev != device:
                    raise OutputError(f"{tree}: holds a mount point ({rel}); it cannot be "
                                      "replaced safely")
                if not legacy_ours and rel not in ours_dirs:
                    found.append((rel, "dir"))
                stack.append((rel + "/", Path(entry.path)))
            elif legacy_ours or (ours is not None and rel in ours):
                continue
            elif stat.S_ISLNK(info.st_mode):
                found.append((rel, "link"))
            elif stat.S_ISREG(info.st_mode):
                found.append((rel, "file"))
            else:
                raise OutputError(f"{tree}: holds {rel}, neither a file, a folder nor a link; "
                                  "move it away, then build again")
    found.sort(key=lambda item: item[0].split("/"))
    return found


def written_files(output_dir: Path) -> set[str] | None:
    """Return the files the generator wrote into a folder, from its marker.

    An empty set if there is no marker (nothing there is the generator's); None if the marker
    lists nothing (an older generator's, which replaced every file but dot-files).
    """
    try:
        text = (output_dir / MARKER).read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    except (OSError, UnicodeDecodeError):
        return None
    try:
        listed = json.loads(text)["files"]
    except (ValueError, KeyError, TypeError):
        return None
    return {name for name in listed if isinstance(name, str)} if isinstance(listed, list) else None


def _write_marker(folder: Path, names: list[str]) -> None:
    data = {"note": _NOTE, "files": names}
    (folder / MARKER).write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step; return False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                 _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # old kernel, or file system
        return False
    raise OSError(code, os.strerror(code), str(second))


def _retire(old: Path, output_dir: Path) -> None:
    """Carry what the user added to an old or staging tree into the output, then remove it."""
    if not (old / MARKER).exists():
        shutil.rmtree(old, ignore_errors=True)  # a staging tree killed before its marker
        return
    ours = written_files(old)
    kept = False
    for rel, kind in _user_entries(old, ours):
        target = output_dir / rel
        if os.path.lexists(target):
            continue
        if not target.parent.is_dir() or target.parent.is_symlink():
            kept = True  # its place is taken: keep the tree rather than lose the entry
            continue
        if kind == "dir":
            target.mkdir()
        else:
            os.rename(old / rel, target)
    if not kept:
        shutil.rmtree(old, ignore_errors=True)


def repair(output_dir: Path) -> None:
    """Put back an output folder a killed build left missing, and clear every leftover tree.

    Call with the lock held: then no other build is using the trees.
    """
    parent, name = output_dir.parent, output_dir.name
    stale = sorted((p for p in parent.iterdir()
                    if p.name.startswith((f".{name}.new-", f".{name}.old-")) and p.is_dir()
                    and not p.is_symlink()), key=lambda p: p.stat().st_mtime)
    legacy = sorted((p for p in parent.glob(f".{name}-old-*/site") if p.is_dir()),
                    key=lambda p: p.stat().st_mtime)  # left by this generator before 2026-12
    if not os.path.lexists(output_dir):
        old_trees = [p for p in stale if p.name.startswith(f".{name}.old-")] or legacy
        if old_trees:
            os.rename(old_trees[-1], output_dir)
            if old_trees[-1] in stale:
                stale.remove(old_trees[-1])
            else:
                with contextlib.suppress(OSError):
                    old_trees[-1].parent.rmdir()
    for tree in stale:
        if output_dir.is_dir():
            _retire(tree, output_dir)
        else:  # the output was removed by hand: so were the files these trees link to
            shutil.rmtree(tree, ignore_errors=True)
