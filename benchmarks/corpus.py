"""Write a corpus of N distinct, re-dated article files made only of real news text.

    python3 benchmarks/corpus.py N FOLDER [--seed S]

writes FOLDER/articles/<nnnnn>-<source>-<id>-<date>-r<pass>.md|txt (FOLDER is a content
folder: point `timeline build --content FOLDER` at it). The pool is the seed articles
of content/articles and the Timeline17 H1N1 articles of
../shared/data/t17-h1n1/*/InputDocs/<day>/<id>.htm.txt (detokenized as
../shared/tools/t17_eval.py does, one sentence a paragraph), shuffled with the seed.
The first pass over the pool keeps each article whole and dated as published; pass
r >= 1 moves every date back by r x 52 weeks (so weekday words keep their weekday),
drops a different set of paragraphs (never adds any: no text is invented), and
marks the Publisher and any URL as reprint r, so no two files share their text.
The T17 text is copyrighted: write the corpus outside the repository (e.g. /tmp).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_ARTICLES = ROOT / "content" / "articles"
T17 = ROOT.parent / "shared" / "data" / "t17-h1n1"
PUBLISHERS = {"bbc": "BBC", "guardian": "The Guardian", "reuters": "Reuters"}
SHIFT = dt.timedelta(weeks=52)  # one pass back: 364 days, the same weekday

# The detokenization table of shared/tools/t17_eval.py, copied.
DETOK = [
    (r"-LRB-", "("), (r"-RRB-", ")"), (r"-LSB-", "["), (r"-RSB-", "]"),
    (r"``\s*", '"'), (r"\s*''", '"'), (r"\\/", "/"),
    (r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1"),
    (r"\(\s+", "("), (r"\s+\)", ")"), (r"\s+([.,;:!?%])", r"\1"), (r"\$\s+", "$"),
]


@dataclass
class Source:
    """One real article of the pool: its header, paragraphs and how they were separated."""

    key: str  # a short id for file names, e.g. "reuters-558"
    suffix: str  # ".md" or ".txt", as the original
    header: dict[str, str]
    paragraphs: list[str]
    separator: str  # "\n" (one paragraph a line) or "\n\n"
    date: dt.date | None = None
    droppable: list[int] = field(default_factory=list)  # paragraphs a variant may leave out


def detokenize(line: str) -> str:
    """Undo the PTB tokenization of a T17 line, as t17_eval.py does."""
    for pattern, repl in DETOK:
        line = re.sub(pattern, repl, line)
    return line.strip()


def _kept_text(text: str, suffix: str) -> str | None:
    """Return the body the generator keeps of an article file's text, whitespace normalized.

    None if the generator cannot be imported or rejects the text.
    """
    try:
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        from generator.articles import read_article

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"article{suffix}"
            path.write_text(text, encoding="utf-8")
            article, _ = read_article(path)
    except Exception:  # the generator is optional here: fall back to the heuristic alone
        return None
    return " ".join(" ".join(p.text for p in article.paragraphs).split()) if article else None


def _droppable(paragraph: str, kept: str | None) -> bool:
    """Return whether leaving this paragraph out surely changes the article's text.

    Not a short line or a hashtag line, nor (if kept, the generator's cleaned text, is known)
    one the generator drops anyway, such as clutter or a headline repeated from the title.
    """
    if len(paragraph.split()) < 6 or paragraph.lstrip().startswith("#"):
        return False
    return kept is None or " ".join(paragraph.split()) in kept


def _finish(source: Source) -> Source:
    """Fill in the date and the droppable paragraphs of a source."""
    kept = _kept_text(render(source, 0, ())[0], source.suffix)
    try:
        source.date = dt.date.fromisoformat(source.header.get("Date", "").strip())
    except ValueError:
        source.date = None
    source.droppable = [i for i, p in enumerate(source.paragraphs) if _droppable(p, kept)]
    return source


def read_seed(path: Path) -> Source:
    """Read one seed article of content/articles: `Key: value` header, blank line, text lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header: dict[str, str] = {}
    i = 0
    while i < len(lines) and (m := re.match(r"^([A-Za-z]+):\s*(.*)$", lines[i])):
        header[m.group(1)] = m.group(2)
        i += 1
    body = "\n".join(lines[i:]).strip()
    blank_separated = "\n\n" in body
    parts = re.split(r"\n\s*\n" if blank_separated else r"\n", body)
    paragraphs = [p.strip() for p in parts if p.strip()]
    source = Source(f"seed-{path.stem.split('_')[0]}", path.suffix, header, paragraphs,
                    "\n\n" if blank_separated else "\n")
    return _finish(source)


def read_t17(path: Path) -> Source | None:
    """Read one T17 article (tokenized, one sentence a line); None if it is empty."""
    lines = [detokenize(x) for x in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    paragraphs = [x for x in lines if x]
    if not paragraphs:
        return None
    outlet = path.parents[2].name.split("_")[-1]
    header = {"Date": path.parent.name, "Publisher": PUBLISHERS.get(outlet, outlet)}
    return _finish(Source(f"{outlet}-{path.name.split('.')[0]}", ".md", header, paragraphs, "\n\n"))


def load_pool() -> list[Source]:
    """Return the real articles available, without empty files or repeated texts."""
    sources = [read_seed(p) for p in sorted(SEED_ARTICLES.glob("*")) if p.suffix in (".md", ".txt")]
    for path in sorted(T17.glob("*/InputDocs/*/*.txt")):
        if (source := read_t17(path)) is not None:
            sources.append(source)
    pool = list({_body(s, ()): s for s in reversed(sources)}.values())[::-1]  # no repeated text
    if not pool:
        raise SystemExit(f"no articles found in {SEED_ARTICLES} or {T17}")
    return pool


def drop_sets(source: Source) -> Iterator[tuple[int, ...]]:
    """Yield the sets of paragraphs to leave out, pass by pass: none, then ever larger sets."""
    yield ()
    most = min(len(source.droppable), len(source.paragraphs) - 1)
    for size in range(1, most + 1):
        yield from itertools.combinations(source.droppable, size)


def _body(source: Source, dropped: tuple[int, ...]) -> str:
    """Return the kept text of a variant with whitespace normalized, to tell variants apart."""
    kept = " ".join(p for i, p in enumerate(source.paragraphs) if i not in dropped)
    return " ".join(kept.split())


def render(source: Source, rnd: int, dropped: tuple[int, ...]) -> tuple[str, dt.date | None]:
    """Return the file text of pass rnd of a source and its publication date."""
    header = dict(source.header)
    date = source.date - rnd * SHIFT if source.date else None
    if date:
        header["Date"] = date.isoformat()
    if rnd:
        if header.get("Publisher"):
            header["Publisher"] = f"{header['Publisher']} (reprint {rnd})"
        if header.get("URL"):
            header["URL"] = f"{header['URL'].rstrip('/')}#reprint-{rnd}"
    keep = [p for i, p in enumerate(source.paragraphs) if i not in dropped]
    head = "".join(f"{k}: {v}\n" for k, v in header.items())
    return f"{head}\n{source.separator.join(keep)}\n", date


def make_corpus(n: int, folder: Path, seed: int = 0) -> list[Path]:
    """Write n distinct article files into folder/articles and return their paths."""
    if folder.resolve() == ROOT or ROOT in folder.resolve().parents:
        raise SystemExit(f"{folder} is inside the repository: write the corpus elsewhere (e.g. /tmp)")
    pool = load_pool()
    random.Random(seed).shuffle(pool)
    variants = {id(s): drop_sets(s) for s in pool}
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for old in articles.iterdir():
        if old.is_file():
            old.unlink()
    paths: list[Path] = []
    written: set[str] = set()
    for rnd in itertools.count():
        live = 0
        for source in pool:
            if len(paths) == n:
                return paths
            dropped = next(variants[id(source)], None)
            while dropped is not None and _body(source, dropped) in written:  # e.g. a repeated sentence
                dropped = next(variants[id(source)], None)
            if dropped is None:  # this article has no variant left
                continue
            live += 1
            written.add(_body(source, dropped))
            text, date = render(source, rnd, dropped)
            day = date.isoformat() if date else "undated"
            path = articles / f"{len(paths):05d}-{source.key}-{day}-r{rnd}{source.suffix}"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        if not live:
            raise SystemExit(f"the pool yields only {len(paths)} distinct articles, fewer than {n}")
    return paths


def main() -> None:
    """Write the corpus named on the command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="how many article files to write")
    ap.add_argument("folder", type=Path, help="content folder; articles go in FOLDER/articles")
    ap.add_argument("--seed", type=int, default=0, help="shuffle seed (default 0)")
    args = ap.parse_args()
    paths = make_corpus(args.n, args.folder, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles ({size / 1e6:.1f} MB) to {args.folder / 'articles'}")


if __name__ == "__main__":
    main()
