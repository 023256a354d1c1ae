"""What the preview page shows: the deck's slides as SVG, and what changed since.

`Preview.rebuild` reads the deck through the same steps as a build (`build.load`:
read, fit, check) and draws every slide with `render.svg`. Each slide's view
(SVG, number, source `path:line`, notes, warnings) has a key; a rebuild sends the
page only the slides whose key changed. A deck that fails to read keeps its last
good slides and shows the error's `path:line` in a banner instead.

Fonts and pictures are served by name from what the last build drew (a CSS
family, a picture's hash), never by a path from the URL: nothing else on the
computer can be asked for.
"""
from __future__ import annotations

import hashlib
import json
import os
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ..errors import DeckError, Findings, location
from ..model import Deck, plain

# Slides drawn and sent first while nothing is on the page yet (the top of the page),
# before the rest of a long deck is drawn.
FIRST_BATCH = 6
SUBSCRIBER_BACKLOG = 100  # events kept for a page that stopped reading (then it is dropped)


@dataclass
class Built:
    """What the watcher needs from a rebuild: the files the deck was made from."""

    source: Path
    inputs: List[Path] = field(default_factory=list)


def shown_path(path: str, root: Optional[Path] = None) -> str:
    """A path as the trainer knows it: from the current folder when inside it, else from
    the project's folder (`root`), else as it is."""
    if not path:
        return ""
    for start in (os.getcwd(), root):
        if start is None:
            continue
        try:
            relative = os.path.relpath(path, start)
        except ValueError:  # another drive on Windows
            continue
        if not relative.startswith(".."):
            return Path(relative).as_posix()
    return path


def slide_warnings(deck: Deck, findings: Findings) -> Tuple[Dict[int, List[str]], List[str]]:
    """Warnings by slide number (the slide whose lines they are on), and the deck's own."""
    by_slide: Dict[int, List[str]] = {}
    rest: List[str] = []
    starts = [(number, slide.source) for number, slide in enumerate(deck.slides, 1)
              if slide.source.line]
    for finding in findings:
        text = str(finding)
        owner = None
        for number, source in starts:
            same = finding.path and os.path.realpath(finding.path) == \
                os.path.realpath(source.path)
            if same and finding.line and source.line <= finding.line:
                owner = number  # the last slide starting at or before the line
        if owner is None:
            rest.append(text)
        else:
            by_slide.setdefault(owner, []).append(text)
    return by_slide, rest


class Pictures:
    """The pictures of the last build, by the hash of their bytes (served as /picture/HASH)."""

    def __init__(self):
        self.items: Dict[str, Tuple[str, bytes]] = {}

    def url(self, data: bytes) -> str:
        from ..render.svg.canvas import browser_picture
        key = hashlib.sha1(data).hexdigest()
        if key not in self.items:
            try:
                self.items[key] = browser_picture(data)
            except Exception:  # a picture no browser or Pillow reads: left out, as in the deck
                return ""
        return f"/picture/{key}"


