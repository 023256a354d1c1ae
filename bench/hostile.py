"""The slow inputs of issue 13, timed: `make bench-hostile` (a benchmark, not a test).

Each case is written into a temporary project and built by the command line in
a fresh process (`deckbuild build ... --force`, deck and handout, as a trainer
runs it). For each run it records the wall time and the peak resident memory of
the process tree (`os.wait4`'s rusage: the largest of the process and the
children it waited for, such as the handout's forked renderer). A run that takes
longer than --timeout seconds is stopped and reported as "> timeout".

The cases (sizes from the issue):

- brackets: one slide holding 20,000 `[`;
- divs: one slide holding 30,000 `<div `;
- resources: a region with 10,000 resources (slides and handout, a QR code each);
- resources-1000: the most a region may list, 1,000 resources;
- yaml-string: one resource whose description is a 10 MB YAML string;
- long-word: one slide holding a 1,000,000-character word;
- template: a 40 MB template (a background picture on its master) with 60
  slides of its own, and a deck of 60 slides;
- slides-5000: 5,000 slides;
- deck-20mb: a 20 MB deck of 28,000 slides;
- slides-limit: the most slides a build takes (deckbuild.limits.MAX_SLIDES, the title
  slide included), each the 5,000-slide case's;
- bytes-limit: as many slides, with more words each, in a file just under the most
  bytes a build takes (MAX_SOURCE_BYTES).

The 5,000-slide and 20 MB decks are over those limits, so they are refused; `--no-limits`
builds them anyway (the limits raised in the child), to time what the limits avoid.

`--code DIR` times another checkout of deckbuild (put first on PYTHONPATH); given
twice (the code before a change and after), the runs of the two alternate, so
that other work on the machine slows both alike. The same interpreter and
dependencies run both.
"""
from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REGION_HEAD = """\
name: Bench County
verified: "2026-11"
organization:
  name: Bench County Health
  website: "https://bench.example.org"
"""

SLIDE = """\
## Topic {n}: meeting people where they are

- Listen first, then ask what would help today
  - Offer water, naloxone and a quiet place to sit
- Write down the resource they chose: [FindTreatment](https://findtreatment.gov)

::: notes
Ask the room for an example from their own work, slide {n}.
:::
"""


def _region(items: str) -> str:
    return REGION_HEAD + "resources:\n  - group: Bench Resources\n    items:\n" + items


def _item(n: int, description: str = "") -> str:
    text = (f"      - name: \"Service {n}\"\n"
            f"        url: \"https://service{n}.bench.example.org/help\"\n"
            f"        phone: \"555-{n % 10000:04d}\"\n")
    if description:
        text += f"        description: \"{description}\"\n"
    return text


def _deck(body: str, region: str = "") -> str:
    front = "---\ntitle: Bench\n" + (f"region: {region}\n" if region else "") + "---\n\n"
    return front + body


def _template(path: Path, slides: int, megabytes: int) -> None:
    """The example template with a picture of about `megabytes` MB as its master's
    background, and `slides` slides of its own."""
    from PIL import Image
    from pptx import Presentation
    from pptx.util import Pt

    side = int((megabytes * 1e6 / 3) ** 0.5)
    noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    picture = io.BytesIO()
    noise.save(picture, "PNG", compress_level=1)
    prs = Presentation(str(ROOT / "assets" / "example-template.pptx"))
    master = prs.slide_masters[0]
    _, rid = master.part.get_or_add_image_part(io.BytesIO(picture.getvalue()))
    from lxml import etree
    P = "http://schemas.openxmlformats.org/presentationml/2006/main"
    A = "http://schemas.openxmlformats.org/drawingml/2006/main"
    R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    c_sld = master._element.find(f"{{{P}}}cSld")
    for old in c_sld.findall(f"{{{P}}}bg"):
        c_sld.remove(old)
    bg = etree.SubElement(c_sld, f"{{{P}}}bg")
    c_sld.remove(bg)
    c_sld.insert(0, bg)
    pr = etree.SubElement(bg, f"{{{P}}}bgPr")
    fill = etree.SubElement(pr, f"{{{A}}}blipFill")
    etree.SubElement(fill, f"{{{A}}}blip", {f"{{{R}}}embed": rid})
    etree.SubElement(etree.SubElement(fill, f"{{{A}}}stretch"), f"{{{A}}}fillRect")
    etree.SubElement(pr, f"{{{A}}}effectLst")
    for layout in master.slide_layouts:  # the layouts show the master's background
        layout_bg = layout._element.find(f"{{{P}}}cSld/{{{P}}}bg")
        if layout_bg is not None:
            layout_bg.getparent().remove(layout_bg)
    for n in range(slides):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Template sample {n}"
        slide.shapes.add_textbox(Pt(40), Pt(200), Pt(400), Pt(40)).text = "sample"
    prs.save(str(path))


