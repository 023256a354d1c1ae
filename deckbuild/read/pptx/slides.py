"""One PowerPoint slide as model slides: its title, body, pictures, tables, notes, background.

The slide's kind comes from its layout (title, section header, two content,
comparison) and from what it holds: a body that is a quotation makes a quote
slide, placeholders or text boxes side by side make columns. What deckbuild
cannot show (charts, SmartArt, video, ink, WordArt, animations other than
appear-by-paragraph) is reported, and kept as a picture where the deck has one
for it, else as a comment in the Markdown.
"""
from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from pptx.oxml.ns import qn

from ...model import (Columns, Image, Layout, ListBlock, Paragraph, Quote, Run, Slide, Source,
                      Table, Text, plain)
from ..links import normalise_url
from ..runs import trimmed
from .shapes import Box, Item, shape_items
from .styles import Inheritance, StyleChain, ph_type
from .text import (ATTRIBUTION, Para, TextReader, blocks_from_paragraphs, merge_runs, one_line,
                   plain_runs)

TITLE_TYPES = {"title", "ctrTitle"}
TWO_COLUMN_LAYOUTS = {"twoObj", "twoTxTwoObj", "twoColTx", "txAndObj", "objAndTx", "txAndChart",
                      "chartAndTx", "txAndClipArt", "clipArtAndTx", "txAndMedia", "mediaAndTx",
                      "objAndTwoObj", "twoObjAndObj", "twoObjAndTx", "txAndTwoObj"}
QUOTE_OPEN = "\u201c\"\u00ab\u201e\u300c"
QUOTE_CLOSE = "\u201d\"\u00bb\u201c\u300d"
PICTURE_NAME = re.compile(r"^(?:picture|image|grafik|imagen|img|bild|photo)\s*\d*$|"
                          r"\.(?:png|jpe?g|gif|bmp|tiff?|webp|emf|wmf|svg)$", re.I)
MAX_PIXELS = 90_000_000
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
OLE = "http://schemas.openxmlformats.org/presentationml/2006/ole"


@dataclass
class Piece:
    """Something on the slide, read: text paragraphs, a picture or a table."""

    kind: str  # text | picture | table
    box: Box
    paras: List[Para] = field(default_factory=list)
    block: object = None
    placeholder: Optional[str] = None  # the placeholder's type ("obj" when it has none)
    caption: Optional[Text] = None
    name: str = ""
    size: int = 0  # text: its largest run size (hundredths of a point), when written


@dataclass
class ReadSlide:
    """A slide as read, before the deck decides where it goes."""

    number: int
    layout_type: str
    title: Text
    pieces: List[Piece]
    notes: Tuple[Text, ...]
    background: Optional[str]
    incremental: bool
    comments: List[str]
    source: Source
    title_type: Optional[str] = None  # the title placeholder's type: title | ctrTitle


class PictureStore:
    """The deck's pictures, one file per picture content, named after the first slide it is on."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files: Dict[str, str] = {}  # sha256 -> absolute path
        self.data: Dict[str, bytes] = {}  # absolute path -> bytes
        self.names: Dict[str, int] = {}

    def add(self, blob: bytes, slide_number: int, title: str) -> Tuple[str, int, int]:
        """(absolute path, width, height); raises ValueError for a picture that cannot be used."""
        digest = hashlib.sha256(blob).hexdigest()
        width, height, extension = _picture_info(blob)
        if digest in self.files:
            path = self.files[digest]
            return path, width, height
        stem = f"slide-{slide_number:02d}"
        slug = _slug(title)
        if slug:
            stem += f"-{slug}"
        count = self.names.get(stem, 0) + 1
        self.names[stem] = count
        name = f"{stem}{'-' + str(count) if count > 1 else ''}.{extension}"
        path = str(self.folder / name)
        self.files[digest] = path
        self.data[path] = blob
        return path, width, height


def _picture_info(blob: bytes) -> Tuple[int, int, str]:
    """(width, height, file extension): from the picture's header, nothing decoded."""
    from PIL import Image as PILImage
    previous = PILImage.MAX_IMAGE_PIXELS
    PILImage.MAX_IMAGE_PIXELS = None  # the size is checked here, against our own limit
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = PILImage.open(io.BytesIO(blob))
            width, height = image.size
            fmt = (image.format or "").upper()
    except Exception:
        raise ValueError("not a picture") from None
    finally:
        PILImage.MAX_IMAGE_PIXELS = previous
    if width * height > MAX_PIXELS:
        raise _Huge(width, height)
    extension = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "BMP": "bmp", "TIFF": "tif",
                 "WEBP": "webp", "MPO": "jpg"}.get(fmt)
    if extension is None:
        raise ValueError(fmt or "unknown")
    return width, height, extension


