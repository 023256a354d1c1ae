"""One build: read a deck, fit it, render each output, write them all or none.

This is the library's front door; the command line only translates to it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from .check import check_deck
from .errors import DeckError, Findings
from .layout.fit import fit_deck
from .layout.geometry import geometry_for
from .layout.template_geometry import warn_fallbacks
from .model import Deck
from .output import write_atomic
from .read import read_deck

FORMATS = {".pptx": "pptx", ".pdf": "handout"}


@dataclass
class BuildResult:
    source: Path
    written: List[Path] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)
    slides: int = 0


def output_paths(source: Path, out_dir: Path, region: Optional[str] = None) -> Dict[str, Path]:
    """Where a deck's outputs go: NAME.pptx and NAME-handout.pdf (NAME-REGION... for a region)."""
    stem = source.stem + (f"-{region}" if region else "")
    return {"pptx": out_dir / f"{stem}.pptx", "handout": out_dir / f"{stem}-handout.pdf"}


def load(source: Path, region: Optional[str], findings: Findings) -> Deck:
    """Read, fit and check: the model both renderers draw; warnings go to `findings`."""
    deck = read_deck(source, region=region, findings=findings)
    geometry = geometry_for(deck.theme)
    warn_fallbacks(deck, geometry, findings)
    fitted = fit_deck(deck, findings, geometry)
    check_deck(deck, fitted, findings, geometry)
    return fitted


def render(deck: Deck, kind: str, paper: str = "letter", handout: Optional[str] = None,
           findings: Optional[Findings] = None) -> bytes:
    if kind == "pptx":
        from .render.pptx import render_pptx
        return render_pptx(deck)
    from .render.handout import render_handout
    return render_handout(deck, paper=paper, layout=handout or deck.handout, findings=findings)


def build(source: Path, targets: Dict[str, Path], region: Optional[str] = None,
          paper: str = "letter", handout: Optional[str] = None) -> BuildResult:
    """Build `targets` ({"pptx": path, "handout": path}); nothing is written if any fails."""
    result = BuildResult(Path(source))
    deck = load(Path(source), region, result.findings)
    result.slides = len(deck.slides)
    rendered = {kind: render(deck, kind, paper, handout, result.findings) for kind in targets}
    for kind, path in targets.items():
        write_atomic(path, rendered[kind])
        result.written.append(path)
    return result


def format_for(path: Path) -> str:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise DeckError(f"cannot tell what to write from '{path.name}': use a name ending in"
                        " .pptx (the deck) or .pdf (the handout)")
    return kind
