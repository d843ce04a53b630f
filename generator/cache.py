"""Keep each article's reading and extraction on disk, so that a rebuild redoes only what changed.

An entry is one file, ``<folder>/<key[:2]>/<key>.pickle``, whose key is a digest of what
extraction depends on: the article (stem, date, publisher, title, URL, cleaned text) and the
generator (its version, the Python running it, the source of every module of the package).
Editing an article or the generator therefore changes the key; old entries are never read
again and ``prune`` removes them.

``<folder>/reads.pickle`` holds every article as last read (``ReadCache``), by file: a file
whose size and modification time have not changed is not read again.

Entries are pickles. Unpickling can run code, so it is safe only on data we wrote ourselves:
the cache is a local folder written by this module alone, and anyone who can write into it
can as well edit the generator's source. The header and the SHA-256 checksum below guard
against accidents (a truncated write, a disk error, a file from another version), not against
an attacker: the checksum is verified before any byte is unpickled, and an entry that fails any
check, or cannot be read at all, is a miss that the next ``put`` overwrites, never an error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import pickle
import re
import struct
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import generator
from generator.models import Article, Candidate, Problem

Extraction = tuple[list[Candidate], list[str], set[dt.date]]
Reading = tuple[Article | None, list[Problem]]  # what articles.read_article returns

MAGIC = b"TLXCACHE"
FORMAT = 1
# magic, format, generator fingerprint, entry key, SHA-256 of the payload (which follows)
_HEADER = struct.Struct(">8sH32s32s32s")
_ENTRY = re.compile(r"[0-9a-f]{64}\.pickle")
_TEMP_PREFIX = ".tmp-"
_PICKLE_PROTOCOL = 5
READS_FILE = "reads.pickle"
READS_MAGIC = b"TLXREADS"
_READS_KEY = bytes(32)  # the one reads file needs no key
# A file changed this recently may change again within its clock's tick (2 s on FAT),
# unseen by its modification time: it is not trusted to be unchanged next time.
SETTLE_NS = 2_000_000_000


def _feed(digest, value: str | bytes | None) -> None:
    """Add one field to a digest, unambiguously: None, "" and any string differ."""
    if value is None:
        digest.update(b"N")
        return
    data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    digest.update(b"S" + len(data).to_bytes(8, "big") + data)


@functools.cache
def fingerprint() -> bytes:
    """Return a digest of the generator: its version, its Python and every module's source.

    Computed once per process, so that editing the extractor invalidates the cache.
    """
    digest = hashlib.sha256()
    _feed(digest, generator.__version__)
    _feed(digest, sys.version)
    package = Path(generator.__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        _feed(digest, path.relative_to(package).as_posix())
        _feed(digest, path.read_bytes())
    return digest.digest()


def default_cache_dir(content_dir: Path, output_dir: Path | None = None) -> Path | None:
    """Return the cache folder of a content folder, ``.timeline-cache/<name>`` beside it.

    The sub-folder per content folder keeps ``prune`` from dropping another site's entries.
    Return None (no cache) where that folder would lie inside the content or output folder.
    """
    content = content_dir.resolve()
    folder = content.parent / ".timeline-cache" / content.name
    places = [content] + ([output_dir.resolve()] if output_dir is not None else [])
    if any(place == folder or place in folder.parents for place in places):
        return None
    return folder


def _valid(value: object) -> bool:
    """Return whether an unpickled value has the shape of a stored extraction."""
    if not (isinstance(value, tuple) and len(value) == 3):
        return False
    candidates, sentences, days = value
    return (isinstance(candidates, list) and all(isinstance(c, Candidate) for c in candidates)
            and isinstance(sentences, list) and all(isinstance(s, str) for s in sentences)
            and isinstance(days, set) and all(isinstance(d, dt.date) for d in days))


def attach(found: Extraction, article: Article) -> Extraction:
    """Point the candidates of a just unpickled extraction (no one else holds them) at article."""
    for c in found[0]:
        c.article = article
    return found


def _seal(magic: bytes, fprint: bytes, key: bytes, payload: bytes) -> bytes:
    """Return the payload behind a header naming what it is and holding its checksum."""
    return _HEADER.pack(magic, FORMAT, fprint, key, hashlib.sha256(payload).digest()) + payload


def _unseal(data: bytes, magic: bytes, fprint: bytes, key: bytes) -> bytes | None:
    """Return the payload of sealed data, or None if it is another thing or damaged."""
    if len(data) < _HEADER.size:
        return None
    *found, checksum = _HEADER.unpack_from(data)
    payload = data[_HEADER.size:]
    if found != [magic, FORMAT, fprint, key] or hashlib.sha256(payload).digest() != checksum:
        return None
    return payload


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old one or the new one, never a part.

    A folder that cannot be written is skipped: it only costs the next build some time.
    """
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
        temp = None
    except OSError:
        pass
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