class _Huge(ValueError):
    def __init__(self, width, height):
        super().__init__(f"{width} x {height}")
        self.width, self.height = width, height


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower().encode("ascii", "ignore").decode())
    slug = "-".join(words)
    return slug[:40].rstrip("-")


class SlideReader:
    """Reads the slides of one presentation."""

    def __init__(self, prs, path: str, pictures: PictureStore, lost):
        self.prs = prs
        self.path = path
        self.pictures = pictures
        self.lost = lost  # lost(slide number, message)
        self.inheritance = Inheritance(prs)
        self.height = prs.slide_height or 6858000
        self.width = prs.slide_width or 9144000

    def read(self, number: int, slide) -> ReadSlide:
        self.number = number
        self.slide = slide
        self.comments: List[str] = []
        part = slide.part
        reader = TextReader(lambda rid: self._link(part, rid))
        items = shape_items(slide, self.height)
        title_item = self._title_item(items)
        title: Text = ()
        if title_item is not None:
            chain = self.inheritance.chain(title_item.element, slide)
            paras = reader.paragraphs(title_item.element.find(qn("p:txBody")), chain)
            title = _title_text(paras)
        title_text = plain(title)
        pieces: List[Piece] = []
        incremental_ids = self._incremental_shapes()
        incremental = False
        for item in items:
            if item is title_item:
                continue
            piece = self._piece(item, reader, title_text)
            if piece is None:
                continue
            if piece.kind == "text" and _shape_id(item.element) in incremental_ids:
                incremental = True
                piece.name = "incremental"
            pieces.append(piece)
        pieces = _attach_captions(pieces)
        layout_type = slide.slide_layout._element.get("type", "")
        title_type = ph_type(title_item.placeholder) if title_item is not None else None
        if title_item is None and not _layout_has_title(slide):
            title, pieces = _title_from_text_boxes(pieces, self.height)
        return ReadSlide(number, layout_type, title, pieces, self._notes(slide),
                         self._background(slide, title_text), incremental, self.comments,
                         Source(self.path, slide=number), title_type)

    # -- title

    def _title_item(self, items: List[Item]) -> Optional[Item]:
        titles = [i for i in items if i.placeholder is not None and i.kind == "text"
                  and ph_type(i.placeholder) in TITLE_TYPES]
        return min(titles, key=lambda i: i.order) if titles else None

    # -- pieces

    def _piece(self, item: Item, reader: TextReader, title: str) -> Optional[Piece]:
        kind = item.kind
        replaced = getattr(item, "replaces", None)
        if kind == "text":
            element = item.element
            chain = self.inheritance.chain(element, self.slide, item.in_group)
            paras = reader.paragraphs(element.find(qn("p:txBody")), chain)
            if not any(p.visible for p in paras):
                return None
            if element.find(f".//{qn('a:prstTxWarp')}") is not None and \
                    element.find(f".//{qn('a:prstTxWarp')}").get("prst") != "textNoShape":
                self.lost(self.number, "WordArt: its text is kept as plain text")
            ph = item.placeholder
            placeholder = (ph_type(ph) or "obj") if ph is not None else None
            name = _shape_name(element)
            piece = Piece("text", item.box, paras, placeholder=placeholder, name=name)
            sizes = [int(r.get("sz")) for r in element.iter(qn("a:rPr"))
                     if (r.get("sz") or "").isdigit()]
            piece.size = max(sizes, default=0)
            return piece
        if kind in ("picture", "media"):
            image = self._image(item, title)
            if image is None:
                return None
            if kind == "media":
                self.lost(self.number, "a video or sound: kept as its picture (its first frame"
                          " or poster)")
            elif replaced:
                self.lost(self.number, f"{replaced}: kept as its picture")
            return Piece("picture", item.box, block=image,
                         placeholder="pic" if item.placeholder is not None else None,
                         name=_shape_name(item.element))
        if kind == "table":
            return Piece("table", item.box, block=self._table(item.element, reader),
                         name=_shape_name(item.element))
        if kind == "graphic":
            what = self._graphic_name(item.element)
            self.lost(self.number, f"{what}: deckbuild cannot show it; a comment marks its place")
            self.comments.append(f"slide {self.number}: {what} was here")
            return None
        if kind == "ink":
            self.lost(self.number, "ink (drawing with a pen): left out")
            self.comments.append(f"slide {self.number}: ink drawing was here")
            return None
        return None

    def _graphic_name(self, element) -> str:
        data = element.find(f".//{qn('a:graphicData')}")
        uri = data.get("uri", "") if data is not None else ""
        name = _shape_name(element)
        if uri == CHART or "chart" in uri:
            title = self._chart_title(data)
            return f"a chart{' (' + title + ')' if title else ''}"
        if uri == DIAGRAM:
            return "a SmartArt graphic" + self._smartart_text(data)
        if uri == OLE:
            return "an embedded object" + (f" ({name})" if name else "")
        return f"an object PowerPoint calls '{name or uri}'"

    def _chart_title(self, data) -> str:
        chart = data.find(f"{{{CHART}}}chart")
        rid = chart.get(qn("r:id")) if chart is not None else None
        if not rid or rid not in self.slide.part.rels:
            return ""
        try:
            part = self.slide.part.rels[rid].target_part
            from lxml import etree
            root = etree.fromstring(part.blob)
        except Exception:
            return ""
        title = root.find(f".//{{{CHART}}}title")
        if title is None:
            return ""
        texts = [t.text or "" for t in title.iter(qn("a:t"))]
        return " ".join(" ".join(texts).split())[:80]

    def _smartart_text(self, data) -> str:
        ids = data.find(f"{{{DIAGRAM}}}relIds")
        rid = ids.get(qn("r:dm")) if ids is not None else None
        if not rid or rid not in self.slide.part.rels:
            return ""
        try:
            from lxml import etree
            root = etree.fromstring(self.slide.part.rels[rid].target_part.blob)
        except Exception:
            return ""
        words = [" ".join((t.text or "").split()) for t in root.iter(qn("a:t"))]
        words = [w for w in words if w]
        if not words:
            return ""
        text = "; ".join(words)
        return f" with the text: {text[:300]}"

    def _image(self, item: Item, title: str) -> Optional[Image]:
        element = item.element
        blip = element.find(f".//{qn('a:blip')}")
        c_nv_pr = element.find(f".//{qn('p:cNvPr')}")
        alt = (c_nv_pr.get("descr") or "").strip() if c_nv_pr is not None else ""
        if not alt and c_nv_pr is not None:
            alt = (c_nv_pr.get("title") or "").strip()
        if PICTURE_NAME.search(alt):
            alt = ""  # a file name or "Picture 3": what a tool wrote, not a description
        alt = " ".join(alt.split())
        if blip is None:
            return None
        rid = blip.get(qn("r:embed"))
        if not rid:
            link = blip.get(qn("r:link"))
            target = self.slide.part.rels[link].target_ref if link in self.slide.part.rels else ""
            self.lost(self.number, f"a picture linked to a file outside the deck ({target[:80]})"
                      " was not fetched; insert the picture itself in PowerPoint to keep it")
            self.comments.append(f"slide {self.number}: a linked picture was here")
            return None
        try:
            blob = self.slide.part.rels[rid].target_part.blob
        except (KeyError, AttributeError):
            self.lost(self.number, "a picture whose file is missing from the deck: left out")
            return None
        try:
            path, width, height = self.pictures.add(blob, self.number, title)
        except _Huge as huge:
            size = f" ({huge.width} x {huge.height} pixels)" if huge.width else ""
            raise PictureTooLarge(self.number, size) from None
        except ValueError as exc:
            kind = str(exc) if str(exc) != "not a picture" else "a format deckbuild cannot read"
            self.lost(self.number, f"a picture in {_format_name(kind)} cannot be placed: left"
                      " out (save it as PNG in PowerPoint: right-click > Save as Picture)")
            self.comments.append(f"slide {self.number}: a picture ({alt or 'no description'})"
                                 " in a format deckbuild cannot show was here")
            return None
        return Image(path, alt, width, height)

    def _table(self, element, reader: TextReader) -> Table:
        tbl = element.find(f".//{qn('a:tbl')}")
        props = tbl.find(qn("a:tblPr"))
        header_row = props is not None and props.get("firstRow") in ("1", "true")
        rows: List[Tuple[Text, ...]] = []
        aligns: List[str] = []
        chain = StyleChain([])
        for r, tr in enumerate(tbl.findall(qn("a:tr"))):
            cells = []
            for tc in tr.findall(qn("a:tc")):
                body = tc.find(qn("a:txBody"))
                paras = reader.paragraphs(body, chain) if body is not None else []
                if tc.get("hMerge") in ("1", "true") or tc.get("vMerge") in ("1", "true"):
                    paras = []
                lines = [trimmed(p.runs) for p in paras if p.visible]
                text: List[Run] = []
                for index, line in enumerate(lines):
                    if index:
                        text.append(Run("\n"))
                    text.extend(line)
                cells.append(merge_runs(text))
                if r == 0:
                    align = next((p.align for p in paras if p.visible), "l")
                    aligns.append({"ctr": "center", "r": "right"}.get(align, ""))
            rows.append(tuple(cells))
        if header_row and rows:
            header = tuple(plain_runs(c, bold=True) for c in rows[0])
            body = rows[1:]
        else:
            header, body = (), rows
        width = max([len(r) for r in rows] + [0])
        body = [tuple(r) + ((),) * (width - len(r)) for r in body]
        if header:
            header = tuple(header) + ((),) * (width - len(header))
        aligns = (aligns + [""] * width)[:width]
        if not any(aligns):
            aligns = []
        return Table(header, tuple(body), tuple(aligns), widths=_column_shares(tbl, width))

    # -- links, notes, background, animation

    def _link(self, part, rid: str) -> Optional[str]:
        rel = part.rels.get(rid) if hasattr(part.rels, "get") else None
        if rel is None or not rel.is_external:
            return None
        address, _ = normalise_url(rel.target_ref)
        return address

    def _notes(self, slide) -> Tuple[Text, ...]:
        if not slide.has_notes_slide:
            return ()
        notes_slide = slide.notes_slide
        frame = notes_slide.notes_text_frame
        if frame is None:
            return ()
        reader = TextReader(lambda rid: self._link(notes_slide.part, rid))
        paras = reader.paragraphs(frame._txBody, StyleChain([]))
        return tuple(trimmed(one_line_breaks(p.runs)) for p in paras if p.visible)

    def _background(self, slide, title: str) -> Optional[str]:
        bg = slide._element.find(qn("p:cSld")).find(qn("p:bg"))
        if bg is None:
            return None
        blip = bg.find(f".//{qn('a:blip')}")
        if blip is None or not blip.get(qn("r:embed")):
            return None
        try:
            blob = slide.part.rels[blip.get(qn("r:embed"))].target_part.blob
            path, _, _ = self.pictures.add(blob, self.number, (title + " background").strip())
        except _Huge as huge:
            raise PictureTooLarge(self.number, f" ({huge.width} x {huge.height} pixels)",
                                  background=True) from None
        except (KeyError, ValueError, AttributeError):
            self.lost(self.number, "a background picture deckbuild cannot read: left out")
            return None
        return path

    def _incremental_shapes(self) -> set:
        """Shapes built paragraph by paragraph; other animations are reported."""
        timing = self.slide._element.find(qn("p:timing"))
        if timing is None:
            return set()
        by_paragraph = set()
        for build in timing.iter(qn("p:bldP")):
            if build.get("build") == "p":
                by_paragraph.add(build.get("spid"))
        other = False
        for ctn in timing.iter(qn("p:cTn")):
            preset = ctn.get("presetClass")
            if preset is None:
                continue
            if preset != "entr" or ctn.get("presetID") != "1":
                other = True
        targets = {t.get("spid") for t in timing.iter(qn("p:spTgt"))}
        if other or targets - by_paragraph:
            self.lost(self.number, "animations other than appearing paragraph by paragraph"
                      " are not kept (the slide shows everything at once)")
        return by_paragraph