def make_case(name: str, root: Path) -> list:
    """Write case `name` into the project at `root`; the build command's arguments."""
    source, regions, assets = root / "source", root / "source" / "regions", root / "assets"
    regions.mkdir(parents=True)
    assets.mkdir()
    deck = source / f"{name}.md"
    args = [str(deck)]
    if name == "brackets":
        deck.write_text(_deck("## Brackets\n\n" + "[" * 20000 + "\n"))
    elif name == "divs":
        deck.write_text(_deck("## Divs\n\n" + "<div " * 30000 + "\n"))
    elif name == "resources":
        (regions / "big.yaml").write_text(_region("".join(_item(n) for n in range(10000))))
        deck.write_text(_deck("# Resources\n\n::: resources\n:::\n", "big"))
    elif name == "resources-1000":
        (regions / "big.yaml").write_text(_region("".join(_item(n) for n in range(1000))))
        deck.write_text(_deck("# Resources\n\n::: resources\n:::\n", "big"))
    elif name == "yaml-string":
        (regions / "big.yaml").write_text(_region(_item(1, "x" * (10 * 1024 * 1024))))
        deck.write_text(_deck("# Resources\n\n::: resources\n:::\n", "big"))
    elif name == "long-word":
        deck.write_text(_deck("## A long word\n\n" + "x" * 1_000_000 + "\n"))
    elif name == "template":
        _template(assets / "big-template.pptx", slides=60, megabytes=40)
        (regions / "big.yaml").write_text(REGION_HEAD + "theme:\n  template: assets/big-template.pptx\n"
                                          + "resources:\n  - group: Bench\n    items:\n"
                                          + _item(1))
        deck.write_text(_deck("".join(SLIDE.format(n=n) for n in range(60)), "big"))
    elif name == "slides-5000":
        deck.write_text(_deck("".join(SLIDE.format(n=n) for n in range(5000))))
    elif name == "deck-20mb":
        body, size, n = [], 0, 0
        while size < 20 * 1024 * 1024:
            text = SLIDE.format(n=n) + "\nMore words to read on this slide" * 13 + "\n\n"
            body.append(text)
            size += len(text)
            n += 1
        deck.write_text(_deck("".join(body)))
    elif name in ("slides-limit", "bytes-limit"):
        sys.path.insert(0, str(ROOT))
        from deckbuild.limits import MAX_SLIDES, MAX_SOURCE_BYTES
        slides = [SLIDE.format(n=n) for n in range(MAX_SLIDES - 1)]  # and the title slide
        if name == "bytes-limit":
            room = MAX_SOURCE_BYTES - len(_deck("".join(slides)).encode()) - 1024
            words = "\nMore words to read on this slide"
            slides = [text + words * (room // len(slides) // len(words)) + "\n\n"
                      for text in slides]
        deck.write_text(_deck("".join(slides)))
        assert deck.stat().st_size <= MAX_SOURCE_BYTES
    else:
        raise SystemExit(f"no case {name}")
    return args


CASES = ["brackets", "divs", "resources", "resources-1000", "yaml-string", "long-word", "template",
         "slides-5000", "deck-20mb", "slides-limit", "bytes-limit"]
# Run instead of `python -m deckbuild` by --no-limits: deckbuild with its build limits lifted.
UNLIMITED = ("import runpy, sys\ntry:\n    import deckbuild.limits as limits\n"
             "    limits.MAX_SLIDES = limits.MAX_SOURCE_BYTES = 10 ** 12\n"
             "except ImportError:\n    pass  # code from before the limits\n"
             "runpy.run_module('deckbuild', run_name='__main__', alter_sys=True)")


def run_once(args: list, cwd: Path, code: Path, timeout: float, limits: bool = True) -> dict:
    """One build in a fresh process: wall and CPU seconds, peak MB, exit status, last line."""
    env = dict(os.environ, PYTHONPATH=str(code))
    start = ["-m", "deckbuild"] if limits else ["-c", UNLIMITED]
    command = [sys.executable, *start, "build", *args, "--force",
               "--out-dir", str(cwd / "output")]
    err = tempfile.TemporaryFile()
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=err, start_new_session=True)
    deadline = started + timeout
    while True:
        pid, wait_status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            status = os.waitstatus_to_exitcode(wait_status)
            break
        if time.perf_counter() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            _, wait_status, usage = os.wait4(process.pid, 0)
            status = "timeout"
            break
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    process.returncode = 0
    err.seek(0)
    lines = err.read().decode("utf-8", "replace").strip().splitlines()
    return {"wall": seconds, "cpu": usage.ru_utime + usage.ru_stime,
            "peak": usage.ru_maxrss / 1024, "status": status, "load": load,
            "last": lines[-1][:140] if lines else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="*", default=CASES)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--code", type=Path, action="append",
                        help="a deckbuild checkout to time (repeat to compare; runs interleave)")
    parser.add_argument("--no-limits", action="store_true",
                        help="build decks over deckbuild.limits anyway (to time them)")
    options = parser.parse_args()
    codes = [c.resolve() for c in (options.code or [ROOT])]
    print(f"deckbuild hostile-input benchmark: {platform.system()} {platform.machine()},"
          f" {os.cpu_count()} cores, Python {platform.python_version()}")
    print("(wall = the whole build process; cpu = its user + system time, children included,"
          " which a busy machine inflates less; load = 1-minute load average at the start)")
    print(f"{'case':<12} {'code':<22} {'runs':>4} {'wall s':>8} {'(min-max)':>15} {'cpu s':>7}"
          f" {'peak MB':>8} {'load':>5}  exit  last message")
    for name in options.cases:
        work = Path(tempfile.mkdtemp(prefix=f"hostile-{name}-"))
        try:
            args = make_case(name, work)
            runs = {code: [] for code in codes}
            for _ in range(options.runs):
                for code in codes:  # interleaved, so a busy spell slows each alike
                    runs[code].append(run_once(args, work, code, options.timeout,
                                                not options.no_limits))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        for code in codes:
            done = runs[code]
            walls = [r["wall"] for r in done]
            timed_out = any(r["status"] == "timeout" for r in done)
            wall = f"> {options.timeout:.0f}" if timed_out else f"{statistics.median(walls):.2f}"
            label = str(code)[-22:]
            print(f"{name:<12} {label:<22} {len(done):>4} {wall:>8}"
                  f" {f'({min(walls):.1f}-{max(walls):.1f})':>15}"
                  f" {statistics.median(r['cpu'] for r in done):>7.2f}"
                  f" {max(r['peak'] for r in done):>8.0f}"
                  f" {statistics.median(r['load'] for r in done):>5.1f}"
                  f"  {','.join(str(r['status']) for r in done):>4}  {done[-1]['last']}",
                  flush=True)


if __name__ == "__main__":
    main()