class ExtractionCache:
    """Extractions on disk, one file per article key; a folder of None disables the cache."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.fingerprint = fingerprint()
        self.hits = 0
        self.misses = 0
        self.seen: set[str] = set()  # keys looked up or stored: what prune() keeps

    def key(self, article: Article) -> str:
        """Return the hex key of an article's extraction under this generator."""
        digest = hashlib.sha256()
        _feed(digest, self.fingerprint)
        for part in (article.stem, article.date.isoformat() if article.date else None,
                     article.publisher, article.title, article.url, article.text):
            _feed(digest, part)
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        """Return the file of an entry."""
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, article: Article) -> Extraction | None:
        """Return the stored extraction of an article, its candidates pointing at it; else None."""
        if self.folder is None:
            self.misses += 1
            return None
        key = self.key(article)
        self.seen.add(key)
        try:
            value = self._load(key)
        except Exception:  # missing, truncated, corrupt, foreign: all mean "extract again"
            value = None
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        return attach(value, article)

    def _load(self, key: str) -> Extraction | None:
        payload = _unseal(self.path(key).read_bytes(), MAGIC, self.fingerprint, bytes.fromhex(key))
        if payload is None:
            return None
        value = pickle.loads(payload)  # only after the checksum matched; see the module notes
        return value if _valid(value) else None

    def put(self, article: Article, value: Extraction) -> None:
        """Store an article's extraction atomically; a cache that cannot be written is skipped."""
        if self.folder is None:
            return
        key = self.key(article)
        self.seen.add(key)
        candidates, sentences, days = value
        # The article is not stored: get() re-attaches the one just read.
        stored = ([replace(c, article=None) for c in candidates], list(sentences), set(days))
        payload = pickle.dumps(stored, protocol=_PICKLE_PROTOCOL)
        write_atomically(self.path(key), _seal(MAGIC, self.fingerprint, bytes.fromhex(key), payload))

    def prune(self, keep: set[str] | None = None) -> int:
        """Delete the entries not in keep (by default, those this run used) and stray temp files.

        Only files named like entries or temp files, in two-letter sub-folders, are touched.
        Return how many files were deleted.
        """
        if self.folder is None or not self.folder.is_dir():
            return 0
        keep = self.seen if keep is None else keep
        removed = 0
        for sub in self.folder.iterdir():
            if not (len(sub.name) == 2 and sub.is_dir() and not sub.is_symlink()):
                continue
            for entry in sub.iterdir():
                name = entry.name
                ours = bool(_ENTRY.fullmatch(name)) and name.startswith(sub.name)
                stale = (ours and name[:64] not in keep) or name.startswith(_TEMP_PREFIX)
                if stale and entry.is_file():
                    with contextlib.suppress(OSError):
                        entry.unlink()
                        removed += 1
            with contextlib.suppress(OSError):
                sub.rmdir()  # only if now empty
        return removed


class ReadCache:
    """Articles as last read, by file, in one file of the cache folder (None: no cache).

    A file whose size and modification time are those of the last reading, under the same
    generator and the same day (which bounds publication dates), is not read again.
    """

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / READS_FILE if folder is not None else None
        self.fingerprint = fingerprint()
        self.stored: dict[str, tuple[tuple, Reading]] = self._load()
        self.hits = 0

    def _load(self) -> dict[str, tuple[tuple, Reading]]:
        if self.path is None:
            return {}
        try:
            payload = _unseal(self.path.read_bytes(), READS_MAGIC, self.fingerprint, _READS_KEY)
            value = pickle.loads(payload) if payload is not None else None  # see the module notes
        except Exception:  # missing, truncated, corrupt, foreign: all mean "read again"
            return {}
        return value if isinstance(value, dict) else {}

    def mapper(self, inner: Callable = map) -> Callable:
        """Return a map for articles.read_articles that reads through inner only what changed."""
        def read(func: Callable, paths: list[Path], days: list[dt.date]) -> Iterable[Reading]:
            stamps = [_stamp(path, day) for path, day in zip(paths, days, strict=True)]
            results: list[Reading | None] = []
            for path, stamp in zip(paths, stamps, strict=True):
                found = self.stored.get(str(path))
                results.append(found[1] if stamp and found and found[0] == stamp else None)
            todo = [i for i, r in enumerate(results) if r is None]
            self.hits = len(paths) - len(todo)
            fresh = inner(func, [paths[i] for i in todo], [days[i] for i in todo])
            for i, reading in zip(todo, fresh, strict=True):
                results[i] = reading
            kept = {str(path): (stamp, reading) for path, stamp, reading
                    in zip(paths, stamps, results, strict=True) if stamp is not None}
            if kept.keys() != self.stored.keys() or any(stamps[i] for i in todo):
                self._save(kept)
            return results
        return read

    def _save(self, entries: dict[str, tuple[tuple, Reading]]) -> None:
        if self.path is None:
            return
        self.stored = entries
        payload = pickle.dumps(entries, protocol=_PICKLE_PROTOCOL)
        write_atomically(self.path, _seal(READS_MAGIC, self.fingerprint, _READS_KEY, payload))


def _stamp(path: Path, day: dt.date) -> tuple | None:
    """Return what identifies a file's reading (size, modification time, day), or None."""
    try:
        info = path.stat()
    except OSError:
        return None
    if not settled(info.st_mtime_ns):
        return None
    return info.st_size, info.st_mtime_ns, day.isoformat()


def settled(mtime_ns: int) -> bool:
    """Return whether a file last changed at mtime_ns can be told unchanged by size and time."""
    return time.time_ns() - mtime_ns >= SETTLE_NS
