"""The on-disk cache of each article's extraction: hits, misses, corruption, atomic writes."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import secrets
import shutil
import stat
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

import generator
import generator.build
from generator import cache as cache_mod
from generator.articles import read_articles
from generator.cache import ExtractionCache, ReadCache, default_cache_dir, load_state, store_state
from tests.helpers import TRIGGERS, article

TEXTS = {
    "a": "Rebels seized the town of Goma on Saturday.\nThe army said it had withdrawn last June.",
    "b": "The two sides signed a ceasefire agreement in Doha on Friday.",
    "c": "Protesters marched through Kinshasa on Wednesday, the police said.",
}


class Counter:
    """The real extractor, counting the articles it reads."""

    def __init__(self) -> None:
        self.stems: list[str] = []

    def __call__(self, art, triggers):
        self.stems.append(art.stem)
        return generator.build.extract(art, triggers)


def run(cache: ExtractionCache, articles, extract) -> list:
    """Extract every article as a build does: from the cache, else afresh and stored."""
    results = []
    for art in articles:
        found = cache.get(art)
        if found is None:
            found = extract(art, TRIGGERS)
            cache.put(art, found)
        results.append(found)
    return results


def arts(texts: dict[str, str]):
    return [article(text, stem=stem, publisher="Example News") for stem, text in texts.items()]


def entry_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_a_second_run_reads_only_the_changed_and_the_added_article(tmp_path):
    first = Counter()
    run(ExtractionCache(tmp_path), arts({"a": TEXTS["a"], "b": TEXTS["b"]}), first)
    assert first.stems == ["a", "b"]

    second, cache = Counter(), ExtractionCache(tmp_path)
    changed = {"a": TEXTS["a"], "b": TEXTS["b"].replace("Friday", "Thursday"), "c": TEXTS["c"]}
    run(cache, arts(changed), second)
    assert second.stems == ["b", "c"]
    assert (cache.hits, cache.misses) == (1, 2)


def test_a_cached_extraction_equals_a_fresh_one(tmp_path):
    run(ExtractionCache(tmp_path), arts(TEXTS), Counter())
    cache, fresh = ExtractionCache(tmp_path), arts(TEXTS)
    cached = run(cache, fresh, Counter())
    assert cache.hits == 3
    assert cached == [generator.build.extract(art, TRIGGERS) for art in fresh]
    assert any(candidates for candidates, _, _, _ in cached)  # the comparison is not vacuous


def test_loaded_candidates_point_at_the_article_just_read(tmp_path):
    run(ExtractionCache(tmp_path), arts(TEXTS), Counter())
    new = article(TEXTS["a"], stem="a", publisher="Example News")
    candidates, _, _, _ = ExtractionCache(tmp_path).get(new)
    assert candidates
    assert all(c.article is new for c in candidates)


def test_the_stored_entry_holds_no_article(tmp_path):
    cache = ExtractionCache(tmp_path)
    art = arts(TEXTS)[0]
    cache.put(art, generator.build.extract(art, TRIGGERS))
    [path] = entry_files(tmp_path)
    assert b"withdrawn last June." in path.read_bytes()  # the sentences are stored...
    assert b"Example News" not in path.read_bytes()  # ... the article they came from is not


@pytest.mark.parametrize("field", ["stem", "date", "publisher", "title", "url", "text"])
def test_every_field_extraction_depends_on_changes_the_key(field):
    cache = ExtractionCache(None)
    art = arts(TEXTS)[0]
    other = article(TEXTS["a"] + "\nMore.", stem="a", publisher="Example News")
    changed = {"stem": {"stem": "z"}, "date": {"date": dt.date(2025, 4, 29)},
               "publisher": {"publisher": None}, "title": {"title": "T"},
               "url": {"url": "https://example.org/"}, "text": {"paragraphs": other.paragraphs}}
    assert cache.key(art) != cache.key(type(art)(**{**vars(art), **changed[field]}))


def test_author_and_path_do_not_change_the_key():
    cache = ExtractionCache(None)
    art = arts(TEXTS)[0]
    assert cache.key(art) == cache.key(type(art)(**{**vars(art), "author": "X", "path": Path("y")}))


def corrupt_random(data: bytes) -> bytes:
    return os.urandom(len(data))


def corrupt_truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def corrupt_payload(data: bytes) -> bytes:  # the stored HMAC no longer matches
    return data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]


def corrupt_seal(data: bytes) -> bytes:
    at = cache_mod._HEADER.size - 1  # the HMAC's last byte
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]


def corrupt_empty(data: bytes) -> bytes:
    return b""


@pytest.mark.parametrize("corrupt", [corrupt_random, corrupt_truncated, corrupt_payload,
                                     corrupt_seal, corrupt_empty])
def test_a_corrupt_entry_is_a_miss_and_is_replaced(tmp_path, corrupt):
    articles = arts(TEXTS)
    run(ExtractionCache(tmp_path), articles, Counter())
    path = ExtractionCache(tmp_path).path(ExtractionCache(tmp_path).key(articles[0]))
    path.write_bytes(corrupt(path.read_bytes()))

    counter, cache = Counter(), ExtractionCache(tmp_path)
    run(cache, articles, counter)
    assert counter.stems == ["a"]
    assert (cache.hits, cache.misses) == (2, 1)

    again = ExtractionCache(tmp_path)
    run(again, articles, Counter())
    assert again.hits == 3  # the corrupt entry was overwritten with a good one


def entry_bytes(cache: ExtractionCache, key: str, payload: bytes, mac: bytes) -> bytes:
    fields = cache_mod._FIELDS.pack(cache_mod.MAGIC, cache_mod.FORMAT, cache.fingerprint,
                                    bytes.fromhex(key))
    return fields + mac + payload


def sealed_entry(cache: ExtractionCache, key: str, payload: bytes, secret: bytes | None = None) -> bytes:
    """Return an entry as put() writes it, sealed with secret (by default the cache's own)."""
    mac = cache_mod._mac(cache.secret if secret is None else secret,
                         cache_mod._FIELDS.pack(cache_mod.MAGIC, cache_mod.FORMAT, cache.fingerprint,
                                                bytes.fromhex(key)), payload)
    return entry_bytes(cache, key, payload, mac)


def old_format(magic: bytes, key: bytes, payload: bytes) -> bytes:
    """Return a file as format 1 sealed it: anyone could recompute its SHA-256 checksum."""
    header = struct.pack(">8sH32s32s32s", magic, 1, cache_mod.fingerprint(), key,
                         hashlib.sha256(payload).digest())
    return header + payload


class Mkdir:
    """Unpickles as a call of os.mkdir: a visible side effect of loading a payload."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return os.mkdir, (str(self.path),)


def test_a_payload_is_unpickled_only_once_its_hmac_matches(tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    art = arts(TEXTS)[0]
    key = cache.key(art)
    cache.path(key).parent.mkdir(parents=True)
    marker = tmp_path / "unpickled"
    payload = pickle.dumps(Mkdir(marker))

    forgeries = [entry_bytes(cache, key, payload, hashlib.sha256(payload).digest()),  # a checksum
                 sealed_entry(cache, key, payload, secrets.token_bytes(32)),  # another key
                 old_format(cache_mod.MAGIC, bytes.fromhex(key), payload)]
    for forged in forgeries:
        cache.path(key).write_bytes(forged)
        assert cache.get(art) is None
        assert not marker.exists()

    # The same payload sealed with the key is unpickled (so the seal is what stopped it),
    # and its value, not an extraction, is still a miss.
    cache.path(key).write_bytes(sealed_entry(cache, key, payload))
    assert cache.get(art) is None
    assert marker.is_dir()
    assert (cache.hits, cache.misses) == (0, 4)


@pytest.mark.parametrize("payload", [
    b"not a pickle",
    pickle.dumps("a string"),
    pickle.dumps(([1], ["sentence"], set())),
    pickle.dumps(([], ["sentence"], {"2025-04-26"})),
    pickle.dumps(([], [b"bytes"], set())),
    pickle.dumps([[], [], set()]),
], ids=["not-a-pickle", "a-string", "no-candidates", "no-dates", "no-texts", "a-list"])
def test_a_sealed_entry_that_is_no_extraction_is_a_miss(tmp_path, payload):
    cache = ExtractionCache(tmp_path)
    art = arts(TEXTS)[0]
    key = cache.key(art)
    cache.path(key).parent.mkdir(parents=True)
    cache.path(key).write_bytes(sealed_entry(cache, key, payload))
    assert cache.get(art) is None
    assert (cache.hits, cache.misses) == (0, 1)


def test_an_entry_of_another_generator_fingerprint_is_a_miss(tmp_path, monkeypatch):
    articles = arts(TEXTS)
    old = ExtractionCache(tmp_path)
    run(old, articles, Counter())
    old_path = old.path(old.key(articles[0]))

    monkeypatch.setattr(cache_mod, "fingerprint", lambda: hashlib.sha256(b"0.2.0").digest())
    counter, new = Counter(), ExtractionCache(tmp_path)
    assert new.get(articles[0]) is None  # another key...
    new_path = new.path(new.key(articles[0]))
    new_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(old_path, new_path)
    assert new.get(articles[0]) is None  # ... and, found under this one, another header
    run(new, articles, counter)
    assert counter.stems == ["a", "b", "c"]


def test_the_fingerprint_covers_the_version_and_every_module_source(tmp_path, monkeypatch):
    package = tmp_path / "generator"
    shutil.copytree(Path(generator.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(generator, "__file__", str(package / "__init__.py"))
    compute = cache_mod.fingerprint.__wrapped__  # uncached
    base = compute()
    assert compute() == base

    module = package / "temporal" / "normalize.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = compute()
    assert edited != base

    monkeypatch.setattr(generator, "__version__", "99.0")
    assert compute() != edited


def test_the_fingerprint_is_computed_once_per_process():
    assert cache_mod.fingerprint() is cache_mod.fingerprint()


def test_a_disabled_cache_always_misses_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cache, counter = ExtractionCache(None), Counter()
    run(cache, arts(TEXTS), counter)
    run(cache, arts(TEXTS), counter)
    assert counter.stems == ["a", "b", "c"] * 2
    assert (cache.hits, cache.misses) == (0, 6)
    assert cache.prune() == 0
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_entry_whole_and_no_temp_file(tmp_path, monkeypatch):
    cache = ExtractionCache(tmp_path)
    art = arts(TEXTS)[0]
    good = generator.build.extract(art, TRIGGERS)
    cache.put(art, good)
    before = entry_files(tmp_path)

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    cache.put(art, ([], (1, "something"), set(), []))  # a failed write is not an error
    monkeypatch.undo()

    assert entry_files(tmp_path) == before
    assert ExtractionCache(tmp_path).get(art) == good


def test_an_interrupted_write_leaves_the_old_entry_whole_and_no_temp_file(tmp_path, monkeypatch):
    cache = ExtractionCache(tmp_path)
    art = arts(TEXTS)[0]
    good = generator.build.extract(art, TRIGGERS)
    cache.put(art, good)
    before = entry_files(tmp_path)
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fd, mode):
            self.file = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, data):
            self.file.write(data[: len(data) // 2])
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "fdopen", HalfWriter)
    with pytest.raises(KeyboardInterrupt):
        cache.put(art, ([], (1, "something"), set(), []))
    monkeypatch.undo()

    assert entry_files(tmp_path) == before
    assert ExtractionCache(tmp_path).get(art) == good


def test_an_unwritable_cache_folder_only_misses(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    cache, counter = ExtractionCache(blocker), Counter()
    run(cache, arts(TEXTS), counter)
    run(cache, arts(TEXTS), counter)
    assert counter.stems == ["a", "b", "c"] * 2
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"


def test_prune_drops_entries_of_articles_gone_and_keeps_foreign_files(tmp_path):
    run(ExtractionCache(tmp_path), arts(TEXTS), Counter())
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "ab").mkdir(exist_ok=True)
    (tmp_path / "ab" / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "ab" / ".tmp-left-by-a-crash").write_bytes(b"partial")

    cache = ExtractionCache(tmp_path)
    kept = arts({"a": TEXTS["a"], "c": TEXTS["c"]})
    run(cache, kept, Counter())
    assert cache.prune() == 2  # b's entry and the stray temp file

    assert sorted(p.name for p in entry_files(tmp_path)) == sorted(
        [f"{cache.key(art)}.pickle" for art in kept] + ["notes.txt", "notes.txt"])
    again = ExtractionCache(tmp_path)
    run(again, kept, Counter())
    assert again.hits == 2


def test_the_default_folder_is_in_the_users_cache_folder_one_per_content_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("TIMELINE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    content = tmp_path / "site" / "content"
    folder = default_cache_dir(content, tmp_path / "site" / "output")
    assert folder.parent == (tmp_path / "xdg" / "timeline").resolve()
    assert folder.name.startswith("site-content-")
    assert default_cache_dir(content) == folder
    assert default_cache_dir(tmp_path / "site" / "." / "content") == folder  # by resolved path
    others = {default_cache_dir(tmp_path / "other" / "content"), default_cache_dir(tmp_path / "site")}
    assert folder not in others and len(others) == 2  # two sites never share a folder

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir(content) == (tmp_path / "home" / ".cache" / "timeline").resolve() / folder.name


def test_timeline_cache_dir_chooses_the_folder_and_empty_means_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "ci-cache"))
    assert default_cache_dir(tmp_path / "content").parent == (tmp_path / "ci-cache").resolve()
    monkeypatch.setenv("TIMELINE_CACHE_DIR", "")
    assert default_cache_dir(tmp_path / "content") is None


def test_the_tests_cache_folder_is_not_the_users(cache_root):
    assert cache_mod.cache_root() == cache_root.resolve()
    assert Path.home() / ".cache" not in [cache_root, *cache_root.parents]


@pytest.mark.parametrize("root", ["output", "output/cache", "content", "content/.cache"])
def test_no_default_folder_inside_the_output_or_content_folder(tmp_path, monkeypatch, root):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / root))
    assert default_cache_dir(tmp_path / "content", tmp_path / "output") is None


def test_no_default_folder_inside_the_content_folder():
    assert default_cache_dir(Path("/")) is None


# The read cache: articles as last read, by file.

PORT = "Title: Port\nDate: 2025-04-28\nPublisher: Daily\n\nThe port reopened to ships on Saturday.\n"


def named(title: str) -> str:
    """Return the port article about another place, so that no two texts are the same."""
    return PORT.replace("Port", title).replace("port", title.lower())
DAY = dt.date(2025, 5, 1)
AN_HOUR_AGO = 3600


def content_with(tmp_path: Path, files: dict[str, str]) -> Path:
    """Write a content folder whose files were last changed an hour ago."""
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        set_file(folder / name, text)
    return tmp_path / "content"


def set_file(path: Path, text: str, age: int = AN_HOUR_AGO) -> None:
    path.write_text(text, encoding="utf-8")
    then = path.stat().st_mtime - age
    os.utime(path, (then, then))


def read_through(cache_dir: Path, content: Path, day: dt.date = DAY):
    """Read the articles as a build does; return them, the problems and the files read."""
    read: list[str] = []

    def counting(func, paths, days):
        read.extend(p.name for p in paths)
        return map(func, paths, days)

    articles, problems = read_articles(content, day, ReadCache(cache_dir).mapper(counting))
    return articles, problems, read


def test_a_second_reading_reads_only_the_changed_and_the_added_file(tmp_path):
    content = content_with(tmp_path, {"a.txt": PORT, "b.txt": named("Dock")})
    assert read_through(tmp_path / "cache", content)[2] == ["a.txt", "b.txt"]
    set_file(content / "articles" / "b.txt", named("Harbour"))
    set_file(content / "articles" / "c.txt", named("Mill"))
    articles, _, read = read_through(tmp_path / "cache", content)
    assert read == ["b.txt", "c.txt"]
    assert [a.title for a in articles] == ["Port", "Harbour", "Mill"]


def test_articles_and_problems_from_the_cache_equal_a_fresh_reading(tmp_path):
    content = content_with(tmp_path, {"a.txt": PORT, "undated.txt": "The port reopened on Saturday.\n"})
    fresh = read_through(tmp_path / "cache", content)
    again = read_through(tmp_path / "cache", content)
    assert again[2] == []
    assert again[:2] == fresh[:2]
    assert any("no 'Date:' header" in p.message for p in again[1])


def test_another_day_reads_every_file_again(tmp_path):
    future = PORT.replace("2025-04-28", "2025-06-01")
    content = content_with(tmp_path, {"a.txt": future})
    _, problems, _ = read_through(tmp_path / "cache", content, dt.date(2025, 7, 1))
    assert not problems
    _, problems, read = read_through(tmp_path / "cache", content, DAY)
    assert read == ["a.txt"]
    assert any("in the future" in p.message for p in problems)


def test_a_file_changed_moments_ago_is_read_again_next_time(tmp_path):
    content = content_with(tmp_path, {"a.txt": PORT})
    set_file(content / "articles" / "a.txt", PORT, age=0)  # its clock tick may not be over
    read_through(tmp_path / "cache", content)
    assert read_through(tmp_path / "cache", content)[2] == ["a.txt"]


def test_a_deleted_file_leaves_the_cache(tmp_path):
    content = content_with(tmp_path, {"a.txt": PORT, "b.txt": named("Dock")})
    read_through(tmp_path / "cache", content)
    (content / "articles" / "b.txt").unlink()
    articles, _, _ = read_through(tmp_path / "cache", content)
    assert [a.title for a in articles] == ["Port"]
    assert list(ReadCache(tmp_path / "cache").stored) == [str(content / "articles" / "a.txt")]


@pytest.mark.parametrize("corrupt", [b"", b"garbage", None])
def test_a_corrupt_read_cache_means_reading_everything_again(tmp_path, corrupt):
    content = content_with(tmp_path, {"a.txt": PORT})
    fresh = read_through(tmp_path / "cache", content)
    stored = tmp_path / "cache" / cache_mod.READS_FILE
    data = stored.read_bytes()
    stored.write_bytes(data[:-1] + bytes([data[-1] ^ 1]) if corrupt is None else corrupt)
    again = read_through(tmp_path / "cache", content)
    assert again[2] == ["a.txt"]
    assert again[:2] == fresh[:2]


def test_a_read_cache_of_another_generator_is_not_used(tmp_path, monkeypatch):
    content = content_with(tmp_path, {"a.txt": PORT})
    read_through(tmp_path / "cache", content)
    monkeypatch.setattr(cache_mod, "fingerprint", lambda: b"\x01" * 32)
    assert read_through(tmp_path / "cache", content)[2] == ["a.txt"]


def test_no_read_cache_folder_reads_every_time_and_writes_nothing(tmp_path):
    content = content_with(tmp_path, {"a.txt": PORT})
    cache = ReadCache(None)
    for _ in range(2):
        articles, _ = read_articles(content, DAY, cache.mapper())
        assert [a.title for a in articles] == ["Port"]
        assert cache.hits == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


# The attack: whoever supplies the content must not make the build run code.

def built_site(tmp_path: Path) -> tuple[Path, Path, list[Path]]:
    """Build a small site once; return its content and output folders and its entry files."""
    content = content_with(tmp_path, {"a.txt": PORT, "b.txt": named("Dock")})
    output = tmp_path / "output"
    result = generator.build.build(content, output)
    assert len(result.articles) == 2
    folder = default_cache_dir(content, output)
    entries = sorted(folder.glob("??/*.pickle"))
    assert len(entries) == 2 and (folder / cache_mod.READS_FILE).is_file()
    return content, output, [p.relative_to(folder) for p in entries]


def plant(folder: Path, entries: list[Path], forge: Callable[[bytes, bytes, bytes], bytes],
          payload: bytes) -> None:
    """Write a forged reads file and forged entries into folder, each from (magic, key, payload)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / cache_mod.READS_FILE).write_bytes(forge(cache_mod.READS_MAGIC, bytes(32), payload))
    for entry in entries:
        (folder / entry).parent.mkdir(parents=True, exist_ok=True)
        (folder / entry).write_bytes(forge(cache_mod.MAGIC, bytes.fromhex(entry.stem), payload))


