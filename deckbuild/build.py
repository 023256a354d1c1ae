"""One build: read a deck, fit it, render each output, write them all or none.

This is the library's front door; the command line only translates to it.
Outputs whose inputs have not changed are not rebuilt (see `cache`). The reader,
layout and renderers are imported when first needed, so an "up to date" answer
and the start of every build stay quick.
"""
from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Optional

from .cache import BuildCache, input_files
from .errors import DeckError, Findings
from .output import write_all_atomic
from .parallel import EarlyChild, render_concurrently

if TYPE_CHECKING:
    from .model import Deck

FORMATS = {".pptx": "pptx", ".pdf": "handout"}


@dataclass
class BuildResult:
    source: Path
    written: List[Path] = field(default_factory=list)
    skipped: List[Path] = field(default_factory=list)  # up to date, so not rebuilt
    inputs: List[Path] = field(default_factory=list)  # the files the outputs are made from
    findings: Findings = field(default_factory=Findings)
    slides: int = 0
    seconds: float = 0.0


def output_paths(source: Path, out_dir: Path, region: Optional[str] = None) -> Dict[str, Path]:
    """Where a deck's outputs go: NAME.pptx and NAME-handout.pdf (NAME-REGION... for a region)."""
    stem = source.stem + (f"-{region}" if region else "")
    return {"pptx": out_dir / f"{stem}.pptx", "handout": out_dir / f"{stem}-handout.pdf"}


def load(source: Path, region: Optional[str], findings: Findings) -> "Deck":
    """Read, fit and check: the model both renderers draw; warnings go to `findings`."""
    from .check import check_deck
    from .layout.fit import fit_deck
    from .layout.geometry import geometry_for
    from .layout.template_geometry import warn_fallbacks
    from .read import read_deck
    deck = read_deck(source, region=region, findings=findings)
    geometry = geometry_for(deck.theme)
    warn_fallbacks(deck, geometry, findings)
    fitted = fit_deck(deck, findings, geometry)
    check_deck(deck, fitted, findings, geometry)
    return fitted


def render(deck: "Deck", kind: str, paper: str = "letter", handout: Optional[str] = None,
           findings: Optional[Findings] = None) -> bytes:
    if kind == "pptx":
        from .render.pptx import render_pptx
        return render_pptx(deck)
    from .render.handout import render_handout
    return render_handout(deck, paper=paper, layout=handout or deck.handout, findings=findings)


def _import_renderer(kind: str) -> None:
    if kind == "pptx":
        import deckbuild.render.pptx  # noqa: F401
    else:
        import deckbuild.render.handout  # noqa: F401


def _render_reporting(deck: "Deck", kind: str, paper: str, handout: Optional[str]) -> tuple:
    """(the output's bytes, the warnings its renderer found)."""
    findings = Findings()
    return render(deck, kind, paper, handout, findings), list(findings)


def build_options(kind: str, region: Optional[str], paper: str, handout: Optional[str]) -> dict:
    """The options that decide an output's bytes, besides its input files."""
    if kind == "pptx":
        return {"region": region}
    return {"region": region, "paper": paper, "handout": handout}


def build(source: Path, targets: Dict[str, Path], region: Optional[str] = None,
          paper: str = "letter", handout: Optional[str] = None,
          force: bool = False) -> BuildResult:
    """Build `targets` ({"pptx": path, "handout": path}); nothing is written if any fails.

    A target whose inputs and options are those of its last build is left as it is
    (listed in `skipped`) unless `force`.
    """
    started_ns, clock = time.time_ns(), time.perf_counter()
    result = BuildResult(Path(source))
    caches: Dict[Path, BuildCache] = {}
    todo: Dict[str, Path] = {}
    for kind, path in targets.items():
        path = Path(path)
        folder = path.parent.resolve()
        cache = caches.setdefault(folder, BuildCache(folder))
        entry = None if force else cache.current(path, kind,
                                                 build_options(kind, region, paper, handout))
        if entry is None:
            todo[kind] = path
        else:
            result.skipped.append(path)
            result.slides = entry.get("slides", 0)
            result.inputs = [Path(p) for p in entry["inputs"]]
    if todo:
        from .media import load_picture
        load_picture.cache_clear()  # a picture may have changed since the last build
        # The renderers work at the same time where they can (see `parallel`), so each
        # reports its warnings back rather than into `result.findings` directly. The
        # second one's process starts now, importing its renderer while the deck is read.
        early = EarlyChild(functools.partial(_import_renderer, list(todo)[-1])) \
            if len(todo) > 1 else None
        try:
            deck = load(Path(source), region, result.findings)
            result.slides = len(deck.slides)
            rendered = render_concurrently(
                {kind: functools.partial(_render_reporting, deck, kind, paper, handout)
                 for kind in todo}, early)
        finally:
            if early is not None:
                early.close()
        for kind in todo:
            for finding in rendered[kind][1]:
                result.findings.add(finding)
        inputs = result.inputs = input_files(deck, Path(source))
        write_all_atomic({path: rendered[kind][0] for kind, path in todo.items()})
        for kind, path in todo.items():
            result.written.append(path)
            caches[path.parent.resolve()].remember(path, kind,
                                                   build_options(kind, region, paper, handout),
                                                   inputs, started_ns, result.slides)
        for cache in caches.values():
            cache.save()
    result.seconds = time.perf_counter() - clock
    return result


def format_for(path: Path) -> str:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise DeckError(f"cannot tell what to write from '{path.name}': use a name ending in"
                        " .pptx (the deck) or .pdf (the handout)")
    return kind
