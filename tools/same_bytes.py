#!/usr/bin/env python3
"""Build the seed deck (every region) and every compat case, deck and handout, and
record or compare the outputs' SHA-256: a refactor that should change no behaviour
must give the same bytes.

usage: .venv/bin/python tools/same_bytes.py record FILE.json
       .venv/bin/python tools/same_bytes.py compare FILE.json
Builds with SOURCE_DATE_EPOCH fixed, in a fresh temporary folder (no build cache).
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout; SHARED=/work/shared for a copy of the tree made elsewhere.
COMPAT = Path(os.environ.get("SHARED", ROOT.parent / "shared")) / "compat"
SUITES = ("pandoc-pptx", "pandoc3-pptx")
# PYTHONPATH: this tree's deckbuild, whichever checkout the virtual environment installed.
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "0",
       "PYTHONPATH": str(ROOT)}


def _run(args, cwd):
    r = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True)
    return r.returncode, (r.stderr or r.stdout).strip()[-300:]


def build(out: Path):
    """Every job: (cwd, args); outputs land under `out`."""
    py = sys.executable
    jobs = [
        (ROOT, [py, "-m", "deckbuild", "build", "--force", "--out-dir", str(out / "seed")]),
        (ROOT, [py, "-m", "deckbuild", "build", "--force", "--all-regions",
                "--out-dir", str(out / "seed-regions")]),
        (ROOT, [py, "-m", "deckbuild", "build", "--force", "--handout", "full", "--paper", "a4",
                "--out-dir", str(out / "seed-full-a4")]),
    ]
    for suite in SUITES:
        for md in sorted((COMPAT / suite).glob("*.md")):
            jobs.append((md.parent, [py, "-m", "deckbuild", "build", "--force", md.name,
                                     "--out-dir", str(out / suite / md.stem)]))
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda j: (j, _run(j[1], j[0])), jobs))
    return {" ".join(a[3:]).replace(str(out), "OUT"): rc for (c, a), (rc, _) in results}


def digests(out: Path):
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.suffix in (".pptx", ".pdf")}


def main():
    mode, record = sys.argv[1], Path(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="same-bytes-") as tmp:
        codes = build(Path(tmp))
        now = {"exit": codes, "files": digests(Path(tmp))}
    if mode == "record":
        record.write_text(json.dumps(now, indent=1, sort_keys=True))
        print(f"{len(now['files'])} files recorded in {record}")
        return 0
    then = json.loads(record.read_text())
    differ = 0
    for kind in ("exit", "files"):
        for key in sorted(set(then[kind]) | set(now[kind])):
            if then[kind].get(key) != now[kind].get(key):
                differ += 1
                print(f"DIFFERENT {kind}: {key}: {then[kind].get(key)} -> {now[kind].get(key)}")
    print(f"{len(now['files'])} files, {differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
