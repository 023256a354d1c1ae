"""What drawing code marks as it draws a slide: structure elements, the text objects and
sequences that tie drawn content to them, link annotations and outline entries.

The slide drawer (render/slide) draws on any reportlab-style canvas: the tagged
PDF canvas of the handout and the guide (render/handout/tagging.TaggingCanvas,
`tags_content = True`) turns these marks into the structure tree; on a plain
reportlab canvas or the preview's SVG canvas they do nothing (a link is a plain
link). Kept below both, so the SVG preview does not depend on the handout.
"""
from __future__ import annotations

import contextlib
from typing import Iterator, List, Optional, Sequence, Tuple

from reportlab.pdfgen.textobject import PDFTextObject

# An outline entry: (title, key, level, closed)
Entry = Tuple[str, str, int, bool]


def add_entries(canvas, entries: Sequence[Entry], top: float) -> None:
    """Bind `entries` to the current page at height `top` (absolute) and list them."""
    for title, key, level, closed in entries:
        canvas.bookmarkHorizontalAbsolute(key, top)
        canvas.addOutlineEntry(title, key, level=level, closed=closed or None)


class Element:
    """One structure element: a role (`None` is a group its parent takes in), its kids in
    reading order, and the attributes a reader needs (alternative text, language...).

    Containers get their kids when the story is made, in the deck's order; the element
    that holds text gets its marked content (and `later` children, links) as it is drawn.
    """

    __slots__ = ("role", "parent", "kids", "objects", "alt", "actual_text", "lang", "title",
                 "attributes", "id", "attached")

    def __init__(self, role: Optional[str], parent: Optional["Element"] = None,
                 alt: Optional[str] = None, actual_text: Optional[str] = None,
                 lang: Optional[str] = None, title: Optional[str] = None,
                 attributes: Optional[dict] = None, id: Optional[str] = None):
        self.role, self.parent = role, parent
        self.kids: list = []  # Element | _Marked
        self.objects: list = []  # annotations (OBJR), after the content
        self.alt, self.actual_text, self.lang, self.title = alt, actual_text, lang, title
        self.attributes = attributes
        self.id = id
        self.attached = parent is None

    def add(self, role: Optional[str], **options) -> "Element":
        """A child, placed now: after the kids this element already has."""
        child = Element(role, self, **options)
        child.attached = True
        self.kids.append(child)
        return child

    def later(self, role: Optional[str], **options) -> "Element":
        """A child placed where its content is first drawn (a link inside a paragraph)."""
        return Element(role, self, **options)

    def _attach(self) -> None:
        if not self.attached:
            self.parent._attach()
            self.parent.kids.append(self)
            self.attached = True

    def walk(self) -> Iterator["Element"]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.walk()

    def has_content(self) -> bool:
        return bool(self.objects) or any(
            not isinstance(k, Element) or k.has_content() for k in self.kids)

    def __repr__(self):
        return f"Element({self.role!r}, {len(self.kids)} kids)"


class _Marked:
    """A marked-content sequence of one page, as a kid of the element it belongs to."""

    __slots__ = ("page", "mcid")

    def __init__(self, page: int, mcid: int):
        self.page, self.mcid = page, mcid


class TaggedTextObject(PDFTextObject):
    """A text object that can switch marked content between its pieces (`mark`), so a
    line's link is its own sequence inside the line's text object."""

    def __init__(self, canvas, x=0, y=0, direction=None):
        super().__init__(canvas, x, y, direction)
        self._marks: List[Tuple[int, Optional[Element]]] = []
        self._piece_start = len(self._code)

    def mark(self, element: Optional[Element], at: Optional[int] = None) -> None:
        """What follows (from code position `at`) is `element`'s content."""
        self._marks.append((len(self._code) if at is None else at, element))

    def _textOut(self, text, TStar=0):
        self._piece_start = len(self._code)
        super()._textOut(text, TStar)

    def _linkRecord(self, link, kind):
        """reportlab's paragraph calls this where a link starts or ends on a line."""
        paragraph = getattr(self._canvas, "_paragraph", None)
        if paragraph is not None:
            paragraph.link_record(self, link, kind)


def mark_text(text, element: Optional[Element]) -> None:
    """From here on, the text object's content is `element`'s (a plain one: nothing)."""
    if element is not None and isinstance(text, TaggedTextObject):
        text.mark(element)


@contextlib.contextmanager
def marked(canvas, element: Optional[Element]):
    """Draw `element`'s content (pictures, shapes, whole strings) inside the block."""
    if element is None or not getattr(canvas, "tags_content", False):
        yield
        return
    with canvas.mark(element):
        yield


def link(canvas, url: str, rect, element: Optional[Element], contents: str,
         relative: int = 1) -> None:
    """A link annotation over `rect`, the object of Link `element` (plain canvas: a link)."""
    if getattr(canvas, "tags_content", False) and element is not None:
        canvas.tagged_link(url, rect, element, contents, relative)
    else:
        canvas.linkURL(url, rect, relative=relative, thickness=0)


def link_description(url: str, text: str) -> str:
    """What a link annotation's /Contents says: the link's text, with the address when
    the text does not show it (a screen reader reads it on the link)."""
    text = " ".join(text.replace("\u200b", "").split())
    shown = url.split(":", 1)[1] if url.startswith(("mailto:", "tel:")) else url
    if not text:
        return shown
    if shown.replace(" ", "") in text.replace(" ", ""):
        return text
    return f"{text} ({shown})"
