"""Watch mode: rebuild a deck as soon as one of its files is saved.

The watcher polls modification times (a `stat` of a few dozen files every 0.3 s
costs next to nothing, needs no extra dependency and works the same on every
system and on network drives). It watches each deck's Markdown, every file its
last build was made from (region file, pictures, template, logo, fonts), the
region files beside the deck and the project's `assets/` folder, so a picture
or region that was missing is noticed when it appears. When one of a deck's files
changed, that deck is built again; the build's own record (see `cache`) then
skips an output whose inputs' contents are the same (a file saved unchanged).

The loop takes its build step, its report and its stop condition as arguments,
so tests can run it for a few rounds; the command line stops it with Ctrl-C.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Set, Tuple

from .build import BuildResult

POLL_SECONDS = 0.3
MAX_ASSET_FILES = 5000  # beyond this, assets/ is not listed each round (a huge folder)

Stamp = Optional[Tuple[int, int]]  # (mtime_ns, size), None when the file is missing


@dataclass
class WatchEvent:
    """What happened to one deck in one round: built (or up to date), or failed."""

    source: Path
    result: Optional[BuildResult] = None
    error: Optional[Exception] = None  # a DeckError for the trainer, anything else is a bug
    first: bool = False  # the deck's first build in this watch
    fixed: bool = False  # built after its last build failed: the problem is gone
    removed: bool = False  # the deck's file is gone; its outputs stay as they are


def stamp(path: Path) -> Stamp:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def project_files(source: Path) -> List[Path]:
    """Files beside a deck that may become its inputs: region files and assets/."""
    from .read import project_root_for, regions_dir_for

    found: List[Path] = []
    regions = regions_dir_for(source)
    if regions.is_dir():
        found += regions.glob("*.yaml")
    assets = project_root_for(source) / "assets"
    if assets.is_dir():
        for index, path in enumerate(assets.rglob("*")):
            if index >= MAX_ASSET_FILES:
                break
            if path.is_file():
                found.append(path)
    return found


class Watcher:
    """Builds every deck, then again each time one of that deck's files changes."""

    def __init__(self, list_sources: Callable[[], List[Path]],
                 build_source: Callable[[Path], BuildResult],
                 report: Callable[[WatchEvent], None], interval: float = POLL_SECONDS):
        self.list_sources = list_sources
        self.build_source = build_source
        self.report = report
        self.interval = interval
        self.inputs: Dict[Path, Set[Path]] = {}  # deck -> files of its last good build
        self.stamps: Dict[Path, Dict[Path, Stamp]] = {}  # deck -> its files when last built
        self.builds = 0
        self.seen: Set[Path] = set()
        self.failing: Set[Path] = set()  # decks whose last build failed

    def files_for(self, source: Path) -> Set[Path]:
        return {source} | self.inputs.get(source, set()) | set(project_files(source))

    def build(self, source: Path) -> None:
        # The files are stamped before building, so one saved during the build
        # differs from its stamp and the deck is built again in the next round.
        self.stamps[source] = {path: stamp(path) for path in self.files_for(source)}
        self.builds += 1
        first = source not in self.seen
        self.seen.add(source)
        try:
            result = self.build_source(source)
        except Exception as exc:  # a DeckError, or a bug: say so and keep watching
            self.failing.add(source)
            self.report(WatchEvent(source, error=exc, first=first))
            return
        fixed = source in self.failing
        self.failing.discard(source)
        self.inputs[source] = set(result.inputs)
        self.report(WatchEvent(source, result=result, first=first, fixed=fixed))

    def poll(self) -> None:
        """Build each deck whose files changed since its last build (or that is new)."""
        sources = [Path(s) for s in self.list_sources()]
        for source in list(self.stamps):
            if source not in sources:
                del self.stamps[source]
                self.inputs.pop(source, None)
                self.failing.discard(source)
                self.seen.discard(source)  # a deck saved there again is built as new
                self.report(WatchEvent(source, removed=True))
        for source in sources:
            files = self.files_for(source)
            if self.stamps.get(source) != {path: stamp(path) for path in files}:
                self.build(source)

    def run(self, should_stop: Callable[[], bool] = lambda: False,
            max_polls: Optional[int] = None, sleep: Callable[[float], None] = time.sleep) -> None:
        """Build every deck once, then poll until `should_stop()` or `max_polls` rounds."""
        for source in self.list_sources():
            self.build(Path(source))
        polls = 0
        while not should_stop() and (max_polls is None or polls < max_polls):
            sleep(self.interval)
            polls += 1
            self.poll()