class PictureTooLarge(Exception):
    def __init__(self, number: int, size: str, background: bool = False):
        super().__init__(number)
        self.number, self.size, self.background = number, size, background


def _format_name(kind: str) -> str:
    return {"EMF": "EMF format", "WMF": "WMF format"}.get(kind.upper(), kind)


def one_line_breaks(runs: Text) -> Text:
    return merge_runs([replace(r, text=r.text.replace("\n", " ")) for r in runs])


def _shape_id(element) -> Optional[str]:
    c_nv_pr = element.find(f".//{qn('p:cNvPr')}")
    return c_nv_pr.get("id") if c_nv_pr is not None else None


def _shape_name(element) -> str:
    c_nv_pr = element.find(f".//{qn('p:cNvPr')}")
    return (c_nv_pr.get("name") or "") if c_nv_pr is not None else ""


def _title_text(paras: List[Para]) -> Text:
    """A title as one line: its paragraphs and line breaks joined by spaces, bold taken off."""
    parts: List[Run] = []
    for para in paras:
        if not para.visible:
            continue
        if parts:
            parts.append(Run(" "))
        parts.extend(one_line(trimmed(para.runs)))
    text = plain_runs(tuple(parts), bold=True)
    return trimmed(tuple(replace(r, text=re.sub(r"\s+", " ", r.text)) for r in text))