def hmac_under(secret: bytes) -> Callable[[bytes, bytes, bytes], bytes]:
    def forge(magic: bytes, key: bytes, payload: bytes) -> bytes:
        return cache_mod._seal(magic, cache_mod.fingerprint(), key, payload, secret)
    return forge


@pytest.mark.parametrize("where", ["old-folder-beside-the-content", "checksum-in-the-cache-folder",
                                   "wrong-hmac-in-the-cache-folder"])
def test_a_planted_pickle_never_runs_and_the_build_succeeds(tmp_path, where):
    content, output, entries = built_site(tmp_path)
    marker = tmp_path / "the-payload-ran"
    payload = pickle.dumps(Mkdir(marker))
    if where == "old-folder-beside-the-content":  # as the content once brought it, format 1
        plant(content.parent / ".timeline-cache" / content.name, entries, old_format, payload)
    elif where == "checksum-in-the-cache-folder":  # format 1's seal, recomputed
        plant(default_cache_dir(content, output), entries, old_format, payload)
    else:
        plant(default_cache_dir(content, output), entries, hmac_under(secrets.token_bytes(32)), payload)

    result = generator.build.build(content, output, force=True)
    assert not marker.exists()
    assert len(result.articles) == 2 and result.events
    assert (output / "index.html").is_file()


