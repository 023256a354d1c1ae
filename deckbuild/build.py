"""One build: read a deck, fit it, render each output, write them all or none.

This is the library's front door; the command line only translates to it.
Outputs whose inputs have not changed are not rebuilt (see `cache`). The reader,
layout and renderers are imported when first needed, so an "up to date" answer
and the start of every build stay quick.
"""
from __future__ import annotations

import contextlib
import functools
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Optional

from .cache import BuildCache, input_files
from .errors import DeckError, Findings, OutputError
from .limits import check_slide_count, check_slide_headings, check_source_size
from .output import Outputs, recover
from .parallel import EarlyChild, render_concurrently
from .render.dates import source_date_epoch
from .render.font_warnings import once_per_build
from .reopen import Unreadable, reopen

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
    translation: str = ""  # in another language: "es: 212 of 230 translated, 6 fuzzy"


# What each kind of output is called in messages.
OUTPUT_NAMES = {"pptx": "deck", "handout": "handout", "facilitator": "facilitator guide"}


def output_paths(source: Path, out_dir: Path, region: Optional[str] = None,
                 lang: Optional[str] = None) -> Dict[str, Path]:
    """Where a deck's outputs go: NAME.pptx, NAME-handout.pdf and NAME-facilitator.pdf
    (NAME-REGION... for a region, NAME.es.pptx, NAME.es-handout.pdf... in another language)."""
    stem = source.stem + (f"-{region}" if region else "") + (f".{lang}" if lang else "")
    return {"pptx": out_dir / f"{stem}.pptx", "handout": out_dir / f"{stem}-handout.pdf",
            "facilitator": out_dir / f"{stem}-facilitator.pdf"}


def load(source: Path, region: Optional[str], findings: Findings, lang: Optional[str] = None,
         strict: bool = False, progress: Optional[list] = None,
         limits: bool = True) -> "Deck":
    """Read (and translate into `lang`), fit and check: the model both renderers draw;
    warnings go to `findings`. A deck over the build limits (`deckbuild.limits`) is
    refused unless `limits` is False."""
    from .check import check_deck
    from .layout.fit import fit_deck
    from .layout.geometry import geometry_for
    from .layout.template_geometry import warn_fallbacks
    from .read import read_deck
    from .read.textfile import MAX_DECK_BYTES, read_regular
    if limits:
        check_slide_headings(source,
                             read_regular(source, MAX_DECK_BYTES).decode("utf-8", "replace"))
    if lang:
        from .translate import translated_deck
        deck, counted = translated_deck(source, lang, region, findings, strict=strict)
        if progress is not None:
            progress.append(counted.summary())
    else:
        deck = read_deck(source, region=region, findings=findings)
    if limits:
        check_slide_count(source, len(deck.slides))
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
    if kind == "facilitator":
        from .render.guide import render_guide
        return render_guide(deck, paper=paper, findings=findings)
    from .render.handout import render_handout
    return render_handout(deck, paper=paper, layout=handout or deck.handout, findings=findings)


def _import_renderer(kind: str) -> None:
    if kind == "pptx":
        import deckbuild.render.pptx  # noqa: F401
        return
    if kind == "facilitator":
        import deckbuild.render.guide  # noqa: F401
    else:
        import deckbuild.render.handout  # noqa: F401
    from .render.fonts import load_base_fonts
    load_base_fonts()  # (the PDFs' fonts read while the deck is)


# The handout and the guide are drawn in one process, one after the other: reportlab, the
# renderers and the fonts are loaded once (in two processes, each loads them: about 0.3 s
# of CPU for the seed deck), and the deck renders beside them at the same time.
PDFS = ("handout", "facilitator")
BOTH = "handout+facilitator"


def _together(jobs: dict) -> dict:
    """`jobs` with the handout's and the guide's, when both are wanted, made one job."""
    if len(jobs) < 3 or not all(kind in jobs for kind in PDFS):
        return jobs  # (the two alone: each in its own process, at the same time)
    first, second = (jobs.pop(kind) for kind in PDFS)
    jobs[BOTH] = functools.partial(_both, first, second)
    return jobs


def _both(first, second) -> tuple:
    return first(), second()


def _split(results: dict) -> dict:
    if BOTH in results:
        results.update(zip(PDFS, results.pop(BOTH)))
    return results


