"""Blocks and inlines pandoc users write, as the model holds them and PowerPoint shows them.

One small deck per rule; each test checks the model and the reopened deck.
"""
import shutil
import zipfile

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckbuild.build import render
from deckbuild.model import CodeBlock, Image, ListBlock, Paragraph, Table, plain
from libreoffice import convert

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def picture_file(project, name="moon.png", size=(64, 48)) -> str:
    from PIL import Image as PILImage
    PILImage.new("RGB", size, "navy").save(project.root / "assets" / name)
    return f"../assets/{name}"


def shapes_text(slide):
    """Each non-title shape's text (tables cell by cell), in the order of the shape tree."""
    title = slide.shapes.title
    out = []
    for shape in slide.shapes:
        if title is not None and shape.shape_id == title.shape_id:
            continue
        if shape.has_text_frame and shape.text_frame.text.strip():
            if not shape.text_frame.text.strip().isdigit():  # the slide number
                out.append(shape.text_frame.text)
        elif shape.has_table:
            out.append(" ".join(c.text for row in shape.table.rows for c in row.cells))
        elif shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
            out.append("[picture]")
    return out


def runs(shape):
    return [r for p in shape.text_frame.paragraphs for r in p.runs]


def test_pipe_table_with_caption(project):
    markdown = """
    ## Doses

    | Drug | Dose |
    |:-----|-----:|
    | A    | 2 mg |

    : Typical doses
    """
    table = project.read(markdown).slides[0].blocks[0]
    assert isinstance(table, Table)
    assert [plain(c) for c in table.header] == ["Drug", "Dose"]
    assert table.aligns == ("left", "right")
    assert plain(table.caption) == "Typical doses"
    slide = project.pptx(markdown).slides[0]
    frame = [s for s in slide.shapes if s.has_table][0]
    cells = [[c.text for c in row.cells] for row in frame.table.rows]
    assert cells == [["Drug", "Dose"], ["A", "2 mg"]]
    caption = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text == "Typical doses"]
    assert caption and caption[0].top >= frame.top + frame.height  # below, not over the table
    assert shapes_text(slide) == ["Drug Dose A 2 mg", "Typical doses"]


def test_table_caption_written_before_the_table(project):
    markdown = "## T\n\nTable: Before it\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert plain(project.read(markdown).slides[0].blocks[0].caption) == "Before it"
    assert "Before it" in shapes_text(project.pptx(markdown).slides[0])


def test_picture_alt_text_is_its_description(project):
    markdown = f"## Moon\n\n![The Moon, smiling]({picture_file(project)})\n"
    image = project.read(markdown).slides[0].blocks[0]
    assert isinstance(image, Image) and image.alt == "The Moon, smiling"
    slide = project.pptx(markdown).slides[0]
    picture = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE][0]
    assert picture._element.nvPicPr.cNvPr.get("descr") == "The Moon, smiling"
    assert shapes_text(slide) == ["[picture]", "The Moon, smiling"]  # its caption follows it


def test_footnotes_are_collected_on_a_closing_notes_slide(project):
    markdown = """
    ## A

    Harm reduction works.[^evidence] It saves lives.[^second]

    ::: notes
    Cite the review.[^hidden]
    :::

    [^hidden]: Only for the speaker.
    [^second]: Second note.
    [^evidence]: A 2020 review.
    """
    deck = project.read(markdown)
    body = deck.slides[0].blocks[0].text
    assert [(r.text, r.superscript) for r in body if r.superscript] == [("1", True), ("2", True)]
    assert [plain(n) for n in deck.slides[0].notes] == ["Cite the review."]
    closing = deck.slides[-1]
    assert plain(closing.title) == "Notes"
    assert [plain(b.text) for b in closing.blocks] == ["1. A 2020 review.", "2. Second note."]
    prs = project.pptx(markdown)
    assert prs.slides[-1].shapes.title.text_frame.text == "Notes"
    assert shapes_text(prs.slides[-1]) == ["1. A 2020 review.\n2. Second note."]
    mark = [r for r in runs(prs.slides[0].placeholders[1]) if r.text == "1"][0]
    assert mark._r.rPr.get("baseline") == "30000"
    assert "Only for the speaker" not in "".join(
        t for s in prs.slides for t in shapes_text(s))


