"""How fast deckbuild is, at every size: `make bench` (a benchmark, not a test).

Writes synthetic decks of 10, 100, 500 and 1,000 slides (sections, nested
bullets with links, quotes, speaker notes, a table every tenth slide, a few
pictures made with Pillow) into a temporary project and builds each one in a
fresh process (bench/child.py), the deck and the handout separately. For each it
prints:

- wall: the whole process, start-up and imports included (what a trainer waits);
- build: the build alone, timed inside that process after the imports, and
  ms/slide from it (so start-up cost does not flatter the large decks);
- peak: the process's peak resident memory (`os.wait4`'s rusage);
- pandoc: `pandoc X.md -o X.pptx` on the same file, when pandoc is installed.

Each figure is the median of several runs; the runs of deckbuild and pandoc on
the same file are interleaved, so that a machine busy with something else slows
both alike. Then the seed deck (deck, handout and facilitator guide together,
from the command line, as `make deck` builds it; also with the outputs made one
after the other, and both without the guide, `--no-facilitator`, for what the
guide adds) against the bare import of the dependencies, also interleaved, and
whether each of the targets holds.

deckbuild's own modules are compiled to bytecode first (as an installed package
is), so that no run pays for compiling them, even where PYTHONDONTWRITEBYTECODE
is set.
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10, 100, 500, 1000)
BARE_IMPORT = "import pptx, reportlab.platypus, markdown, click, yaml"
SEED = ROOT / "source" / "harm-reduction.md"
SEED_REGION = "connecticut"

# The targets of issue 8.
SEED_RATIO = 1.5  # seed deck + handout within 1.5x the bare import
GUIDE_SHARE = 0.30  # the facilitator guide adds at most 30% to the seed deck's build (issue 16)
PANDOC_FACTOR = 3.0  # the 500-slide deck at least 3x faster than pandoc
LINEAR_RATIO = 1.25  # ms/slide at 1,000 within 1.25x of ms/slide at 100
PEAK_MB = 300.0  # peak memory at 1,000 slides


# ---------------------------------------------------------------- the synthetic project


def make_pictures(assets: Path) -> list:
    """A few pictures of the sizes trainers use: photos (JPEG) and diagrams (PNG)."""
    from PIL import Image, ImageDraw

    names = []
    for index, (size, fmt) in enumerate([((1600, 1000), "JPEG"), ((1200, 900), "PNG"),
                                         ((800, 800), "PNG"), ((2000, 1200), "JPEG")]):
        image = Image.new("RGB", size, (31 + 40 * index, 111, 139))
        draw = ImageDraw.Draw(image)
        for step in range(0, size[0], 40):
            draw.line([(step, 0), (size[0] - step, size[1])], fill=(240, 200 - 30 * index, 90),
                      width=6)
        draw.ellipse([size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4],
                     outline=(255, 255, 255), width=12)
        name = f"picture-{index + 1}.{'jpg' if fmt == 'JPEG' else 'png'}"
        image.save(assets / name, fmt, quality=85)
        names.append(name)
    return names


def slide_markdown(number: int, pictures: list) -> str:
    """One content slide; every tenth has a table, every seventh a quote, some a picture."""
    lines = [f"## Topic {number}: meeting people where they are", ""]
    if number % 10 == 0:
        lines += ["| Service | Where | Hours |", "|---|---|---:|"]
        lines += [f"| Outreach {number}-{r} | [Site {r}](https://example.org/site/{r}) | {8 + r} h |"
                  for r in range(1, 5)]
    elif number % 7 == 0:
        lines += [f"> Meeting people where they are means starting from what matters to them"
                  f" today, not from where we wish they were ({number}).",
                  "> \u2014 An outreach worker"]
    elif number % 12 == 6:
        picture = pictures[(number // 12) % len(pictures)]
        lines += [f"- A picture is worth a discussion ({number})",
                  "  - Ask what the room sees first", "",
                  f"![Outreach scene {number}](../assets/{picture})"]
    else:
        lines += [
            f"- Harm reduction starts with respect: see [the guide](https://example.org/guide/{number})",
            "  - Meet people where they are, without conditions",
            f"  - Offer supplies and information: <https://example.org/supplies/{number}>",
            "- Every door is the **right door**",
            "  - Warm hand-offs instead of referrals on paper",
            "    - Walk with the person to the next service",
            f"- Ask the room what *they* have seen ({number})",
        ]
    lines += ["", "::: notes",
              f"About two minutes for topic {number}. Ask the room for an example from their own"
              f" work, then connect it to the principle on the slide. More in the"
              f" [trainer notes](https://example.org/notes/{number}).", "",
              "If time is short, skip the discussion and go to the next slide.", ":::", ""]
    return "\n".join(lines)


def deck_markdown(slides: int, pictures: list) -> str:
    """A deck of exactly `slides` slides: the title slide, sections of nine slides, content."""
    parts = ["---", f"title: Benchmark deck of {slides} slides", "subtitle: Synthetic content",
             "author: deckbuild bench", "date: 2026-01", "---", ""]
    count, number = 1, 0  # the title slide
    while count < slides:
        if number % 9 == 0 and slides - count > 1:
            parts.append(f"# Part {number // 9 + 1}\n")
            count += 1
        number += 1
        parts.append(slide_markdown(number, pictures))
        count += 1
    return "\n".join(parts)


def make_project(root: Path) -> dict:
    (root / "source").mkdir(parents=True)
    (root / "assets").mkdir()
    pictures = make_pictures(root / "assets")
    decks = {}
    for size in SIZES:
        path = root / "source" / f"bench-{size}.md"
        path.write_text(deck_markdown(size, pictures), encoding="utf-8")
        decks[size] = path
    return decks


# ---------------------------------------------------------------- running and timing


def run(argv: list, cwd: Path = ROOT) -> tuple:
    """Run one process; (wall seconds, peak RSS in MB, stdout, CPU seconds: user and system,
    its own and those of the children it waited for, as the outputs rendered in forks)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout = proc.stdout.read()
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, argv))}\n{stderr.decode(errors='replace')}")
    return wall, usage.ru_maxrss / 1024.0, stdout.decode(), usage.ru_utime + usage.ru_stime


