"""Tagged PDF (PDF/UA): the structure tree and the marked content that ties the page to it.

reportlab writes no structure, so deckbuild writes it itself, from the code that
knows what it draws: the story (from the deck model) creates the structure
elements (a `Sect` per slide, `H1`/`H2`, `P`, `L`/`LI`/`Lbl`/`LBody`, `Table`,
`Figure` with its alternative text, `Link`, `Note`...) in reading order, and
whatever draws their content marks it (BDC/EMC with a marked-content id) as
it draws: `TaggingCanvas.mark` around pictures and shapes, marks inside a
text object (`mark_text`) for lines and the links in them, `TaggedParagraph`
for reportlab's paragraphs. Nothing is guessed from the page afterwards.

Whatever is drawn outside a mark is an artifact: the canvas wraps it in
`/Artifact BMC ... EMC` itself, so running footers, page numbers, note lines,
frames, table grids and a miniature's design can never be read out as text or
left untagged. At save the tree, the ParentTree (page and annotation -> element),
MarkInfo, the page's `/Tabs /S` and XMP metadata with the PDF/UA identifier are
written into the document.

Drawing code stays usable on a plain reportlab canvas (a preview, a test): the
marking helpers (render/slide/marks.py) do nothing there.
"""
from __future__ import annotations

import contextlib
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from reportlab.pdfbase.pdfdoc import (PDFArray, PDFDictionary, PDFName, PDFObjectReference,
                                      PDFStream, PDFString, PDFtrue)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..slide.marks import Element, TaggedTextObject, _Marked, marked
from .paragraph import Paragraph

from .xmp import xmp_packet

ARTIFACT = "/Artifact BMC"
CELLS = ("TH", "TD")


class Structure:
    """The structure tree of one PDF: a `Document` element holding everything else."""

    def __init__(self, lang: str = "en-US"):
        self.lang = lang
        self.root = Element("Document")
        self.metadata: dict = {}  # title, author, subject, keywords, creator, date (for XMP)

    def elements(self) -> Iterator[Element]:
        return self.root.walk()


# ---------------------------------------------------------------- the canvas