def _layout_has_title(slide) -> bool:
    from .styles import placeholder_of
    for sp in slide.slide_layout._element.iter(qn("p:sp")):
        ph = placeholder_of(sp)
        if ph is not None and ph_type(ph) in TITLE_TYPES:
            return True
    return False


def _title_from_text_boxes(pieces: List[Piece], height: float) -> Tuple[Text, List[Piece]]:
    """On a slide whose layout has no title (a deck made of text boxes), the title is the
    first short line near the top that stands out: bold, or set larger than the rest."""
    texts = [p for p in pieces if p.kind == "text"]
    for piece in texts:
        if piece.box.y > height * 0.3:
            break
        visible = [p for p in piece.paras if p.visible]
        if len(visible) != 1 or visible[0].is_list or len(visible[0].text) > 80:
            continue
        others = [p.size for p in texts if p is not piece]
        larger = piece.size and all(piece.size > size for size in others)
        bold = all(r.bold for r in visible[0].runs if r.text.strip())
        if larger or bold:
            return _title_text(visible), [p for p in pieces if p is not piece]
    return (), pieces


def _attach_captions(pieces: List[Piece]) -> List[Piece]:
    """A short line just below a picture or table is its caption, not body text.

    deckbuild names its captions "Caption"; other tools centre them, or repeat the
    picture's description. The nearest such line below the picture, within the
    picture's width, is taken.
    """
    taken = set()
    for piece in pieces:
        if piece.kind not in ("picture", "table"):
            continue
        best = None
        for index, other in enumerate(pieces):
            if other.kind != "text" or index in taken:
                continue
            visible = [p for p in other.paras if p.visible]
            if len(visible) != 1 or visible[0].is_list:
                continue
            box = other.box
            below = box.y >= piece.box.y + piece.box.h * 0.5
            gap = box.y - piece.box.bottom
            near = gap <= max(piece.box.h * 0.5, box.h * 2)
            overlap = min(box.right, piece.box.right) - max(box.x, piece.box.x)
            within = overlap >= 0.5 * min(box.w, piece.box.w)
            text = trimmed(visible[0].runs)
            alt = piece.block.alt if isinstance(piece.block, Image) else None
            looks = other.name.lower().startswith("caption") or plain(text) == alt or \
                visible[0].align == "ctr" or visible[0].italic
            if below and near and within and looks and (best is None or
                                                         box.y < pieces[best].box.y):
                best = index
        if best is None:
            continue
        taken.add(best)
        text = trimmed([p for p in pieces[best].paras if p.visible][0].runs)
        if piece.kind == "picture":
            piece.block = _with_caption(piece.block, " ".join(plain(text).split()))
        else:
            piece.block = replace(piece.block, caption=plain_runs(text, italic=True))
    return [p for index, p in enumerate(pieces) if index not in taken]