def deckbuild_run(kind: str, source: Path, out: Path) -> dict:
    wall, peak, stdout, _ = run([sys.executable, str(Path(__file__).with_name("child.py")), kind,
                              str(source), str(out)])
    record = json.loads(stdout.strip().splitlines()[-1])
    return {"wall": wall, "build": record["build"], "peak": peak, "slides": record["slides"]}


def measure_size(source: Path, out_dir: Path, runs: int) -> dict:
    """Deck, handout and pandoc on one file, `runs` rounds of each, interleaved."""
    size = source.stem
    samples = {"pptx": [], "handout": [], "pandoc": []}
    for _ in range(runs):
        if shutil.which("pandoc"):
            samples["pandoc"].append(run(["pandoc", source.name, "-o",
                                          str(out_dir / f"pandoc-{size}.pptx")],
                                         cwd=source.parent)[0])
        samples["pptx"].append(deckbuild_run("pptx", source, out_dir / f"{size}.pptx"))
        samples["handout"].append(deckbuild_run("handout", source, out_dir / f"{size}.pdf"))
    figures = {"pandoc": statistics.median(samples["pandoc"]) if samples["pandoc"] else None}
    for kind in ("pptx", "handout"):
        runs_of = samples[kind]
        figures[kind] = {"wall": statistics.median(r["wall"] for r in runs_of),
                         "build": statistics.median(r["build"] for r in runs_of),
                         "peak": max(r["peak"] for r in runs_of),
                         "slides": runs_of[-1]["slides"]}
    return figures