def _render_reporting(deck: "Deck", kind: str, paper: str, handout: Optional[str],
                      target: Path) -> tuple:
    """(the output's bytes, the warnings its renderer found); the bytes reopened first."""
    findings = Findings()
    data = render(deck, kind, paper, handout, findings)
    try:
        reopen(kind, data)
    except Unreadable as exc:
        raise OutputError(f"the {OUTPUT_NAMES[kind]} made from"
                          f" {deck.source.path} does not reopen ({exc}), so it did not replace"
                          " this file. This is a bug in deckbuild or in the template; please"
                          " report it", str(target)) from None
    return data, list(findings)


def build_options(kind: str, region: Optional[str], paper: str, handout: Optional[str],
                  lang: Optional[str] = None) -> dict:
    """The options that decide an output's bytes, besides its input files."""
    if kind == "pptx":
        options = {"region": region}
    elif kind == "facilitator":
        options = {"region": region, "paper": paper}
    else:
        options = {"region": region, "paper": paper, "handout": handout}
    if lang:
        options["lang"] = lang
    return options


def build(source: Path, targets: Dict[str, Path], region: Optional[str] = None,
          paper: str = "letter", handout: Optional[str] = None,
          force: bool = False, facilitator: Optional[bool] = None,
          lang: Optional[str] = None, strict: bool = False,
          limits: bool = True) -> BuildResult:
    """Build `targets` ({"pptx": path, "handout": path, "facilitator": path}); nothing is
    written if any fails.

    A target whose inputs and options are those of its last build is left as it is
    (listed in `skipped`) unless `force`. The facilitator guide is made when `facilitator`
    is True, left out when False, and by default unless the deck says `facilitator: false`.
    `lang` builds the deck's translation into that language (`deckbuild.translate`);
    `strict` stops when a text has none. `limits=False` builds a deck over the build
    limits (`deckbuild.limits`), slowly.
    """
    started_ns, clock = time.time_ns(), time.perf_counter()
    source = Path(source)
    result = BuildResult(source)
    source_date_epoch()  # a malformed one stops the build before anything is read
    check_source(source, limits)
    targets = {kind: Path(path) for kind, path in targets.items()
               if kind != "facilitator" or guide_wanted(source, facilitator)}
    caches: Dict[Path, BuildCache] = {}
    todo: Dict[str, Path] = {}
    for kind, path in targets.items():
        folder = output_folder(path)
        if folder not in caches:
            recover(folder)  # what a killed build left here, finished or removed
            caches[folder] = BuildCache(folder)
        entry = None if force else caches[folder].current(
            path, kind, build_options(kind, region, paper, handout, lang), source)
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
            progress: list = []
            deck = load(source, region, result.findings, lang, strict, progress, limits)
            result.translation = progress[0] if progress else ""
            result.slides = len(deck.slides)
            inputs = result.inputs = input_files(deck, source, lang)
            check_not_inputs(todo, deck, source)
            rendered = _split(render_concurrently(_together(
                {kind: functools.partial(_render_reporting, deck, kind, paper, handout,
                                         todo[kind])
                 for kind in todo}), early))
        finally:
            if early is not None:
                early.close()
        for finding in once_per_build(f for kind in todo for f in rendered[kind][1]):
            result.findings.add(finding)
        _write(todo, rendered, caches, result, inputs, started_ns,
               lambda kind: build_options(kind, region, paper, handout, lang))
    result.seconds = time.perf_counter() - clock
    return result


def _write(todo, rendered, caches, result, inputs, started_ns, options) -> None:
    """Put the outputs and the build record in place together, or none of them."""
    folders = sorted({output_folder(path) for path in todo.values()})
    with contextlib.ExitStack() as stack:
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            stack.enter_context(caches[folder].locked())
        outputs = Outputs()
        try:
            for kind, path in todo.items():
                written = outputs.stage(path, rendered[kind][0])
                caches[output_folder(path)].remember(path, kind, options(kind), inputs,
                                                     started_ns, result.slides, result.source,
                                                     written)
            for folder in folders:
                cache = caches[folder]
                record = cache.merged()
                if record is None:
                    continue
                problem = cache.blocked()
                if problem is not None:
                    result.findings.add(problem)
                else:
                    outputs.stage(cache.path, record)
            outputs.commit()
        finally:
            outputs.discard()
    for cache in caches.values():
        cache.saved()
    result.written.extend(todo.values())