def test_fenced_and_indented_code_in_a_monospace_font(project):
    markdown = """
    ## Code

    ```python
    if a < b and c & d:
        print("<b>")
    ```

        indented -> code

    - In a list:

      ```
      x = 1
      y = 2
      ```
    """
    blocks = project.read(markdown).slides[0].blocks
    assert [type(b) for b in blocks] == [CodeBlock, CodeBlock, ListBlock]
    assert blocks[0].code == 'if a < b and c & d:\n    print("<b>")'
    assert blocks[0].language == "python"
    assert blocks[1].code == "indented -> code"
    item = blocks[2].items[0]
    # The code after the item's text is a paragraph of the item's own, its lines kept.
    assert [(r.text, r.code) for r in item.text] == [("In a list:", False)]
    assert [(r.text, r.code) for r in item.continued[0]] == [("x = 1", True), ("\n", False),
                                                             ("y = 2", True)]
    body = project.pptx(markdown).slides[0].placeholders[1]
    code_runs = [r for r in runs(body) if "print" in r.text or "indented" in r.text
                 or r.text in ("x = 1", "y = 2")]
    assert [r.text for r in code_runs] == ['    print("<b>")', "indented -> code", "x = 1",
                                           "y = 2"]
    assert {r._r.rPr.find(f"{A}latin").get("typeface") for r in code_runs} == {"Courier New"}
    assert code_runs[2]._r.getnext().tag == f"{A}br"  # a line break, not a newline in the text
    assert not any("\n" in t.text for t in body._element.iter(f"{A}t"))


def test_ordered_lists_keep_their_start_number_and_style(project):
    markdown = """
    ## Steps

    3. third
    4. fourth

    Then:

    a. alpha
    b. beta

    (1) one
    (2) two
    """
    blocks = [b for b in project.read(markdown).slides[0].blocks if isinstance(b, ListBlock)]
    assert [(b.start, b.style, b.delimiter) for b in blocks] == [
        (3, "decimal", "period"), (1, "lower-alpha", "period"), (1, "decimal", "parens")]
    assert [b.label(1) for b in blocks] == ["4.", "b.", "(2)"]
    body = project.pptx(markdown).slides[0].placeholders[1]
    numbering = [(p.text, p._p.pPr.find(f"{A}buAutoNum")) for p in body.text_frame.paragraphs]
    numbered = [(text, n.get("type"), n.get("startAt")) for text, n in numbering if n is not None]
    assert numbered == [("third", "arabicPeriod", "3"), ("fourth", "arabicPeriod", "4"),
                        ("alpha", "alphaLcPeriod", None), ("beta", "alphaLcPeriod", "2"),
                        ("one", "arabicParenBoth", None), ("two", "arabicParenBoth", "2")]


def test_a_capital_letter_sentence_is_not_a_list(project):
    markdown = "## S\n\nB. Russell wrote this.\n"
    [block] = project.read(markdown).slides[0].blocks
    assert isinstance(block, Paragraph) and plain(block.text) == "B. Russell wrote this."
    [paragraph] = project.pptx(markdown).slides[0].placeholders[1].text_frame.paragraphs
    assert paragraph.text == "B. Russell wrote this."
    assert paragraph._p.pPr is None or paragraph._p.pPr.find(f"{A}buAutoNum") is None


def test_emphasis_strong_and_inline_code(project):
    markdown = "## S\n\nSome *emphasis*, **strong** and `x < 1` here.\n"
    text = project.read(markdown).slides[0].blocks[0].text
    assert [(r.text, r.italic, r.bold, r.code) for r in text] == [
        ("Some ", False, False, False), ("emphasis", True, False, False),
        (", ", False, False, False), ("strong", False, True, False),
        (" and ", False, False, False), ("x < 1", False, False, True),
        (" here.", False, False, False)]
    formatted = {r.text: r for r in runs(project.pptx(markdown).slides[0].placeholders[1])}
    assert formatted["emphasis"]._r.rPr.get("i") == "1"
    assert formatted["strong"]._r.rPr.get("b") == "1"
    assert formatted["x < 1"]._r.rPr.find(f"{A}latin").get("typeface") == "Courier New"
    assert formatted["Some "]._r.rPr.get("b") == "0"


def test_typographic_quotes_and_dashes(project):
    markdown = ("---\ntitle: The \"right\" door\n---\n\n## S\n\n"
                "\"It's fine\" -- she said --- twice...\n\n`'code' -- as typed`\n\n"
                "Escaped: \\'6\\\" \\-\\- \\.\\.\\.\n")
    deck = project.read(markdown)
    assert deck.meta.title == "The \u201cright\u201d door"
    blocks = deck.slides[1].blocks
    assert plain(blocks[0].text) == "\u201cIt\u2019s fine\u201d \u2013 she said \u2014 twice\u2026"
    assert plain(blocks[1].text) == "'code' -- as typed"
    assert plain(blocks[2].text) == "Escaped: '6\" -- ..."  # a backslash keeps them as typed
    prs = project.pptx(markdown)
    assert prs.slides[0].shapes.title.text_frame.text == "The \u201cright\u201d door"
    body = prs.slides[1].placeholders[1].text_frame.text
    assert body.startswith("\u201cIt\u2019s fine\u201d")