class Preview:
    """The deck as the page shows it, rebuilt on demand, with pages told what changed."""

    def __init__(self, source: Path, region: Optional[str] = None, lang: Optional[str] = None):
        from ..read import project_root_for
        self.source, self.region, self.lang = Path(source), region, lang
        self.root = project_root_for(self.source.resolve())
        self.lock = threading.Lock()
        self.version = 0
        self.slides: List[dict] = []  # the views drawn, slide 1 on (all, but while first drawn)
        self.count = 0  # the deck's slides
        self.deck_warnings: List[str] = []
        self.error: Optional[dict] = None
        self.size = (960.0, 540.0)
        self.title = self.source.stem
        self.fonts: Dict[str, str] = {}  # CSS family -> font file
        self.pictures = Pictures()
        self.subscribers: List[queue.Queue] = []

    # -- building

    def rebuild(self, source: Optional[Path] = None) -> Built:
        """Read and draw the deck again; tell the pages. Raises what the read raised.

        (`source` is for the watcher, which names the deck it rebuilds: always ours.)"""
        from ..build import load
        from ..cache import input_files
        from ..media import load_picture
        load_picture.cache_clear()  # a picture may have been saved since
        findings = Findings()
        try:
            deck = load(self.source, self.region, findings, lang=self.lang)
            drawer = self._drawer(deck)
            by_slide, _ = slide_warnings(deck, findings)
            views = []
            if not self.slides and len(deck.slides) > FIRST_BATCH:
                views = self._draw(deck, drawer, by_slide, 0, FIRST_BATCH)
                self._publish_slides(deck, views, drawer, findings)
            views += self._draw(deck, drawer, by_slide, len(views), len(deck.slides))
        except Exception as exc:
            self._failed(exc)
            raise
        self._publish_slides(deck, views, drawer, findings)
        return Built(self.source, input_files(deck, self.source, self.lang))

    def _drawer(self, deck: Deck):
        from ..render.svg import SvgSlides
        pictures = Pictures()
        drawer = SvgSlides(deck, font_url=None, picture_url=pictures.url)
        drawer.pictures = pictures
        return drawer

    def _draw(self, deck: Deck, drawer, by_slide, start: int, stop: int) -> List[dict]:
        views = []
        for number, slide in enumerate(deck.slides[start:stop], start + 1):
            view = {
                "number": number,
                "title": plain(slide.title) if slide.title else "",
                "layout": slide.layout.value,
                "source": location(shown_path(slide.source.path, self.root), slide.source.line)
                .rstrip(": ") or shown_path(str(self.source), self.root),
                "notes": [plain(note) for note in slide.notes],
                "warnings": by_slide.get(number, []),
                "svg": drawer.slide(slide, number),
            }
            view["key"] = hashlib.sha1(json.dumps(view, sort_keys=True).encode("utf-8"))\
                .hexdigest()[:16]
            views.append(view)
        return views

    def _publish_slides(self, deck, views, drawer, findings) -> None:
        """Sends the pages what changed; `views` may be the first slides of the deck only."""
        _, rest = slide_warnings(deck, findings)
        with self.lock:
            old = {view["number"]: view["key"] for view in self.slides}
            changed = [view for view in views if old.get(view["number"]) != view["key"]]
            self.slides, self.count = list(views), len(deck.slides)
            self.fonts, self.pictures = dict(drawer.fonts), drawer.pictures
            self.deck_warnings, self.error = rest, None
            self.size = deck_size(deck)
            self.title = deck.meta.title or self.source.stem
            self.version += 1
            self._send(self._event(changed))

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, DeckError):
            error = {"text": str(exc), "message": exc.message,
                     "where": location(shown_path(exc.path or "", self.root), exc.line)
                     .rstrip(": ")}
        else:  # a bug: said as one, and the page keeps its slides
            error = {"text": f"deckbuild: internal error ({type(exc).__name__}: {exc}). This is"
                             " a bug in deckbuild; the preview goes on.",
                     "message": str(exc), "where": ""}
        with self.lock:
            self.error = error
            self.version += 1
            self._send(self._event([]))

    # -- what the page is sent

    def _event(self, slides: List[dict]) -> dict:
        return {"version": self.version, "count": self.count,
                "keys": [view["key"] for view in self.slides], "slides": slides,
                "error": self.error, "warnings": self.deck_warnings, "title": self.title,
                "size": list(self.size),
                "fonts": {family: f"/font/{family}.ttf" for family in sorted(self.fonts)}}

    def snapshot(self) -> dict:
        """Everything the page shows, as one event (a page's first, and /slides.json)."""
        with self.lock:
            return self._event(list(self.slides))

    def subscribe(self) -> Tuple[queue.Queue, dict]:
        """A queue of the events to come, and the state they start from (taken together)."""
        events: queue.Queue = queue.Queue(SUBSCRIBER_BACKLOG)
        with self.lock:
            self.subscribers.append(events)
            return events, self._event(list(self.slides))

    def unsubscribe(self, events: queue.Queue) -> None:
        with self.lock:
            if events in self.subscribers:
                self.subscribers.remove(events)

    def close(self) -> None:
        """Ends every page's event stream (the server is stopping)."""
        with self.lock:
            for events in self.subscribers:
                _offer(events, None)

    def _send(self, event: Optional[dict]) -> None:
        for events in list(self.subscribers):
            if not _offer(events, event):
                self.subscribers.remove(events)  # a page that stopped reading

    # -- served files

    def font_file(self, family: str) -> Optional[str]:
        with self.lock:
            return self.fonts.get(family)

    def picture(self, key: str) -> Optional[Tuple[str, bytes]]:
        with self.lock:
            return self.pictures.items.get(key)


def _offer(events: queue.Queue, event) -> bool:
    try:
        events.put_nowait(event)
        return True
    except queue.Full:
        return False


def deck_size(deck: Deck) -> Tuple[float, float]:
    from ..layout.geometry import geometry_for
    geometry = geometry_for(deck.theme)
    return geometry.width, geometry.height