class TaggingCanvas(Canvas):
    """A canvas whose pages are all marked content or artifact, and that writes the
    structure tree at save."""

    tags_content = True  # what render/slide/marks asks before it marks anything

    def __init__(self, *args, structure: Optional[Structure] = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure or Structure()
        self._unmarked = 0  # where the code not yet marked starts
        self._in_mark = False
        self._paragraph: Optional["_ParagraphDraw"] = None
        self._mcids = 0
        self._page_key: Optional[int] = None
        self._next_key = 0
        self._parent_tree: Dict[int, object] = {}  # key -> [elements by MCID] or element
        self._page_keys: Dict[int, int] = {}

    # -- marked content on the page

    def _close_unmarked(self) -> None:
        """Wrap what was drawn since the last mark as an artifact."""
        code = self._code
        if len(code) > self._unmarked:
            code.insert(self._unmarked, ARTIFACT)
            code.append("EMC")
        self._unmarked = len(code)

    def _new_mcid(self, element: Element) -> int:
        page = self._pageNumber
        if self._page_key is None:
            self._page_key = self._key(page)
            self._parent_tree[self._page_key] = []
        mcid = self._mcids
        self._mcids += 1
        self._parent_tree[self._page_key].append(element)
        element._attach()
        element.kids.append(_Marked(page, mcid))
        return mcid

    def _key(self, page: int) -> int:
        key = self._next_key
        self._next_key += 1
        self._page_keys[page] = key
        return key

    @contextlib.contextmanager
    def mark(self, element: Element):
        if self._in_mark:  # already inside one: the content is the outer element's
            yield
            return
        self._close_unmarked()
        mcid = self._new_mcid(element)
        with self._sequence(f"/{_tag(element)} <</MCID {mcid}>> BDC"):
            yield

    @contextlib.contextmanager
    def artifact(self, kind: str = "", subtype: str = ""):
        """An artifact of a kind (Pagination: a running header or footer)."""
        self._close_unmarked()
        props = f"/Type /{kind}" if kind else ""
        if subtype:
            props += f" /Subtype /{subtype}"
        with self._sequence(f"/Artifact <<{props}>> BDC" if props else ARTIFACT):
            yield

    @contextlib.contextmanager
    def _sequence(self, opening: str):
        """One marked-content sequence: `opening` ... EMC around what is drawn inside."""
        self._code.append(opening)
        self._in_mark = True
        try:
            yield
        finally:
            self._in_mark = False
            self._code.append("EMC")
            self._unmarked = len(self._code)

    def beginText(self, x=0, y=0, direction=None):
        text = TaggedTextObject(self, x, y, direction=direction)
        if self._paragraph is not None:
            self._paragraph.text_begun(text)
        return text

    def drawText(self, aTextObject):
        marks = getattr(aTextObject, "_marks", None)
        if not marks or self._in_mark:
            super().drawText(aTextObject)
            return
        self._close_unmarked()
        code = aTextObject._code
        spans = [(at, element) for at, element in marks]
        out = code[:spans[0][0]]
        for index, (at, element) in enumerate(spans):
            end = spans[index + 1][0] if index + 1 < len(spans) else len(code)
            piece = code[at:end]
            if not _shows(piece):
                out += piece
                continue
            if element is None:  # drawn, but not content: an artifact inside the line
                out += [ARTIFACT] + piece + ["EMC"]
                continue
            mcid = self._new_mcid(element)
            out.append(f"/{_tag(element)} <</MCID {mcid}>> BDC")
            out += piece
            out.append("EMC")
        aTextObject._code = out
        super().drawText(aTextObject)
        self._unmarked = len(self._code)

    # -- links

    def tagged_link(self, url: str, rect, element: Element, contents: str,
                    relative: int = 1) -> None:
        key = self._key_for_annotation(element)
        name = f"link{key}"
        annotation = PDFDictionary()
        annotation["Type"] = PDFName("Annot")
        annotation["Subtype"] = PDFName("Link")
        annotation["Rect"] = PDFArray(self._absRect(rect, relative))
        action = PDFDictionary()
        action["Type"] = PDFName("Action")
        action["S"] = PDFName("URI")
        action["URI"] = PDFString(url)
        annotation["A"] = action
        annotation["Border"] = PDFArray([0, 0, 0])
        annotation["Contents"] = PDFString(contents)
        annotation["StructParent"] = key
        self._addAnnotation(annotation, name)
        element._attach()
        element.objects.append((self._pageNumber, self._doc.refAnnotation(name)))

    def _key_for_annotation(self, element: Element) -> int:
        key = self._next_key
        self._next_key += 1
        self._parent_tree[key] = element
        return key

    def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None,
                kind="URI", **kw):
        paragraph = self._paragraph
        element = paragraph.link_for(url) if paragraph is not None else None
        if element is None:  # not from the story's structure: a bug, the tests say so
            super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
            return
        self.tagged_link(url, rect, element, paragraph.contents(element), relative)

    # -- pages and the file

    def _setAnnotations(self, page):
        super()._setAnnotations(page)
        if self._formData is None and hasattr(page, "pagewidth"):  # a page, not a form
            key = self._page_keys.get(self._pageNumber)
            extra = []
            if key is not None:
                page.StructParents = key
                extra.append("StructParents")
            page.Tabs = PDFName("S")
            extra.append("Tabs")
            page.__NoDefault__ = list(page.__NoDefault__) + extra

    def showPage(self):
        self._close_unmarked()
        super().showPage()
        self._unmarked = 0
        self._mcids = 0
        self._page_key = None

    def beginForm(self, name, lowerx=0, lowery=0, upperx=None, uppery=None):
        self._outer_unmarked = self._unmarked
        super().beginForm(name, lowerx, lowery, upperx, uppery)
        self._unmarked = 0

    def endForm(self, **extra_attributes):
        """A form (the running footer) is all artifact, inside as where it is used."""
        self._close_unmarked()
        super().endForm(**extra_attributes)
        self._unmarked = self._outer_unmarked

    def write_structure(self) -> None:
        """The tree, ParentTree, MarkInfo and XMP into the catalog (called before saving)."""
        doc = self._doc
        refs: Dict[int, PDFObjectReference] = {}
        root = PDFDictionary()
        root_ref = doc.Reference(root)
        elements = _flattened(self.structure.root)
        for element in elements:
            refs[id(element)] = doc.Reference(PDFDictionary())
        for element in elements:
            _fill(doc, element, refs, root_ref)
        nums = []
        for key in sorted(self._parent_tree):
            value = self._parent_tree[key]
            if isinstance(value, list):
                nums += [key, PDFArray([refs.get(id(_visible(e)), "null") for e in value])]
            else:
                nums += [key, refs[id(_visible(value))]]
        tree = PDFDictionary()
        tree["Nums"] = PDFArray(nums)
        root["Type"] = PDFName("StructTreeRoot")
        root["K"] = PDFArray([refs[id(self.structure.root)]])
        root["ParentTree"] = doc.Reference(tree)
        root["ParentTreeNextKey"] = self._next_key
        catalog = doc.Catalog
        catalog.StructTreeRoot = root_ref
        mark_info = PDFDictionary()
        mark_info["Marked"] = PDFtrue
        catalog.MarkInfo = mark_info
        metadata = PDFStream(content=xmp_packet(self.structure.lang, **self.structure.metadata),
                             filters=[])
        metadata.dictionary["Type"] = PDFName("Metadata")
        metadata.dictionary["Subtype"] = PDFName("XML")
        catalog.Metadata = doc.Reference(metadata)

    def save(self):
        self.write_structure()
        super().save()


