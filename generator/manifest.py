"""Tell whether a build's inputs and output are still as the last build left them.

Like make and ninja, a file counts as unchanged while its size and modification time are;
the generator's own code counts through its fingerprint. A build whose inputs include a
file changed in the last seconds (see ``cache.settled``) leaves no record: the next build
cannot tell a second change within the same clock tick, so it runs in full.

The record lives in the content folder's cache folder and is sealed like the cache's files
(see ``generator.cache``): one that fails the seal is no record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.cache import (
    default_cache_dir,
    fingerprint,
    machine_key,
    seal,
    settled,
    unseal,
    write_atomically,
)
from generator.config import build_date_from_env, default_template_dirs, template_root
from generator.files import walk
from generator.models import Problem, Stamp

FORMAT = 2
NAME = "last-build.sealed"
MAGIC = b"TLXBUILD"
PAGES_MAGIC = b"TLXPAGES"


@dataclass(frozen=True)
class Inputs:
    """A build's inputs as they are now, and the file of the last build's record (None: none)."""

    record: Path | None
    digest: str
    settled: bool = True  # False if some input file changed too recently to be trusted
    secret: bytes = b""  # what the record is sealed with


@dataclass(frozen=True)
class Summary:
    """What the last build made and found wrong, to report again when nothing changed."""

    articles: int
    events: int
    problems: list[Problem]


def _listing(folder: Path, root: Path | None = None) -> dict[str, list[int]]:
    """Return each file under folder, hidden ones aside, with its size and mtime in ns.

    Links are followed as the build follows them: only inside root (by default the folder).
    """
    return {rel: [info.st_size, info.st_mtime_ns] for rel, _, info in walk(folder, root)}


def input_digest(content_dir: Path, template_dirs: list[Path], output_dir: Path,
                 today: dt.date, build_date: dt.date | None, fingerprint: bytes,
                 listings: list[dict[str, list[int]]]) -> str:
    """Return a digest of everything a build reads: files, generator, clock day, build date.

    listings are the _listing of the content folder, then of each template folder.
    """
    state = {
        "format": FORMAT,
        "generator": fingerprint.hex(),
        "content": [str(content_dir.resolve()), listings[0]],
        "templates": [[str(d.resolve()), listing]
                      for d, listing in zip(template_dirs, listings[1:], strict=True)],
        "output": str(output_dir.resolve()),
        "today": today.isoformat(),
        "build_date": build_date.isoformat() if build_date else None,
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode("utf-8")).hexdigest()


def inputs(content_dir: Path, output_dir: Path) -> Inputs:
    """Return the digest of a build's inputs now and where the last build's record lives."""
    folder = default_cache_dir(content_dir, output_dir)
    secret = machine_key() if folder is not None else None
    template_dirs = default_template_dirs(content_dir)
    listings = [_listing(content_dir)] + [_listing(d, template_root(d)) for d in template_dirs]
    digest = input_digest(content_dir, template_dirs, output_dir, dt.date.today(),
                          build_date_from_env(), fingerprint(), listings)
    fresh = any(not settled(mtime) for listing in listings for _, mtime in listing.values())
    record = folder / NAME if folder is not None and secret is not None else None
    return Inputs(record, digest, settled=not fresh, secret=secret or b"")


def unchanged(now: Inputs, output_dir: Path) -> Summary | None:
    """Return the last build's summary if its inputs were these and its output is intact."""
    if now.record is None:
        return None
    try:
        payload = unseal(now.record.read_bytes(), MAGIC, now.secret)
        if payload is None:
            return None
        saved = json.loads(bytes(payload))
        if saved["format"] != FORMAT or saved["inputs"] != now.digest:
            return None
        if _listing(output_dir) != saved["output"]:
            return None
        problems = [Problem(Path(p["path"]), p["line"], p["message"], p["severity"])
                    for p in saved["problems"]]
        return Summary(int(saved["articles"]), int(saved["events"]), problems)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no record, or one this version cannot read: build


def record(now: Inputs, output_dir: Path, summary: Summary) -> None:
    """Save the inputs' digest, the output as written and the summary, if there is a record file."""
    if now.record is None or not now.settled:
        return
    data = {
        "format": FORMAT,
        "inputs": now.digest,
        "output": _listing(output_dir),
        "articles": summary.articles,
        "events": summary.events,
        "problems": [{"path": str(p.path), "line": p.line, "message": p.message,
                      "severity": p.severity} for p in summary.problems],
    }
    write_atomically(now.record, seal(MAGIC, json.dumps(data).encode("utf-8"), now.secret))


def _pages_file(folder: Path, output_dir: Path) -> Path:
    """Return the file of the page keys of builds into output_dir (one per output folder)."""
    name = hashlib.sha256(str(output_dir.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return folder / f"pages-{name[:16]}.sealed"


def last_pages(folder: Path | None, secret: bytes | None, output_dir: Path) -> dict[str, Stamp]:
    """Return the last build's pages that are still on disk as it left them, with their keys.

    A page counts as unchanged while its file's inode, size and modification and change
    times are; no one can set a change time, so a page edited in place counts as changed.
    """
    if folder is None or not secret:
        return {}
    try:
        payload = unseal(_pages_file(folder, output_dir).read_bytes(), PAGES_MAGIC, secret)
        saved = json.loads(bytes(payload)) if payload is not None else {}
    except (OSError, ValueError):
        return {}
    root = output_dir.resolve()
    found: dict[str, Stamp] = {}
    for rel, (key, inode, size, mtime_ns, ctime_ns) in saved.items():
        try:
            info = (root / rel).lstat()
        except OSError:
            continue
        if (stat.S_ISREG(info.st_mode)
                and (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
                == (inode, size, mtime_ns, ctime_ns)):
            found[rel] = Stamp(key, inode, size, mtime_ns, ctime_ns)
    return found


def record_pages(folder: Path | None, secret: bytes | None, output_dir: Path,
                 keys: dict[str, str]) -> None:
    """Save each page's key with its file's stamp as written, for the next build to keep."""
    if folder is None or not secret:
        return
    root = output_dir.resolve()
    saved = {}
    for rel, key in keys.items():
        try:
            info = (root / rel).lstat()
        except OSError:
            continue
        saved[rel] = [key, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]
    write_atomically(_pages_file(folder, output_dir),
                     seal(PAGES_MAGIC, json.dumps(saved).encode("utf-8"), secret))
