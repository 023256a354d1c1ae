"""python-pptx's part bookkeeping, made incremental for the length of one render.

python-pptx finds the next free part name (`/ppt/notesSlides/notesSlide7.xml`,
`/ppt/media/image3.png`) and an already embedded copy of a picture by walking
every relationship of the whole package, each time it adds a part. Adding N
slides with notes therefore costs O(N^2): at 500 slides most of a build went
there; adding a slide also scanned every relationship and every slide id of
the presentation. Rather than fork python-pptx, `incremental_parts` gives one
package instance, for the duration of one render, versions of those methods that
walk the package once and then remember what they hand out, and `add_slide`
does what `Slides.add_slide` does with the slide's relationship id and slide id
counted instead of searched. They return the same names, ids and parts
python-pptx's own would, given what a render does: parts are only added, never
dropped, and each name asked for becomes a part. (Were a part dropped, its number
would be skipped rather than reused; names stay unique.) When the block ends the
package's own methods are back.

Each new slide and notes page also got its placeholders by python-pptx reading
the layout's (or notes master's) shapes through an XPath query per attribute,
about 90 queries a slide. The first slide of each layout and the first notes page
are made by python-pptx itself; later ones get copies of the placeholders it made
then, which are the same elements (a fresh slide's shape ids and names depend only
on its layout).

`add_slide`, `placeholders` and `notes_page` lean on a few private helpers of
python-pptx 1.0; should a later version rename them, they fall back to the public
(slower) way, so what is written never depends on them. tests/test_pptx_parts.py
checks that a deck comes out byte for byte as python-pptx's own calls make it.
"""
from __future__ import annotations

import contextlib
from copy import deepcopy
from typing import Dict, Optional, Set

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart

IMAGE_PREFIX = "/ppt/media/image"
MAX_SLIDE_ID = 2147483647
PATCHED = ("next_partname", "next_image_partname", "get_or_add_image_part")


@contextlib.contextmanager
def incremental_parts(package):
    """Within the block, `package` allocates part names and finds pictures incrementally."""
    allocator = PartAllocator(package)
    for name in PATCHED:
        setattr(package, name, getattr(allocator, name))
    try:
        yield allocator
    finally:
        for name in PATCHED:
            package.__dict__.pop(name, None)