def test_an_old_cache_beside_the_content_is_never_read_nor_written(tmp_path):
    content = content_with(tmp_path, {"a.txt": PORT})
    old = tmp_path / ".timeline-cache" / "content"
    old.mkdir(parents=True)
    (old / cache_mod.READS_FILE).write_bytes(b"left by an old version")
    generator.build.build(content, tmp_path / "output")
    assert sorted(p.name for p in old.iterdir()) == [cache_mod.READS_FILE]
    assert (old / cache_mod.READS_FILE).read_bytes() == b"left by an old version"


# The key.

def test_the_key_is_made_once_readable_by_its_owner_alone(cache_root):
    key = cache_mod.machine_key()
    assert len(key) == 32
    assert stat.S_IMODE((cache_root / "key").stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_root.stat().st_mode) == 0o700
    assert cache_mod.machine_key() == key
    assert (cache_root / "key").read_bytes() == key
    assert sorted(p.name for p in cache_root.iterdir()) == ["key"]  # no temp file left


def test_making_a_key_never_replaces_one(cache_root):
    key = cache_mod.machine_key()
    cache_mod._make_key(cache_root / "key")  # as a second build racing the first would
    assert cache_mod.machine_key() == key
    assert sorted(p.name for p in cache_root.iterdir()) == ["key"]