def test_raw_html_is_reduced_to_its_text(project):
    markdown = """
    ## S

    A <b>bold</b> claim<script>alert(1)</script> &amp; more.

    <div onclick="steal()"><p>Block <em>html</em></p><style>p {}</style></div>
    """
    blocks = project.read(markdown).slides[0].blocks
    assert [plain(b.text) for b in blocks] == ["A bold claim & more.", "Block html"]
    text = project.pptx(markdown).slides[0].placeholders[1].text_frame.text
    assert "<" not in text and "steal" not in text and "p {}" not in text


def test_heading_attributes_and_background_image(project):
    picture = picture_file(project, "back.png", (160, 90))
    markdown = f"## Welcome {{#welcome .wide lang=en background-image=\"{picture}\"}}\n\nHi.\n"
    slide_model = project.read(markdown).slides[0]
    assert plain(slide_model.title) == "Welcome"
    assert slide_model.background == str((project.root / "assets" / "back.png").resolve())
    slide = project.pptx(markdown).slides[0]
    assert slide.shapes.title.text_frame.text == "Welcome"
    background = slide._element.find(f"{P}cSld/{P}bg/{P}bgPr/{A}blipFill/{A}blip")
    assert background is not None
    part = slide.part.related_part(background.get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"))
    assert part.blob == (project.root / "assets" / "back.png").read_bytes()


def test_an_empty_heading_with_a_background_is_a_picture_slide(project):
    picture = picture_file(project, "back.png", (160, 90))
    markdown = f"## A\n\nText.\n\n##  {{background-image=\"{picture}\"}}\n"
    slide_model = project.read(markdown).slides[1]
    assert slide_model.title == () and slide_model.background
    slide = project.pptx(markdown).slides[1]
    assert slide.shapes.title is None and slide._element.find(f"{P}cSld/{P}bg") is not None


def test_shapes_follow_the_reading_order(project):
    markdown = """
    ## Mixed

    - before the table

    | a | b |
    |---|---|
    | 1 | 2 |

    - after the table
    """
    slide_model = project.read(markdown).slides[0]
    assert [type(b).__name__ for b in slide_model.blocks] == ["ListBlock", "Table", "ListBlock"]
    slide = project.pptx(markdown).slides[0]
    assert shapes_text(slide) == ["before the table", "a b 1 2", "after the table"]
    tops = [s.top for s in slide.shapes if s.has_text_frame or s.has_table][1:4]
    assert tops == sorted(tops)  # and top to bottom on the slide


def test_timing_is_a_valid_paragraph_build(project):
    markdown = "---\nincremental: true\n---\n\n## S\n\nIntro.\n\n- one\n- two\n"
    slide = project.pptx(markdown).slides[0]
    sld = slide._element
    names = [child.tag.split("}")[1] for child in sld]
    assert names == ["cSld", "clrMapOvr", "timing"]
    ids = [c.get("id") for c in sld.iter(f"{P}cTn")]
    assert len(ids) == len(set(ids)) and ids == [str(i) for i in range(1, len(ids) + 1)]
    body = slide.placeholders[1]
    build = sld.find(f"{P}timing/{P}bldLst/{P}bldP")
    assert (build.get("spid"), build.get("build")) == (str(body.shape_id), "p")
    assert [r.get("st") for r in sld.iter(f"{P}pRg")] == ["1", "2"]  # "Intro." stays


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_deck_and_keeps_the_builds(project, tmp_path):
    markdown = """
    ---
    title: T
    incremental: true
    Company: Testland
    ---

    ## Steps

    - one
    - two

    | a |
    |---|
    | 1 |

    : caption
    """
    converted = convert(render(project.read(markdown), "pptx"), tmp_path, "odp")
    assert (tmp_path / "lo-profile").is_dir()  # its own profile: no clash with another run
    content = zipfile.ZipFile(converted).read("content.xml").decode()
    assert content.count('presentation:node-type="on-click"') == 2
    assert content.count('smil:attributeName="visibility"') == 2
    assert "caption" in content and "Steps" in content


def test_a_linked_picture_is_still_a_picture(project):
    markdown = f"## Logo\n\n[![Our logo]({picture_file(project)})](https://example.org)\n"
    image = project.read(markdown).slides[0].blocks[0]
    assert isinstance(image, Image) and image.alt == "Our logo"
    slide = project.pptx(markdown).slides[0]
    assert [s.shape_type for s in slide.shapes].count(MSO_SHAPE_TYPE.PICTURE) == 1