def measure_seed(runs: int, out_dir: Path) -> dict:
    """Seed deck, handout and facilitator guide from the command line vs the bare import,
    and without the guide (`--no-facilitator`), in parallel and one after the other;
    interleaved. Medians, by name."""
    command = [sys.executable, "-m", "deckbuild", "build", str(SEED), "--region", SEED_REGION,
               "--out-dir", str(out_dir), "--force"]
    sequential = ["env", "DECKBUILD_PARALLEL=0"]
    commands = {"bare": [sys.executable, "-c", BARE_IMPORT], "seed": command,
                "sequential": sequential + command,
                "seed_no_guide": command + ["--no-facilitator"],
                "sequential_no_guide": sequential + command + ["--no-facilitator"]}
    run(commands["bare"])  # warm the file cache for all
    run(command)
    samples: dict = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            wall, _, _, cpu = run(argv)
            samples[name].append(wall)
            samples.setdefault(f"{name}_cpu", []).append(cpu)
    return {name: statistics.median(times) for name, times in samples.items()}


def measure_watch(root: Path, runs: int) -> float:
    """Seconds from saving the seed deck to both outputs rewritten, under `deckbuild watch`."""
    import signal
    project = root / "watch"
    shutil.copytree(ROOT / "source", project / "source")
    if (ROOT / "assets").is_dir():
        shutil.copytree(ROOT / "assets", project / "assets")
    deck = project / "source" / SEED.name
    outputs = [project / "output" / f"{SEED.stem}-{SEED_REGION}.pptx",
               project / "output" / f"{SEED.stem}-{SEED_REGION}-handout.pdf"]
    proc = subprocess.Popen([sys.executable, "-m", "deckbuild", "watch", str(deck.relative_to(
        project)), "--region", SEED_REGION], cwd=project, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    delays = []
    try:
        _wait(lambda: all(p.exists() for p in outputs))
        text = deck.read_text(encoding="utf-8")
        for index in range(runs):
            before = [p.stat().st_mtime_ns for p in outputs]
            time.sleep(0.5)  # a trainer's pause between saves
            saved = time.perf_counter()
            deck.write_text(text + f"\n<!-- edit {index} -->\n", encoding="utf-8")
            _wait(lambda: [p.stat().st_mtime_ns for p in outputs] != before
                  and all(a != b for a, b in zip(before, [p.stat().st_mtime_ns for p in outputs])))
            delays.append(time.perf_counter() - saved)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    return statistics.median(delays)


def _wait(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("watch did not rebuild within a minute")
        time.sleep(0.01)


# ---------------------------------------------------------------- report


def machine() -> str:
    pandoc = "not installed"
    if shutil.which("pandoc"):
        pandoc = subprocess.run(["pandoc", "--version"], capture_output=True,
                                text=True).stdout.splitlines()[0]
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores (nproc), "
            f"Python {platform.python_version()}, {pandoc}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--runs-large", type=int, default=3,
                        help="runs for the 1,000-slide deck (default 3)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    print(f"deckbuild benchmark: {machine()}")
    compileall.compile_dir(ROOT / "deckbuild", quiet=1)
    with tempfile.TemporaryDirectory(prefix="deckbuild-bench-") as tmp:
        root = Path(tmp)
        decks = make_project(root)
        out = root / "output"
        out.mkdir()
        seed_runs = max(args.runs, 7)
        figures = measure_seed(seed_runs, out)
        bare, seed, sequential = figures["bare"], figures["seed"], figures["sequential"]
        without, sequential_without = figures["seed_no_guide"], figures["sequential_no_guide"]
        guide_share = seed / without - 1
        print(f"bare import  python -c \"{BARE_IMPORT}\": {bare:.3f} s")
        print(f"seed deck    deckbuild build {SEED.relative_to(ROOT)} --region {SEED_REGION}"
              f" --force (deck + handout + guide): {seed:.3f} s = {seed / bare:.2f}x the bare"
              f" import; outputs one after the other (DECKBUILD_PARALLEL=0): {sequential:.3f} s"
              f" = {sequential / bare:.2f}x  [medians of {seed_runs}, interleaved]")
        cpu_share = figures["seed_cpu"] / figures["seed_no_guide_cpu"] - 1
        print(f"guide        --no-facilitator: {without:.3f} s (one after the other"
              f" {sequential_without:.3f} s): the facilitator guide adds {guide_share:.0%}"
              f" ({sequential / sequential_without - 1:.0%} one after the other); CPU"
              f" {figures['seed_no_guide_cpu']:.3f} s -> {figures['seed_cpu']:.3f} s,"
              f" {cpu_share:.0%} more")
        watch = measure_watch(root, 5)
        print(f"watch        deckbuild watch: seed deck and handout rewritten {watch:.2f} s after"
              f" the Markdown is saved (median of 5; polling every 0.3 s)")
        print("(medians; wall = whole process; build = the build alone, after imports;"
              " ms/slide from build)")
        print()
        header = (f"{'slides':>6}  {'output':<7}  {'runs':>4}  {'wall s':>7}  {'build s':>7}  "
                  f"{'ms/slide':>8}  {'peak MB':>7}  {'pandoc s':>8}  {'vs pandoc':>9}")
        print(header)
        print("-" * len(header))
        results = {}
        for size in sizes:
            runs = args.runs_large if size >= 1000 else args.runs
            measured = measure_size(decks[size], out, runs)
            pandoc = measured["pandoc"]
            for kind, label in (("pptx", "deck"), ("handout", "handout")):
                figures = measured[kind]
                figures["ms"] = 1000.0 * figures["build"] / figures["slides"]
                results[size, kind] = figures
                versus = ""
                if kind == "pptx" and pandoc:
                    versus = f"{pandoc / figures['wall']:.1f}x"
                pandoc_text = f"{pandoc:.2f}" if (kind == "pptx" and pandoc) else ""
                print(f"{figures['slides']:>6}  {label:<7}  {runs:>4}  {figures['wall']:>7.2f}  "
                      f"{figures['build']:>7.2f}  {figures['ms']:>8.2f}  {figures['peak']:>7.0f}  "
                      f"{pandoc_text:>8}  {versus:>9}", flush=True)
                if kind == "pptx":
                    results[size, "pandoc"] = pandoc

    print()
    print("targets:")
    checks = [(f"seed deck, deck + handout, within {SEED_RATIO}x the bare import",
               without <= SEED_RATIO * bare, f"{without / bare:.2f}x"),
              (f"seed deck: the facilitator guide adds at most {GUIDE_SHARE:.0%} to its build",
               guide_share <= GUIDE_SHARE, f"{guide_share:.0%}"),
              ("watch: seed deck rebuilt within 1 s of saving", watch <= 1.0, f"{watch:.2f} s")]
    if (500, "pptx") in results and results.get((500, "pandoc")):
        speed = results[500, "pandoc"] / results[500, "pptx"]["wall"]
        checks.append((f"500-slide deck at least {PANDOC_FACTOR:g}x faster than pandoc",
                       speed >= PANDOC_FACTOR, f"{speed:.1f}x"))
    for kind, label in (("pptx", "deck"), ("handout", "handout")):
        if (100, kind) in results and (1000, kind) in results:
            ratio = results[1000, kind]["ms"] / results[100, kind]["ms"]
            checks.append((f"{label}: ms/slide at 1,000 within {LINEAR_RATIO}x of ms/slide at 100",
                           ratio <= LINEAR_RATIO, f"{ratio:.2f}x"))
    for kind, label in (("pptx", "deck"), ("handout", "handout")):
        if (1000, kind) in results:
            peak = results[1000, kind]["peak"]
            checks.append((f"{label}: peak memory below {PEAK_MB:g} MB at 1,000 slides",
                           peak < PEAK_MB, f"{peak:.0f} MB"))
    for text, holds, figure in checks:
        print(f"  [{'holds' if holds else 'MISSED'}] {text}: {figure}")


if __name__ == "__main__":
    main()