def new_key(root: Path) -> None:
    (root / "key").unlink()
    cache_mod.machine_key()


def test_a_changed_key_invalidates_every_cache_file(tmp_path, cache_root):
    content = content_with(tmp_path, {"a.txt": PORT, "b.txt": named("Dock")})
    output = tmp_path / "output"
    generator.build.build(content, output)
    assert generator.build.build(content, output).up_to_date

    new_key(cache_root)
    assert not generator.build.build(content, output).up_to_date  # the record is no record
    articles = arts(TEXTS)
    run(ExtractionCache(tmp_path / "entries"), articles, Counter())
    assert read_through(tmp_path / "reads", content)[2] == ["a.txt", "b.txt"]

    new_key(cache_root)
    cache, counter = ExtractionCache(tmp_path / "entries"), Counter()
    run(cache, articles, counter)
    assert counter.stems == ["a", "b", "c"]  # every entry a miss
    assert read_through(tmp_path / "reads", content)[2] == ["a.txt", "b.txt"]
    assert read_through(tmp_path / "reads", content)[2] == []  # and the same key gives hits


def make_symlink(root: Path) -> None:
    (root.parent / "elsewhere").write_bytes(bytes(32))
    os.chmod(root.parent / "elsewhere", 0o600)
    (root / "key").symlink_to(root.parent / "elsewhere")