def _shows(code: Sequence[str]) -> bool:
    """Whether a piece of a text object shows any text (else no mark is worth it)."""
    return any("Tj" in op or "TJ" in op for op in code)


def _tag(element: Element) -> str:
    return _visible(element).role or "Span"


def _visible(element: Element) -> Element:
    """The element a group's content belongs to: the nearest one with a role."""
    while element.role is None and element.parent is not None:
        element = element.parent
    return element


def _flattened(root: Element) -> List[Element]:
    """The elements written: groups dissolved into their parents, empty ones left out."""
    return [e for e in root.walk() if e.role is not None and (e is root or _written(e))]


def _written(element: Element) -> bool:
    """Whether `element` is written: when it has content, or it is an empty cell of a row
    that has some (the cell keeps its place, so that a row's cells line up with the
    columns' headers)."""
    if element.has_content():
        return True
    return element.role in CELLS and element.parent is not None \
        and _visible(element.parent).has_content()


def _kids(element: Element) -> list:
    """`element`'s written kids: its groups' kids in their place."""
    out = []
    for kid in element.kids:
        if isinstance(kid, Element) and kid.role is None:
            out += _kids(kid)
        elif not isinstance(kid, Element) or _written(kid):
            out.append(kid)
    return out


def _page_ref(page: int) -> PDFObjectReference:
    return PDFObjectReference(f"Page{page}")


def _fill(doc, element: Element, refs, root_ref) -> None:
    entry = doc.idToObject[refs[id(element)].name]
    entry["Type"] = PDFName("StructElem")
    entry["S"] = PDFName(element.role)
    parent = element.parent
    entry["P"] = refs[id(_visible(parent))] if parent is not None else root_ref
    kids = _kids(element)
    page = next((k.page for k in kids if isinstance(k, _Marked)), None)
    if page is None and element.objects:
        page = element.objects[0][0]
    if page is not None:
        entry["Pg"] = _page_ref(page)
    out = []
    for kid in kids:
        if isinstance(kid, Element):
            out.append(refs[id(kid)])
        elif kid.page == page:
            out.append(kid.mcid)
        else:
            reference = PDFDictionary()
            reference["Type"] = PDFName("MCR")
            reference["Pg"] = _page_ref(kid.page)
            reference["MCID"] = kid.mcid
            out.append(reference)
    for object_page, annotation in element.objects:
        reference = PDFDictionary()
        reference["Type"] = PDFName("OBJR")
        reference["Obj"] = annotation
        reference["Pg"] = _page_ref(object_page)
        out.append(reference)
    if out:
        entry["K"] = PDFArray(out) if len(out) > 1 else out[0]
    for key, value in (("Alt", element.alt), ("ActualText", element.actual_text),
                       ("Lang", element.lang), ("T", element.title), ("ID", element.id)):
        if value is not None:
            entry[key] = PDFString(value)
    if element.attributes:
        attributes = PDFDictionary()
        for key, value in element.attributes.items():
            attributes[key] = PDFName(value) if key not in ("ColSpan", "RowSpan") else value
        entry["A"] = attributes