def _column_shares(tbl, columns: int) -> Tuple[float, ...]:
    """Each column's share of the table's width, where the deck's columns differ (equal
    columns are what deckbuild and pandoc make unless told: nothing to say)."""
    widths = []
    for col in tbl.findall(f"{qn('a:tblGrid')}/{qn('a:gridCol')}")[:columns]:
        try:
            widths.append(max(int(col.get("w", "0")), 0))
        except ValueError:
            return ()
    if len(widths) != columns or columns < 2 or min(widths) <= 0 or \
            max(widths) <= 1.02 * min(widths):
        return ()
    total = float(sum(widths))
    return tuple(round(w / total, 4) for w in widths)


def _with_caption(image: Image, caption: str) -> Image:
    """The caption under a picture is its caption; its description (descr) stays its alt
    text. Without a description (pandoc writes the file name), the caption says it."""
    if not image.alt or image.alt == caption:
        return replace(image, alt=caption, caption=None)
    return replace(image, caption=caption)


# ---------------------------------------------------------------- slide -> model


def model_slides(read: ReadSlide, first: bool) -> Tuple[List[Slide], Optional[dict]]:
    """The model slide for a read slide; for the deck's title slide, its front matter parts."""
    kind = read.layout_type
    texts = [p for p in read.pieces if p.kind == "text"]
    visuals = [p for p in read.pieces if p.kind != "text"]
    has_ctr = read.title_type == "ctrTitle" or any(p.placeholder == "ctrTitle"
                                                   for p in read.pieces)
    if first and (kind == "title" or has_ctr) and read.title and not visuals and \
            not any(para.is_list for p in texts for para in p.paras):
        return [], {"title": read.title, "lines": [trimmed(para.runs) for p in texts
                                                    for para in p.paras if para.visible],
                    "notes": read.notes}
    title = read.title
    section = kind in ("secHead", "title") and title and not visuals
    blocks = _body(read, section)
    if read.incremental:
        blocks = [_incremental(b) for b in blocks]
    if section:
        return [Slide(Layout.SECTION, title, tuple(blocks), read.notes, read.source,
                      read.background)], None
    return [Slide(_layout(title, blocks), title, tuple(blocks), read.notes, read.source,
                  read.background)], None