def make_readable(root: Path) -> None:
    cache_mod.machine_key()
    os.chmod(root / "key", 0o640)


def make_writable(root: Path) -> None:
    cache_mod.machine_key()
    os.chmod(root / "key", 0o602)


def make_short(root: Path) -> None:
    (root / "key").write_bytes(b"short")
    os.chmod(root / "key", 0o600)


def make_open_folder(root: Path) -> None:
    os.chmod(root, 0o755)


def make_a_folder(root: Path) -> None:
    (root / "key").mkdir()


@pytest.mark.parametrize("spoil", [make_symlink, make_readable, make_writable, make_short,
                                   make_open_folder, make_a_folder])
def test_an_unsafe_key_means_no_cache_and_one_warning(tmp_path, cache_root, capsys, spoil):
    cache_root.mkdir(mode=0o700)
    spoil(cache_root)
    capsys.readouterr()
    content = content_with(tmp_path, {"a.txt": PORT})
    first = generator.build.build(content, tmp_path / "output")
    again = generator.build.build(content, tmp_path / "output")
    assert not again.up_to_date and len(first.articles) == len(again.articles) == 1
    assert ExtractionCache(tmp_path / "entries").folder is None
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1 and "timeline: warning: building without the cache" in warnings[0]
    assert str(cache_root) in warnings[0]
    assert not list(tmp_path.glob("entries*"))


