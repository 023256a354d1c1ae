"""Does pandoc's syntax build in time linear in its size? (`make bench`; a benchmark, not a test)

Two synthetic decks at four sizes each, built in a fresh process (bench/child.py),
deck and handout separately, the median of a few runs:

- tables: one pandoc simple table of 250, 500, 1,000 and 2,000 rows (three
  columns); fitting cuts it into slides, the header repeated on each;
- formulas: 62, 125, 250 and 500 formulas, five slides' worth of inline and
  display ones (fractions, sums, roots, scripts) on each of ten-formula slides.

It prints ms per row (per formula) at each size and the ratio of the largest
size's to the smallest's: linear time keeps it near 1 (the target: within 1.25).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import deckbuild_run  # noqa: E402

ROWS = (250, 500, 1000, 2000)
FORMULAS = (62, 125, 250, 500)
LINEAR_RATIO = 1.25
TEX = [r"x^{{{n}}} + y_{{{n}}}", r"\frac{{a_{{{n}}}+b}}{{c}}", r"\sqrt{{{n} + x^2}}",
       r"\sum_{{i=1}}^{{{n}}} i^2", r"\alpha_{{{n}}} \le \beta"]


def tables_deck(rows: int) -> str:
    lines = ["---", "title: Table rows", "---", "", "## A long table", "",
             "  Service            Hours      Phone", "  ------------------ ---------- -------"]
    for n in range(rows):
        lines.append(f"  Service number {n:<4d}9 - 5      555-{n % 10000:04d}")
    return "\n".join(lines) + "\n\n  : Every service {#tbl-services}\n"


def formulas_deck(count: int) -> str:
    lines = ["---", "title: Formulas", "---", ""]
    for n in range(count):
        if n % 10 == 0:
            lines += ["", f"## Formulas {n // 10 + 1}", ""]
        tex = TEX[n % len(TEX)].format(n=n)
        lines += [f"$${tex}$$" if n % 3 == 0 else f"Inline ${tex}$ in a sentence.", ""]
    return "\n".join(lines) + "\n"


def measure(name: str, sizes, make, runs: int, root: Path) -> dict:
    out = {}
    for size in sizes:
        source = root / "source" / f"{name}-{size}.md"
        source.write_text(make(size), encoding="utf-8")
        samples = {"pptx": [], "handout": []}
        for _ in range(runs):
            for kind, suffix in (("pptx", "pptx"), ("handout", "pdf")):
                samples[kind].append(deckbuild_run(kind, source, root / f"{name}-{size}.{suffix}"))
        out[size] = {kind: statistics.median(r["build"] for r in samples[kind])
                     for kind in samples}
        out[size]["slides"] = samples["pptx"][-1]["slides"]
    return out


def report(name: str, unit: str, figures: dict) -> bool:
    print(f"\n{name}")
    print(f"  {unit:>9} {'slides':>7} {'deck s':>8} {'ms/' + unit:>10} {'handout s':>10}"
          f" {'ms/' + unit:>10}")
    for size, f in figures.items():
        print(f"  {size:>9} {f['slides']:>7} {f['pptx']:>8.2f} {1000 * f['pptx'] / size:>10.2f}"
              f" {f['handout']:>10.2f} {1000 * f['handout'] / size:>10.2f}")
    small, large = min(figures), max(figures)
    holds = True
    for kind in ("pptx", "handout"):
        ratio = (figures[large][kind] / large) / (figures[small][kind] / small)
        ok = ratio <= LINEAR_RATIO
        holds = holds and ok
        print(f"  {kind}: per-{unit} time at {large} / at {small} = {ratio:.2f}"
              f" ({'linear' if ok else 'NOT linear'}, target <= {LINEAR_RATIO})")
    return holds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="deckbuild-syntax-bench-") as folder:
        root = Path(folder)
        (root / "source").mkdir()
        tables = measure("tables", ROWS, tables_deck, args.runs, root)
        formulas = measure("formulas", FORMULAS, formulas_deck, args.runs, root)
    ok = report("pandoc simple table", "row", tables)
    ok = report("formulas", "formula", formulas) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
