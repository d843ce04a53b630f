"""Score generator.temporal.tag in-process on TimeML (.tml) files, TempEval-3 Task A style.

    python benchmarks/tempeval.py DIR_OR_FILE... [--show N] [--type TYPE]

Reads files and matches expressions the way /work/shared/tools/te3_score.py does:
relaxed = overlapping spans (one-to-one, left to right), strict = same span after
trimming whitespace, type and value = exact equality over relaxed matches,
value F1 = relaxed F1 x value accuracy, micro-averaged over all files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import pathlib
import re
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from generator.temporal import tag  # noqa: E402


def read_tml(path: pathlib.Path) -> tuple[str, str, list[dict]]:
    """Return the plain text, the creation date and the gold expressions of a .tml file."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT>\s*<TIMEX3[^>]*value="([^"]*)"', raw).group(1)[:10]
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    parts, gold, stack, pos = [], [], [], 0
    for tok in re.split(r"(<[^>]+>)", body):
        if not tok:
            continue
        if tok.startswith("<"):
            if tok.startswith("<TIMEX3"):
                stack.append((pos, dict(re.findall(r'(\w+)="([^"]*)"', tok))))
            elif tok.startswith("</TIMEX3"):
                start, attrs = stack.pop()
                gold.append({"start": start, "end": pos, "type": attrs.get("type"),
                             "value": attrs.get("value"), "mod": attrs.get("mod")})
            continue
        text = html.unescape(tok)
        parts.append(text)
        pos += len(text)
    return "".join(parts), dct, gold


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def f1(p: float, r: float) -> float:
    """Return the harmonic mean of p and r."""
    return 2 * p * r / (p + r) if p + r else 0.0


class Tally:
    """Counts for one group of expressions (all, or one gold type)."""

    def __init__(self) -> None:
        self.gold = self.system = self.relaxed = self.strict = self.type = self.value = 0
        # Matches counted by the system's type, for precision; the rest by the gold's type.
        self.system_relaxed = self.system_strict = 0

    def line(self, name: str) -> str:
        """Return the group's scores as one line."""
        p = self.system_relaxed / self.system if self.system else 0.0
        r = self.relaxed / self.gold if self.gold else 0.0
        rel = f1(p, r)
        sp = self.system_strict / self.system if self.system else 0.0
        sr = self.strict / self.gold if self.gold else 0.0
        acc = self.value / self.relaxed if self.relaxed else 0.0
        tacc = self.type / self.relaxed if self.relaxed else 0.0
        return (f"{name:9} gold {self.gold:4} sys {self.system:4} | relaxed P {100*p:5.1f} "
                f"R {100*r:5.1f} F1 {100*rel:5.1f} | strict P {100*sp:5.1f} R {100*sr:5.1f} "
                f"F1 {100*f1(sp, sr):5.1f} | type F1 {100*rel*tacc:5.1f} | "
                f"value acc {100*acc:5.1f} F1 {100*rel*acc:5.1f}")


def main() -> int:
    """Score every .tml file under the given paths and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--show", type=int, default=0, help="print N errors")
    ap.add_argument("--type", help="show only errors on gold of this type (or SPURIOUS)")
    args = ap.parse_args()

    files: list[pathlib.Path] = []
    for p in map(pathlib.Path, args.paths):
        files += sorted(p.rglob("*.tml")) if p.is_dir() else [p]
    if not files:
        print("tempeval: no .tml files")
        return 2

    docs = [(path, *read_tml(path)) for path in files]
    total = Tally()
    by_type: dict[str, Tally] = {}
    errors: list[tuple[str, str]] = []
    seconds = 0.0
    for path, text, dct, gold in docs:
        t0 = time.perf_counter()
        found = tag(text, dt.date.fromisoformat(dct))
        seconds += time.perf_counter() - t0
        found = [t for t in found if 0 <= t.start < t.end <= len(text)]
        total.gold += len(gold)
        total.system += len(found)
        for t in found:
            by_type.setdefault(t.type, Tally()).system += 1
        used: set[int] = set()
        ordered = sorted(found, key=lambda t: (t.start, t.end))
        for g in sorted(gold, key=lambda t: t["start"]):
            tally = by_type.setdefault(g["type"], Tally())
            tally.gold += 1
            gs, ge = trim(text, g["start"], g["end"])
            where = f"{path.name}: {text[max(0, gs - 30):gs]!r} [{text[gs:ge]!r}] dct {dct}"
            for i, s in enumerate(ordered):
                if i in used:
                    continue
                ss, se = trim(text, s.start, s.end)
                if ss < ge and gs < se:
                    used.add(i)
                    for t in (total, tally):
                        t.relaxed += 1
                        t.strict += (ss, se) == (gs, ge)
                        t.type += s.type == g["type"]
                        t.value += s.value == g["value"]
                    for t in (total, by_type.setdefault(s.type, Tally())):
                        t.system_relaxed += 1
                        t.system_strict += (ss, se) == (gs, ge)
                    if s.value != g["value"] or (ss, se) != (gs, ge):
                        errors.append((g["type"], f"{where}: gold {g['type']} {g['value']} "
                                       f"{g['mod'] or ''} got {s.text!r} {s.type} {s.value} "
                                       f"{s.mod or ''}"))
                    break
            else:
                errors.append((g["type"], f"{where}: gold {g['type']} {g['value']} missed"))
        for i, s in enumerate(ordered):
            if i not in used:
                ctx = text[max(0, s.start - 30):s.start]
                errors.append(("SPURIOUS", f"{path.name}: {ctx!r} [{s.text!r}] dct {dct}: "
                               f"spurious {s.type} {s.value}"))

    shown = [e for kind, e in errors if args.type in (None, kind)]
    for line in shown[: args.show]:
        print("  " + line)
    for name, tally in sorted(by_type.items()):
        print("  " + tally.line(name))
    print("  " + total.line("ALL"))
    rate = len(docs) / seconds if seconds else float("inf")
    print(f"files {len(docs)}, tagger seconds {seconds:.2f}, documents/second {rate:.0f}")
    acc = total.value / total.relaxed if total.relaxed else 0.0
    p = total.relaxed / total.system if total.system else 0.0
    r = total.relaxed / total.gold if total.gold else 0.0
    print(f"value F1 {100 * f1(p, r) * acc:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