def test_a_key_of_another_user_is_refused(cache_root, monkeypatch, capsys):
    cache_mod.machine_key()
    monkeypatch.setattr(cache_mod.os, "geteuid", lambda: os.stat(cache_root).st_uid + 1)
    assert cache_mod.machine_key() is None
    assert "only you can" in capsys.readouterr().err


def test_a_cache_folder_that_cannot_be_resolved_means_no_cache(tmp_path, monkeypatch, capsys):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "a" / "cache"))
    content = content_with(tmp_path, {"a.txt": PORT})
    assert len(generator.build.build(content, tmp_path / "output").articles) == 1
    assert ExtractionCache(default_cache_dir(content)).folder is None
    assert capsys.readouterr().err.count("building without the cache") == 1


def test_a_remembering_cache_takes_the_last_builds_extractions_from_memory(tmp_path):
    cache = ExtractionCache(tmp_path, remember=True)
    first = run(cache, arts(TEXTS), Counter())
    cache.prune()
    for path in entry_files(tmp_path):
        path.unlink()  # not read again: a cache that forgot would extract again
    again, counter = arts(TEXTS), Counter()
    assert run(cache, again, counter) == first
    assert counter.stems == []
    assert all(c.article is art for (candidates, *_), art in zip(first, again, strict=True)
               for c in candidates)