# ---------------------------------------------------------------- paragraphs


class _ParagraphDraw:
    """One tagged paragraph being drawn: which text object is whose, where links go."""

    def __init__(self, paragraph: "TaggedParagraph", labelled: bool):
        self.paragraph = paragraph
        self.queue = ([paragraph.label] if labelled and paragraph.label is not None else []) \
            + [paragraph.element]
        self.text: Optional[TaggedTextObject] = None
        self.pending: List[Tuple[int, str]] = []  # links started on the current line

    def text_begun(self, text: TaggedTextObject) -> None:
        element = self.queue.pop(0) if len(self.queue) > 1 else self.queue[0]
        text.mark(element, at=1)
        self.text = text

    def link_record(self, text: TaggedTextObject, link, kind: str) -> None:
        number, url = link
        links = self.paragraph.links
        if number >= len(links):
            return
        if kind == "start":
            text.mark(links[number], at=text._piece_start)
            self.pending.append((number, url))
        else:
            text.mark(self.paragraph.element)

    def link_for(self, url: str) -> Optional[Element]:
        links = self.paragraph.links
        for index, (number, pending_url) in enumerate(self.pending):
            if pending_url == url:
                del self.pending[index]
                return links[number]
        # A paragraph that is one link throughout (reportlab sets it in one piece).
        whole = [e for e, (target, _) in zip(links, self.paragraph.targets) if target == url]
        if whole and self.text is not None:
            self.text._marks = [(1, whole[0])]
            return whole[0]
        return None

    def contents(self, element: Element) -> str:
        for link_element, (_, contents) in zip(self.paragraph.links, self.paragraph.targets):
            if link_element is element:
                return contents
        return ""


class TaggedParagraph(Paragraph):
    """A reportlab paragraph whose text is `element`'s (and its bullet `label`'s), with a
    Link element for each of its links: `targets` are their (address, description), in
    the order of the <a> tags of the markup."""

    def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1,
                 encoding="utf8", element: Optional[Element] = None,
                 label: Optional[Element] = None, targets: Sequence[Tuple[str, str]] = ()):
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
        self._tag(element, label, targets)

    def _tag(self, element, label, targets):
        self.element, self.label = element, label
        self.targets = list(targets)
        self.links = [element.later("Link") for _ in self.targets] if element is not None \
            else []

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts:
            if part is not self:
                part.element, part.label = self.element, self.label
                part.targets, part.links = self.targets, self.links
        return parts

    def draw(self):
        canvas = self.canv
        if self.element is None or not isinstance(canvas, TaggingCanvas) or canvas._in_mark:
            super().draw()
            return
        canvas._paragraph = _ParagraphDraw(self, bool(self.bulletText))
        try:
            super().draw()
        finally:
            canvas._paragraph = None


class Marked(Flowable):
    """Any flowable drawn as `element`'s content (a picture, a QR code, a formula)."""

    def __init__(self, flowable: Flowable, element: Optional[Element]):
        super().__init__()
        self.flowable, self.element = flowable, element
        self.hAlign = getattr(flowable, "hAlign", "LEFT")

    def wrap(self, available_width, available_height):
        self.width, self.height = self.flowable.wrap(available_width, available_height)
        return self.width, self.height

    def getSpaceBefore(self):
        return self.flowable.getSpaceBefore()

    def getSpaceAfter(self):
        return self.flowable.getSpaceAfter()

    def draw(self):
        with marked(self.canv, self.element):
            self.flowable.drawOn(self.canv, 0, 0)