class PartAllocator:
    """Remembers the package's part names and pictures after one walk over its parts."""

    def __init__(self, package):
        self.package = package
        self._names: Optional[Dict[str, Set[str]]] = None  # prefix -> names in use
        self._image_numbers: Optional[Set[int]] = None
        self._lowest_free_image = 1  # numbers are only added, so the first gap only moves up
        self._images_by_sha1: Optional[Dict[str, ImagePart]] = None
        self._next_slide_id: Optional[int] = None
        self._layout_placeholders: Dict[str, tuple] = {}  # layout -> (p:sp copies, kinds)
        self._new_placeholders: Dict[object, list] = {}  # slide part -> [(idx, placeholder)]
        self._notes_placeholders: Optional[tuple] = None  # (p:sp copies, body placeholder)
        self.slide_count: Optional[int] = None  # len(sldIdLst), which reads every slide id

    def add_slide(self, slides, layout):
        """As `prs.slides.add_slide(layout)`, in constant time per slide."""
        part = slides.part
        id_list = slides._sldIdLst
        if self.slide_count is None:
            self.slide_count = len(id_list)  # once; then counted
        if not _has_slide_helpers(part, id_list):
            self.slide_count += 1
            return slides.add_slide(layout)
        # As python-pptx's `_next_slide_partname`, which counts the slide ids each time.
        partname = PackURI("/ppt/slides/slide%d.xml" % (self.slide_count + 1))
        slide_part = SlidePart.new(partname, self.package, layout.part)
        # A part made just now cannot be related yet: add the relationship without
        # python-pptx's search for an existing one (which reads every relationship).
        rid = part._rels._add_relationship(RT.SLIDE, slide_part)
        slide = slide_part.slide
        self._new_placeholders[slide_part] = self._clone_layout_placeholders(slide, layout)
        if self._next_slide_id is None or self._next_slide_id > MAX_SLIDE_ID:
            self._next_slide_id = id_list._next_id  # python-pptx's rule: one above the highest
        id_list._add_sldId(id=self._next_slide_id, rId=rid)
        self._next_slide_id += 1
        self.slide_count += 1
        return slide

    def placeholders(self, slide) -> dict:
        """As `{ph.placeholder_format.idx: ph for ph in slide.placeholders}` (each of
        which reads the shape's XML through several XPath queries), for a new slide."""
        return dict(self.placeholder_list(slide))

    def placeholder_list(self, slide) -> list:
        """As `[(ph.placeholder_format.idx, ph) for ph in slide.placeholders]`, in the
        order they were copied from the layout, for a new slide."""
        found = self._new_placeholders.pop(slide.part, None)
        if found is None:  # (python-pptx's order is by idx; the shape tree's is the layout's)
            phs = {ph._element: ph for ph in slide.placeholders}
            return [(phs[sp].placeholder_format.idx, phs[sp]) for sp in
                    slide.shapes._spTree.iter_ph_elms()]
        return found

    def _clone_layout_placeholders(self, slide, layout) -> Optional[list]:
        """Clone the layout's placeholders onto `slide`; [(idx, placeholder)] when known."""
        tree = slide.shapes._spTree
        key = str(layout.part.partname)
        if key not in self._layout_placeholders:
            before = len(tree)
            slide.shapes.clone_layout_placeholders(layout)
            made = list(tree[before:])
            # In the order they were copied (python-pptx lists a slide's by idx).
            by_element = {ph._element: ph for ph in slide.placeholders}
            found = [by_element[sp] for sp in made if sp in by_element]
            if len(found) == len(made) == len(by_element):  # what the copies will stand for
                kinds = [(ph.placeholder_format.idx, type(ph)) for ph in found]
                self._layout_placeholders[key] = ([deepcopy(sp) for sp in made], kinds)
            else:
                self._layout_placeholders[key] = None
            return [(ph.placeholder_format.idx, ph) for ph in found]
        cached = self._layout_placeholders[key]
        if cached is None:
            slide.shapes.clone_layout_placeholders(layout)
            return None
        copies = [deepcopy(sp) for sp in cached[0]]
        for sp in copies:
            tree.append(sp)
        parent = slide.placeholders
        return [(idx, kind(sp, parent)) for sp, (idx, kind) in zip(copies, cached[1])]

    def notes_page(self, slide):
        """(`slide.notes_slide`, its `notes_text_frame`) for a slide without notes yet."""
        if self._notes_placeholders is None or not hasattr(CT_NotesSlide, "new"):
            notes = slide.notes_slide
            shapes = list(notes.shapes._spTree.iterchildren(qn("p:sp")))
            body = notes.notes_placeholder
            where = None
            if body is not None and any(sp is body._element for sp in shapes):
                where = ([sp is body._element for sp in shapes].index(True), type(body))
            self._notes_placeholders = ([deepcopy(sp) for sp in shapes], where)
            return notes, notes.notes_text_frame
        # What SlidePart._add_notes_slide_part and NotesSlidePart.new do, with the
        # notes master's placeholders copied from the first notes page.
        master = self.package.presentation_part.notes_master_part
        part = NotesSlidePart(self.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                              CT.PML_NOTES_SLIDE, self.package, CT_NotesSlide.new())
        part.relate_to(master, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        notes = part.notes_slide
        tree = notes.shapes._spTree
        copies = [deepcopy(sp) for sp in self._notes_placeholders[0]]
        for sp in copies:
            tree.append(sp)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        where = self._notes_placeholders[1]
        if where is None:
            return notes, notes.notes_text_frame
        index, kind = where
        return notes, kind(copies[index], notes.placeholders).text_frame

    def _used(self, prefix: str) -> Set[str]:
        if self._names is None:
            self._names = {}
        if prefix not in self._names:
            self._names[prefix] = {str(p.partname) for p in self.package.iter_parts()
                                   if p.partname.startswith(prefix)}
        return self._names[prefix]

    def next_partname(self, tmpl: str) -> PackURI:
        """As `OpcPackage.next_partname`: counting down from (names in use + 1)."""
        prefix = tmpl[: (tmpl % 42).find("42")]
        used = self._used(prefix)
        for n in range(len(used) + 1, 0, -1):
            candidate = tmpl % n
            if candidate not in used:
                used.add(candidate)
                return PackURI(candidate)
        raise RuntimeError("no free part name for " + tmpl)  # cannot happen: n+1 candidates

    def next_image_partname(self, ext: str) -> PackURI:
        """As `Package.next_image_partname`: the first free image number from 1."""
        if self._image_numbers is None:
            self._image_numbers = {p.partname.idx for p in self.package.iter_parts()
                                   if p.partname.startswith(IMAGE_PREFIX)
                                   and p.partname.idx is not None}
        number = self._lowest_free_image
        while number in self._image_numbers:
            number += 1
        self._image_numbers.add(number)
        self._lowest_free_image = number + 1
        return PackURI("%s%d.%s" % (IMAGE_PREFIX, number, ext))

    def get_or_add_image_part(self, image_file) -> ImagePart:
        """As `Package.get_or_add_image_part`: one part per distinct picture (by SHA1)."""
        if self._images_by_sha1 is None:
            self._images_by_sha1 = {}
            for rel in self.package.iter_rels():
                if not rel.is_external and rel.reltype == RT.IMAGE:
                    part = rel.target_part
                    sha1 = getattr(part, "sha1", None)  # SVG parts have none
                    if sha1 is not None:
                        self._images_by_sha1.setdefault(sha1, part)
        image = Image.from_file(image_file)
        part = self._images_by_sha1.get(image.sha1)
        if part is None:
            part = ImagePart.new(self.package, image)
            self._images_by_sha1[image.sha1] = part
        return part


def _has_slide_helpers(part, id_list) -> bool:
    return (hasattr(part, "_rels")
            and hasattr(part._rels, "_add_relationship") and hasattr(id_list, "_add_sldId")
            and hasattr(type(id_list), "_next_id"))
