#!/usr/bin/env python3
"""Round trips through `deckbuild import`, measured with ../shared/compat/describe.py.

Our own decks: every case of both compat suites and the seed deck is built,
imported, built again and imported again; the two decks must have the same
structure (titles, body text, notes, pictures, tables per slide) and the two
imports the same Markdown.

Other tools' decks (`--others`): for every case of the pandoc 3 suite, the deck
pandoc 3 makes is imported and built, and compared with pandoc's deck; beside
it, pandoc's own pptx reader (`pandoc -f pptx -t markdown`) and markitdown,
each followed by `deckbuild build`. Prints the README's table.

usage: tools/import_roundtrip.py [--own] [--others] [--keep DIR] [--pandoc PATH]
       [--markitdown PATH] [CASE ...]
Run it with the project's Python (.venv/bin/python) from the project folder.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
SHARED = HERE.parent / "shared" / "compat"
sys.path.insert(0, str(SHARED))
from describe import describe  # noqa: E402

SUITES = {"pandoc-pptx": SHARED / "pandoc-pptx", "pandoc3-pptx": SHARED / "pandoc3-pptx"}
PANDOC3 = Path("/work/tools-venv/lib/python3.11/site-packages/pypandoc/files/pandoc")
MARKITDOWN = Path("/work/tools-venv/bin/markitdown")
FIELDS = ("title", "body", "notes", "pictures", "tables")
REFERENCE_DOCS = {"layouts-deleted": "reference-deleted-layouts.pptx",
                  "layouts-moved": "reference-moved-layouts.pptx",
                  "reference-no-slides-add-slides": "reference-no-slides.pptx",
                  "reference-no-slides-with-notes": "reference-no-slides.pptx"}


def deckbuild(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckbuild", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(HERE)})


def differences(expected, actual, limit: int = 4) -> list:
    problems = []
    e, a = expected["slides"], actual["slides"]
    if len(e) != len(a):
        problems.append(f"slide count: {len(e)} -> {len(a)}")
    for number, (x, y) in enumerate(zip(e, a), 1):
        for name in FIELDS:
            if x[name] != y[name]:
                problems.append(f"slide {number} {name}: {str(x[name])[:70]!r} -> "
                                f"{str(y[name])[:70]!r}")
    return problems[:limit]


def project(work: Path, name: str) -> Path:
    folder = work / name
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "source").mkdir(parents=True)
    return folder


def own_round_trip(case: Path, work: Path, region: str = "", regions_from: Path = None):
    """build -> import -> build -> import: (problems, first Markdown equals second)."""
    folder = project(work, case.stem + (f"-{region}" if region else ""))
    if regions_from is not None:
        shutil.copytree(regions_from, folder / "source" / "regions")
    first = folder / "first.pptx"
    options = ["--region", region] if region else []
    built = deckbuild("build", str(case), "-o", str(first), *options, cwd=case.parent)
    if built.returncode:
        return [f"first build failed: {built.stderr.strip()[-200:]}"], None
    problems = []
    markdowns = []
    previous = first
    for round_number in (1, 2):
        target = folder / "source" / f"round{round_number}.md"
        imported = deckbuild("import", str(previous), "-o", str(target), "--assets",
                             str(folder / "assets" / f"round{round_number}"), cwd=folder)
        if imported.returncode:
            return [f"import {round_number} failed: {imported.stderr.strip()[-300:]}"], None
        text = target.read_text(encoding="utf-8")
        markdowns.append(text.replace(f"round{round_number}", "ROUND"))
        rebuilt = folder / f"round{round_number}.pptx"
        built = deckbuild("build", str(target), "-o", str(rebuilt), *options, cwd=folder)
        if built.returncode:
            return [f"build {round_number} failed: {built.stderr.strip()[-300:]}"], None
        if round_number == 1:
            problems = differences(describe(first), describe(rebuilt))
        previous = rebuilt
    return problems, markdowns[0] == markdowns[1]


def run_own(cases, work: Path) -> int:
    failed = 0
    rows = []
    for suite, folder in SUITES.items():
        for case in sorted(folder.glob("*.md")):
            if case.stem == "README" or (cases and case.stem not in cases):
                continue
            rows.append((f"{suite}/{case.stem}", case, ""))
    seed = HERE / "source" / "harm-reduction.md"
    if not cases or "seed" in cases:
        rows.append(("seed (connecticut)", seed, "connecticut"))
    total = 0
    for label, case, region in rows:
        total += 1
        problems, same = own_round_trip(case, work, region,
                                        case.parent / "regions" if region else None)
        if same is False:
            problems.append("second import's Markdown differs from the first")
        if problems:
            failed += 1
            print(f"FAIL {label}")
            for problem in problems:
                print(f"     {problem}")
        else:
            print(f"ok   {label}")
    print(f"own decks: {total - failed} of {total} round-trip")
    return failed


# -- other tools' decks ---------------------------------------------------------------


def pandoc_deck(case: Path, out: Path, pandoc: Path) -> bool:
    args = [str(pandoc), str(case), "-o", str(out)]
    reference = REFERENCE_DOCS.get(case.stem)
    if case.stem.startswith("footer-"):
        reference = f"{case.stem}-reference.pptx"
    if reference:
        args.append(f"--reference-doc={case.parent / 'reference-docs' / reference}")
    return subprocess.run(args, cwd=case.parent, capture_output=True).returncode == 0


def features(pptx: Path) -> dict:
    """What a reader can see of notes, bullet levels, links and pictures in a deck."""
    from pptx import Presentation
    from pptx.oxml.ns import qn
    prs = Presentation(str(pptx))
    found = {"notes": 0, "levels": 0, "links": 0, "pictures": 0}
    for slide in prs.slides:
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None and \
                slide.notes_slide.notes_text_frame.text.strip():
            found["notes"] += 1
        xml = slide._element
        found["links"] += sum(1 for link in xml.iter(qn("a:hlinkClick"))
                              if not link.get("action"))  # web links, not jumps to a slide
        found["pictures"] += len(list(xml.iter(qn("p:pic"))))
        found["levels"] += _nested_paragraphs(xml)
    return found


def _nested_paragraphs(xml) -> int:
    """Paragraphs below the first level: by `lvl`, else (as deckbuild writes) by indent."""
    from pptx.oxml.ns import qn
    count = 0
    for tx in xml.iter(qn("p:txBody")):
        paras = []
        for p in tx.findall(qn("a:p")):
            ppr = p.find(qn("a:pPr"))
            if ppr is None or not "".join(t.text or "" for t in p.iter(qn("a:t"))).strip():
                continue
            position = int(ppr.get("marL", "0")) + int(ppr.get("indent", "0"))
            paras.append((int(ppr.get("lvl", "0")), position))
        if any(level for level, _ in paras):
            count += sum(1 for level, _ in paras if level)
        else:
            lowest = min((position for _, position in paras), default=0)
            count += sum(1 for _, position in paras if position > lowest)
    return count


def run_others(cases, work: Path, pandoc: Path, markitdown: Path) -> int:
    suite = SUITES["pandoc3-pptx"]
    names = [c.stem for c in sorted(suite.glob("*.md")) if c.stem != "README"]
    if cases:
        names = [n for n in names if n in cases]
    tools = ["deckbuild import", "pandoc -f pptx", "markitdown"]
    same = {t: [] for t in tools}
    failures = {t: {} for t in tools}
    kept = {t: {"notes": [0, 0], "levels": [0, 0], "links": [0, 0], "pictures": [0, 0]}
            for t in tools}
    for name in names:
        folder = project(work, f"others-{name}")
        original = folder / "reference.pptx"
        if not pandoc_deck(suite / f"{name}.md", original, pandoc):
            print(f"skip {name}: pandoc failed")
            continue
        reference = describe(original)
        wanted = features(original)
        for tool in tools:
            markdown = folder / "source" / f"{tool.split()[0]}.md"
            if tool == "deckbuild import":
                made = deckbuild("import", str(original), "-o", str(markdown), cwd=folder)
                ok = made.returncode == 0
                error = made.stderr
            elif tool == "pandoc -f pptx":
                made = subprocess.run([str(pandoc), "-f", "pptx", "-t", "markdown",
                                       "--extract-media", str(folder / "assets" / "pandoc"),
                                       str(original), "-o", str(markdown)], cwd=folder,
                                      capture_output=True, text=True)
                ok, error = made.returncode == 0, made.stderr
            else:
                # markitdown's pptx reader needs python-pptx: ours, where its own
                # environment has none (installed without the [pptx] extra).
                made = subprocess.run([str(markitdown), str(original), "-o", str(markdown)],
                                      cwd=folder, capture_output=True, text=True,
                                      env={**os.environ, "PYTHONPATH": _site_packages()})
                ok, error = made.returncode == 0, made.stderr
            rebuilt = folder / f"{tool.split()[0]}.pptx"
            if ok:
                built = deckbuild("build", str(markdown), "-o", str(rebuilt), cwd=folder)
                ok, error = built.returncode == 0, built.stderr
            if not ok:
                failures[tool][name] = [f"failed: {error.strip()[-160:]}"]
                for key in kept[tool]:
                    kept[tool][key][1] += wanted[key]
                continue
            problems = differences(reference, describe(rebuilt), 3)
            if problems:
                failures[tool][name] = problems
            else:
                same[tool].append(name)
            got = features(rebuilt)
            for key in kept[tool]:
                kept[tool][key][0] += min(got[key], wanted[key])
                kept[tool][key][1] += wanted[key]
    total = len(names)
    for tool in tools:
        print(f"\n{tool}: {len(same[tool])} of {total} keep pandoc's structure")
        for name, problems in sorted(failures[tool].items()):
            print(f"  {name}: " + "; ".join(problems))
    print("\n| Tool, then `deckbuild build` | notes kept | bullet levels kept | links kept |"
          " pictures kept | same structure |")
    print("|---|---:|---:|---:|---:|---:|")
    for tool in tools:
        cells = []
        for key in ("notes", "levels", "links", "pictures"):
            got, wanted = kept[tool][key]
            cells.append(f"{got} of {wanted}")
        cells.append(f"{len(same[tool])} of {total} ({100 * len(same[tool]) // max(total, 1)}%)")
        print(f"| {tool} | " + " | ".join(cells) + " |")
    return 0


def _site_packages() -> str:
    import pptx
    return str(Path(pptx.__file__).resolve().parent.parent)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", nargs="*")
    parser.add_argument("--own", action="store_true")
    parser.add_argument("--others", action="store_true")
    parser.add_argument("--keep")
    parser.add_argument("--pandoc", default=str(PANDOC3))
    parser.add_argument("--markitdown", default=str(MARKITDOWN))
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="import-roundtrip-"))
    work.mkdir(parents=True, exist_ok=True)
    status = 0
    if args.own or not args.others:
        status |= bool(run_own(set(args.cases), work))
    if args.others:
        status |= run_others(set(args.cases), work, Path(args.pandoc), Path(args.markitdown))
    return status


if __name__ == "__main__":
    sys.exit(main())