def test_a_remembering_cache_forgets_the_articles_a_build_did_not_see(tmp_path):
    cache = ExtractionCache(tmp_path, remember=True)
    run(cache, arts(TEXTS), Counter())
    cache.prune()
    run(cache, arts({"a": TEXTS["a"]}), Counter())
    cache.prune()
    assert len(cache.memory) == 1


def test_a_state_this_process_stored_is_taken_as_stored_until_its_file_changes(tmp_path):
    key = secrets.token_bytes(32)
    value = {"joins": [1, 2, 3]}
    store_state(tmp_path, "state.sealed", b"TESTSTAT", key, value)
    assert load_state(tmp_path, "state.sealed", b"TESTSTAT", key) is value
    assert load_state(tmp_path, "state.sealed", b"OTHERMAG", key) is None
    path = tmp_path / "state.sealed"
    path.write_bytes(path.read_bytes())  # the same bytes, written by someone else
    mtime = path.stat().st_mtime_ns - 10**9  # a clock tick can be coarser than two writes
    os.utime(path, ns=(mtime, mtime))
    found = load_state(tmp_path, "state.sealed", b"TESTSTAT", key)
    assert found == value and found is not value  # read from the file, as its seal allows
    path.write_bytes(b"forged")
    assert load_state(tmp_path, "state.sealed", b"TESTSTAT", key) is None