def _incremental(block):
    if isinstance(block, ListBlock):
        return replace(block, incremental=True)
    if isinstance(block, Columns):
        return Columns(tuple(tuple(_incremental(b) for b in column) for column in block.columns))
    return block


def _layout(title: Text, blocks: list) -> Layout:
    from ..slides import choose_layout
    return choose_layout(bool(plain(title).strip()), tuple(blocks))


def _body(read: ReadSlide, section: bool) -> list:
    pieces = read.pieces
    if not pieces:
        return []
    columns = None if section else _columns(read)
    if columns is not None:
        left, right = columns
        return [Columns((tuple(_blocks(left)), tuple(_blocks(right))))]
    texts = [p for p in pieces if p.kind == "text"]
    if len(texts) == len(pieces) and _is_quotation([para for p in texts for para in p.paras]):
        paras = [para for p in texts for para in p.paras if para.visible]
        quote = blocks_from_paragraphs(_quote_paras(paras), quote_frame=True)
        if quote and isinstance(quote[0], Quote):
            return quote
    # A picture or table beside the text (a "Content with Caption" slide, or a
    # picture right of the bullets) is read after the text, as deckbuild places it.
    text_pieces = [p for p in pieces if p.kind == "text"]
    beside = [p for p in pieces if p.kind != "text" and text_pieces and not any(
        min(p.box.right, t.box.right) > max(p.box.x, t.box.x) for t in text_pieces)]
    if beside:
        pieces = [p for p in pieces if p not in beside] + beside
    blocks = _blocks(pieces)
    visuals = [b for b in blocks if isinstance(b, (Image, Table))]
    if len(visuals) >= 2:
        two = _visual_columns(pieces)
        if two is not None:
            return [two]
    # A picture ends a slide in deckbuild (as in pandoc): text goes before it, beside it.
    first_picture = next((i for i, b in enumerate(blocks) if isinstance(b, Image)), None)
    if first_picture is not None:
        after = [b for b in blocks[first_picture:] if not isinstance(b, (Image, Table))]
        if after:
            visual = [b for b in blocks[first_picture:] if isinstance(b, (Image, Table))]
            blocks = blocks[:first_picture] + after + visual
    return blocks


