"""One build for bench.py, in a fresh process: import what it needs, then time it.

Kept apart from bench.py so that the process imports only what a build does
(the command line would add click, about 15 ms).
"""
import json
import sys
import time
from pathlib import Path

from deckbuild.build import build

try:  # how one output scales is timed past the full build's limits too (600 slides)
    from deckbuild import limits
    limits.MAX_SLIDES = limits.MAX_SOURCE_BYTES = 10 ** 12
except ImportError:  # older code (--code): no limits
    pass


def main(kind: str, source: str, out: str) -> None:
    if kind == "pptx":
        import deckbuild.render.pptx  # noqa: F401 - imported before the clock starts
    else:
        import deckbuild.render.handout  # noqa: F401
    start = time.perf_counter()
    result = build(Path(source), {kind: Path(out)}, force=True)
    print(json.dumps({"slides": result.slides, "build": time.perf_counter() - start}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