def guide_wanted(source: Path, asked: Optional[bool]) -> bool:
    """Whether to make the facilitator guide: as asked, else as the deck's front matter
    says (`facilitator: false`), looked at before anything is read so that an up-to-date
    build reads nothing. Front matter that cannot be read says yes: the build reports it."""
    if asked is not None:
        return asked
    from .read.frontmatter import split_front_matter
    try:
        front = split_front_matter(source.read_text(encoding="utf-8-sig"), str(source))[0]
    except (OSError, ValueError, DeckError):
        return True
    wanted = front.get("facilitator")
    return wanted is None or str(wanted).strip().lower() not in ("false", "no", "off", "0", "")


def output_folder(path: Path) -> Path:
    """The folder an output goes in, as one key for its record (symbolic links followed)."""
    folder = Path(path).parent
    try:
        return folder.resolve()
    except (OSError, RuntimeError) as exc:  # a symbolic link loop (RuntimeError before 3.13)
        raise OutputError("this folder cannot be used: a symbolic link in its path points back"
                          " to itself", str(folder)) from exc


def check_source(source: Path, limits: bool = True) -> None:
    """The deck must be a file that can be read and (with `limits`) is not too large to
    build (before a record answers for it)."""
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise DeckError("file not found", str(source)) from None
    except OSError as exc:
        raise DeckError(f"cannot read this file ({exc.strerror})", str(source)) from None
    if stat.S_ISDIR(info.st_mode):
        raise DeckError("this is a folder, not a file", str(source))
    if not stat.S_ISREG(info.st_mode):
        raise DeckError("this is not a file that can be read (a pipe or a device); name a"
                        " Markdown file", str(source))
    if limits:
        check_source_size(source, info.st_size)


def check_not_inputs(targets: Dict[str, Path], deck: "Deck", source: Path) -> None:
    """No output may replace a file the build reads (deck, region, template, pictures...)."""
    roles = input_roles(deck, source)
    known = {}
    for path, role in roles.items():
        try:
            info = os.stat(path)
            known[(info.st_dev, info.st_ino)] = role
        except OSError:
            pass
    for path in targets.values():
        role = roles.get(str(Path(path).resolve()))
        if role is None:
            try:
                info = os.stat(path)
                role = known.get((info.st_dev, info.st_ino))
            except OSError:
                pass
        if role is not None:
            raise DeckError(f"this output would replace {role}, which the build reads;"
                            " nothing was written: choose another output name or folder",
                            str(path))


def input_roles(deck: "Deck", source: Path) -> Dict[str, str]:
    """Each input file (resolved) and what it is to the build, for messages."""
    from .model import Image, iter_blocks
    roles: Dict[str, str] = {}

    def add(path, role: str) -> None:
        if path:
            roles.setdefault(str(Path(path).resolve()), role)

    add(source, "the deck itself")
    if deck.region is not None:
        add(deck.region.source.path, "the region file")
    add(deck.theme.template, "the region's PowerPoint template")
    add(deck.theme.logo, "the logo")
    for font in deck.theme.font_files:
        add(font, "a font")
    for slide in deck.slides:
        add(slide.background, "a background picture")
        for block in iter_blocks(slide.blocks):
            if isinstance(block, Image):
                add(block.path, "a picture")
    return roles


def check_distinct_outputs(builds) -> None:
    """Two builds writing the same file would silently lose one: refuse before building.

    `builds` is a list of (label, targets); names that differ only in case collide
    too (they are one file on Windows and macOS).
    """
    seen: Dict[str, str] = {}
    problems = []
    for label, targets in builds:
        for path in targets.values():
            key = os.path.normcase(os.path.abspath(path)).casefold()
            if key in seen and seen[key] != label:
                problems.append(f"{path}: both {seen[key]} and {label} would write this file;"
                                " rename one of the decks or region files (nothing was built)")
            seen.setdefault(key, label)
    if problems:
        raise DeckError("\n".join(problems))


def format_for(path: Path) -> str:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise DeckError(f"cannot tell what to write from '{path.name}': use a name ending in"
                        " .pptx (the deck) or .pdf (the handout)")
    return kind
