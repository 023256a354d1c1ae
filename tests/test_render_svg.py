"""Slides as SVG (render/svg): the same lines, places and pictures as the deck's plan.

The SVG is parsed back with xml.etree and its text lines are compared with the
lines the layout measured for the deck, and with the handout's miniature of the
same slide (which test_handout_miniature compares with LibreOffice).
"""
from __future__ import annotations

import base64
import io
import shutil
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from deckbuild.build import load
from deckbuild.errors import Findings
from deckbuild.layout.geometry import geometry_for
from deckbuild.layout.plan import plan_slide
from deckbuild.render.fonts import FontSet
from deckbuild.render.slide.drawer import SlideDrawer
from deckbuild.render.slide.text import lines_of
from deckbuild.render.svg import SvgSlides

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "harm-reduction.md"
SVG = "{http://www.w3.org/2000/svg}"


def svg_lines(svg: str, kinds=("line",)) -> list:
    """[(x, y, text)] of every text line (or also "mark": bullets, numbers) of an SVG slide."""
    tree = ET.fromstring(svg)
    lines = []
    for text in tree.iter(SVG + "text"):
        if text.get("class") in kinds:
            lines.append((float(text.get("x")), float(text.get("y")), "".join(text.itertext())))
    return lines


def measured_lines(deck, slide) -> list:
    """The text of every line of the slide's text areas, as the layout breaks them."""
    geometry = geometry_for(deck.theme).for_slide(slide)
    plan = plan_slide(slide, geometry)
    lines = []
    for area in plan.areas:
        for para in area.paras:
            for line in lines_of(para, area.box.w, area.size, area.font):
                text = "".join(piece for _, piece in line)
                if text.strip():
                    lines.append(text)
    return lines


def miniature_lines(deck) -> list:
    """{(x, y): text} per slide, from the handout's miniatures drawn full size."""
    drawer = SlideDrawer(deck, FontSet())
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(drawer.width, drawer.height))
    for number, slide in enumerate(deck.slides, 1):
        drawer.draw(canvas, slide, number, 0, 0, drawer.width)
        canvas.showPage()
    canvas.save()
    pages = []
    for page in PdfReader(io.BytesIO(out.getvalue())).pages:
        lines = defaultdict(str)
        height = float(page.mediabox.height)

        def visit(text, cm, tm, font, size):
            if text.strip():
                lines[(round(tm[4] * cm[0] + cm[4], 1), round(height - tm[5] * cm[3] - cm[5], 1))] \
                    += text
        page.extract_text(visitor_text=visit)
        pages.append(dict(lines))
    return pages


def all_within(wanted, within) -> bool:
    """Every wanted line is drawn (as often as it is wanted; the drawing order may differ)."""
    return not Counter(wanted) - Counter(within)


def seed_deck():
    return load(SEED, None, Findings())


def test_every_seed_slide_is_a_well_formed_svg_with_the_measured_lines():
    deck = seed_deck()
    slides = SvgSlides(deck).all()
    assert len(slides) == len(deck.slides)
    compared = 0
    for number, (slide, svg) in enumerate(zip(deck.slides, slides), 1):
        drawn = [text.strip() for _, _, text in svg_lines(svg)]
        wanted = [text.strip() for text in measured_lines(deck, slide)]
        assert all_within(wanted, drawn), f"slide {number}: {wanted} not in {drawn}"
        compared += len(wanted)
    assert compared > 100  # the seed deck has that many lines of body text


def test_svg_lines_start_where_the_miniature_sets_them():
    deck = seed_deck()
    slides = SvgSlides(deck).all()
    for number, (mine, svg) in enumerate(zip(miniature_lines(deck), slides), 1):
        drawn = svg_lines(svg, ("line", "mark"))
        for (x, y), text in mine.items():
            close = [t for sx, sy, t in drawn if abs(sx - x) < 1 and abs(sy - y) < 1]
            assert close, f"slide {number}: {text!r} at {x}, {y} not in the SVG: {drawn}"
            if text.strip().isprintable():  # pypdf reads a bullet back as \x7f
                assert text.strip() in "".join(close), f"slide {number}: {text!r} vs {close}"


def test_fonts_are_the_measured_files_embedded_or_served():
    deck = seed_deck()
    svg = SvgSlides(deck).slide(deck.slides[1], 2)
    assert "@font-face" in svg and "data:font/ttf;base64," in svg
    served = SvgSlides(deck, font_url=lambda path: "/font/" + Path(path).name)
    svg = served.slide(deck.slides[1], 2)
    assert 'url("/font/DeckbuildSans-Regular.ttf")' in svg
    assert all(Path(path).is_file() for path in served.fonts.values())
    families = {text.get("font-family") for text in ET.fromstring(svg).iter(SVG + "text")}
    assert families <= set(served.fonts)


def test_pictures_and_tables_are_drawn(project):
    from PIL import Image
    Image.new("RGB", (400, 300), (200, 120, 40)).save(project.root / "assets" / "photo.png")
    deck = project.read("""
    ---
    title: Pictures
    ---

    ## A picture

    ![A warm colour](../assets/photo.png)

    ## A table

    | Service | Phone |
    |---|---|
    | Helpline | 555-0100 |
    """)
    picture, table = SvgSlides(deck).all()[1:3]
    images = list(ET.fromstring(picture).iter(SVG + "image"))
    assert len(images) == 1
    href = images[0].get("href")
    assert href.startswith("data:image/png;base64,")
    assert Image.open(io.BytesIO(base64.b64decode(href.split(",", 1)[1]))).size == (400, 300)
    cells = [text for _, _, text in svg_lines(table)]
    assert {"Service", "Phone", "Helpline", "555-0100"} <= {c.strip() for c in cells}
    served = []
    SvgSlides(deck, picture_url=lambda data: served.append(data) or "/picture/1").all()
    assert served and served[0].startswith(b"\x89PNG")


def test_a_template_slide_has_the_template_size_and_lines(project):
    shutil.copy(ROOT / "assets" / "example-template.pptx", project.root / "assets")
    project.region("""\
    name: Templated
    theme:
      template: assets/example-template.pptx
    resources:
      - group: Here
        items:
          - name: Help
            url: https://help.example.org
    """, "templated")
    deck = project.read("""
    ---
    title: Harm Reduction
    region: templated
    ---

    ## Agenda

    - History, with a line long enough to wrap onto a second line of the slide body, and
      then some more words so that it wraps in a template's wider body box too
      - Nested point
    - Principles
    """)
    drawer = SvgSlides(deck)
    svg = drawer.slide(deck.slides[1], 2)
    root = ET.fromstring(svg)
    width, height = drawer.size
    assert root.get("viewBox") == f"0 0 {width:g} {height:g}"
    drawn = [text.strip() for _, _, text in svg_lines(svg)]
    wanted = [text.strip() for text in measured_lines(deck, deck.slides[1])]
    assert len(wanted) >= 4 and all_within(wanted, drawn)


def test_text_is_escaped_and_ids_do_not_clash(project):
    deck = project.read("""
    ---
    title: Escapes
    ---

    ## Less <than> & "quotes"

    - a < b & c > d
    """)
    slides = SvgSlides(deck).all()
    ids = [element.get("id") for svg in slides for element in ET.fromstring(svg).iter()
           if element.get("id")]
    assert len(ids) == len(set(ids))
    assert any("a < b & c > d" in text for _, _, text in svg_lines(slides[1]))
