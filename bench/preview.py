"""How fast the preview answers (issue 18): `make bench` runs it after bench.py.

On a copy of the seed project (source/ and assets/), in a fresh process each run:

- first page: from starting `deckbuild preview` to the page's event stream carrying
  the drawn slides (the first slide can be shown), as a browser would see it;
- edit: from saving the Markdown (one slide's title changed) to the event carrying
  the redrawn slide, over several saves of one running preview.

Medians and worst of several runs; deckbuild's modules are compiled to bytecode
first, as an installed package is. The machine is shared: figures taken while
others work are noisy, so each start is interleaved with a `deckbuild build
--force` of the same deck (what bench.py times as "seed deck"), and the first
page is also given as a multiple of that build: a busy machine slows both alike.
"""
from __future__ import annotations

import argparse
import compileall
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "source/harm-reduction.md"
TARGET = 1.0  # seconds, for both (issue 18)


def events(port: int):
    """Yields (time received, event data) from /events."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/events")
    response = connection.getresponse()
    data = []
    while True:
        line = response.fp.readline().decode("utf-8").rstrip("\n")
        if line.startswith("data: "):
            data.append(line[6:])
        elif line == "" and data:
            yield time.perf_counter(), json.loads("\n".join(data))
            data = []


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far (Linux /proc), else NaN."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def one_run(project: Path, edits: int) -> tuple:
    """(seconds to the first drawn slides, CPU seconds the preview used by then,
    [seconds from each save to its redraw])."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "deckbuild", "preview", SEED, "--port", "0",
                                "--interval", "0.05"], cwd=project, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        line = process.stdout.readline()
        port = int(re.search(r"127\.0\.0\.1:(\d+)/", line).group(1))
        stream = events(port)
        for when, state in stream:
            if state["count"]:
                first, cpu = when - started, cpu_seconds(process.pid)
                break
        deck = project / SEED
        original = deck.read_text(encoding="utf-8")
        times = []
        for number in range(edits):
            time.sleep(0.3)  # a trainer does not save twice in one watch round
            deck.write_text(original.replace("## Agenda", f"## Agenda, take {number}"),
                            encoding="utf-8")
            saved = time.perf_counter()
            for when, change in stream:
                if any(f"Agenda, take {number}" in view["svg"] for view in change["slides"]):
                    times.append(when - saved)
                    break
        deck.write_text(original, encoding="utf-8")
        return first, cpu, times
    finally:
        process.terminate()
        process.wait(timeout=30)


def build_seconds(project: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "deckbuild", "build", SEED, "--force"], cwd=project,
                   check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", type=int, default=5)
    options = parser.parse_args()
    compileall.compile_dir(str(ROOT / "deckbuild"), quiet=1)
    firsts, cpus, edits, builds = [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(ROOT / "source", project / "source")
        shutil.copytree(ROOT / "assets", project / "assets")
        for _ in range(options.runs):
            builds.append(build_seconds(project))
            first, cpu, times = one_run(project, options.edits)
            firsts.append(first)
            cpus.append(cpu)
            edits += times
    print(f"preview      seed deck ({options.runs} starts, {len(edits)} saves):")
    print(f"  first page: median {statistics.median(firsts):.2f} s, worst {max(firsts):.2f} s"
          " (start of `deckbuild preview` -> drawn slides on the page's event stream);"
          f" CPU time of the preview by then: median {statistics.median(cpus):.2f} s"
          " (a busy machine inflates it too, less than the wall time)")
    ratio = statistics.median(firsts) / statistics.median(builds)
    print(f"  beside `deckbuild build --force` of the same deck (deck + handout), interleaved:"
          f" median {statistics.median(builds):.2f} s; first page = {ratio:.2f}x that build")
    print(f"  edit:       median {statistics.median(edits):.2f} s, worst {max(edits):.2f} s"
          " (save -> the redrawn slide on the event stream; watch polls every 0.05 s here,"
          " 0.3 s by default)")
    for name, figure in (("first page of the seed deck within 1 s of starting",
                          statistics.median(firsts)),
                         ("an edit shown within 1 s of saving", statistics.median(edits))):
        print(f"  [{'holds' if figure <= TARGET else 'MISSED'}] {name}: {figure:.2f} s")


if __name__ == "__main__":
    main()