def _blocks(pieces: List[Piece]) -> list:
    blocks: list = []
    for piece in pieces:
        if piece.kind == "text":
            blocks.extend(blocks_from_paragraphs(piece.paras))
        else:
            blocks.append(piece.block)
    return blocks


def _is_quotation(paras: List[Para]) -> bool:
    """A body that is a quotation: italic paragraphs, or text in quotation marks, with
    perhaps a last line "— Someone"."""
    shown = [p for p in paras if p.visible]
    if not shown or any(p.is_list or p.is_code for p in shown):
        return False
    if len(shown) > 1 and ATTRIBUTION.match(shown[-1].text):
        shown = shown[:-1]
    if all(p.italic for p in shown):
        return all(p.align in ("ctr", "just") for p in shown) or len(shown) <= 3
    text = " ".join(p.text.strip() for p in shown)
    return len(text) > 1 and text[0] in QUOTE_OPEN and text[-1] in QUOTE_CLOSE


def _quote_paras(paras: List[Para]) -> List[Para]:
    """The paragraphs of a quotation, as italic paragraphs and a plain attribution."""
    out = []
    for index, para in enumerate(paras):
        last = index == len(paras) - 1 and len(paras) > 1 and ATTRIBUTION.match(para.text)
        runs = tuple(replace(r, italic=not last) for r in para.runs)
        out.append(replace(para, runs=runs, explicit_level=False))
    return out


def _columns(read: ReadSlide) -> Optional[Tuple[List[Piece], List[Piece]]]:
    """Two columns: a two-column layout, or text side by side with nothing across both."""
    pieces = read.pieces
    if len(pieces) < 2:
        return None
    left_edge = min(p.box.x for p in pieces)
    right_edge = max(p.box.right for p in pieces)
    middle = (left_edge + right_edge) / 2
    width = right_edge - left_edge
    left = [p for p in pieces if p.box.centre_x < middle]
    right = [p for p in pieces if p.box.centre_x >= middle]
    if not left or not right:
        return None
    across = [p for p in pieces if p.box.x < middle - width * 0.1 and
              p.box.right > middle + width * 0.1]
    if across:
        return None
    two_layout = read.layout_type in TWO_COLUMN_LAYOUTS
    text_both = any(p.kind == "text" for p in left) and any(p.kind == "text" for p in right)
    placeholders = all(p.placeholder for p in pieces)
    if two_layout or (text_both and (placeholders or _side_by_side(left, right))):
        return left, right
    return None


def _side_by_side(left: List[Piece], right: List[Piece]) -> bool:
    """Text boxes that start level with each other, as columns do."""
    top_left = min(p.box.y for p in left)
    top_right = min(p.box.y for p in right)
    height = max(p.box.bottom for p in left + right) - min(top_left, top_right)
    return abs(top_left - top_right) <= max(height, 1) * 0.25


def _visual_columns(pieces: List[Piece]):
    """Two pictures or tables side by side: one column each, with the text above them."""
    left_edge = min(p.box.x for p in pieces)
    right_edge = max(p.box.right for p in pieces)
    middle = (left_edge + right_edge) / 2
    left = [p for p in pieces if p.box.centre_x < middle]
    right = [p for p in pieces if p.box.centre_x >= middle]
    for column in (left, right):
        if sum(p.kind != "text" for p in column) != 1:
            return None
    return Columns((tuple(_text_first(_blocks(left))), tuple(_text_first(_blocks(right)))))


def _text_first(blocks: list) -> list:
    return [b for b in blocks if not isinstance(b, (Image, Table))] + \
        [b for b in blocks if isinstance(b, (Image, Table))]


def paragraph_text(text: Text) -> Paragraph:
    return Paragraph(text)
