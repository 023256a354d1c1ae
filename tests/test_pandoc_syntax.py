"""pandoc 3's and Quarto's Markdown, construct by construct: the model a small string gives,
and what the reopened deck (python-pptx, the slide XML) shows."""
import io

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckbuild.build import render
from deckbuild.errors import Findings
from deckbuild.model import (Callout, Columns, DefinitionList, Image, ListBlock, Paragraph, Pause,
                             Table, plain)

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
A14 = "{http://schemas.microsoft.com/office/drawing/2010/main}"


def picture_file(project, name="moon.png", size=(64, 48)) -> str:
    from PIL import Image as PILImage
    PILImage.new("RGB", size, "navy").save(project.root / "assets" / name)
    return f"../assets/{name}"


def body(project, markdown, findings=None):
    deck = project.read(markdown, findings=findings) if findings is not None else \
        project.read(markdown)
    return deck.slides[0].blocks


def deck_slide(project, markdown, number=0):
    return project.pptx(markdown).slides[number]


def runs_of(slide):
    """Every a:r of the slide's text boxes (equations' shapes included)."""
    return list(slide._element.iter(f"{A}r"))


def run_with(slide, text):
    return [r for r in runs_of(slide) if (r.findtext(f"{A}t") or "") == text][0]


def table_shape(slide):
    return [s for s in slide.shapes if s.has_table][0]


# ---------------------------------------------------------------- tables

SIMPLE = """
## T

    Right Left    Center  Default
  ------- ------ -------- -------
       12 12        12    12
      123 123      123    123

  : Demonstration {#tbl-demo}

See @tbl-demo.
"""


def test_simple_table_with_alignment_and_a_numbered_caption(project):
    blocks = body(project, SIMPLE)
    table = blocks[0]
    assert isinstance(table, Table)
    assert [plain(c) for c in table.header] == ["Right", "Left", "Center", "Default"]
    assert table.aligns == ("right", "left", "center", "")
    assert plain(table.caption) == "Table 1: Demonstration"  # {#tbl-demo} hidden, numbered
    assert plain(blocks[1].text) == "See Table 1."
    slide = deck_slide(project, SIMPLE)
    frame = table_shape(slide)
    assert [c.text for c in frame.table.rows[1].cells] == ["12", "12", "12", "12"]
    aligns = [c.text_frame.paragraphs[0]._p.pPr.get("algn") for c in frame.table.rows[1].cells]
    assert aligns == ["r", "l", "ctr", "l"]
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "Table 1: Demonstration" in texts and "See Table 1." in texts


def test_headerless_and_multiline_tables_keep_their_rows_and_widths(project):
    markdown = """
    ## T

    -------------------------------------------
     Name       Description
    ---------- --------------------------------
     Naloxone   Reverses an opioid overdose in
                two to three minutes.

     Fentanyl   A synthetic opioid.
    -------------------------------------------
    """
    table = body(project, markdown)[0]
    assert [plain(c) for c in table.header] == ["Name", "Description"]
    assert plain(table.rows[0][1]) == "Reverses an opioid overdose in two to three minutes."
    assert len(table.widths) == 2 and table.widths[1] > 2 * table.widths[0]
    frame = table_shape(deck_slide(project, markdown))
    first, second = (column.width for column in frame.table.columns)
    assert second > 2 * first  # the source's relative widths
    headerless = body(project, "## T\n\n  --- ---\n  1   2\n  3   4\n  --- ---\n")[0]
    assert headerless.header == () and [[plain(c) for c in r] for r in headerless.rows] == \
        [["1", "2"], ["3", "4"]]


def test_grid_table_cells_with_lines_and_alignment(project):
    markdown = """
    ## T

    +---------+-------:+
    | Fruit   | Price  |
    +=========+=======:+
    | Bananas | $1.34  |
    | ripe    |        |
    +---------+--------+
    """
    table = body(project, markdown)[0]
    assert [plain(c) for c in table.header] == ["Fruit", "Price"]
    assert plain(table.rows[0][0]) == "Bananas ripe" and table.aligns == ("", "right")
    frame = table_shape(deck_slide(project, markdown))
    assert frame.table.rows[1].cells[1].text == "$1.34"


def test_table_dash_lines_are_no_slide_breaks(project):
    deck = project.read("## A\n\n  --- ---\n  1   2\n\n  --- ---\n\n## B\n\nx\n")
    assert [plain(s.title) for s in deck.slides] == ["A", "B"]


# ---------------------------------------------------------------- inline formatting

INLINE = """
## T

~~gone~~ H~2~O x^2^ [Small]{.smallcaps} [under]{.underline} [marked]{.mark} [plain]{lang=fr}
"""


def test_strikeout_sub_superscript_small_caps_underline_highlight(project):
    runs = body(project, INLINE)[0].text
    by_text = {r.text: r for r in runs}
    twos = [r for r in runs if r.text == "2"]
    assert by_text["gone"].strike and twos[0].subscript and twos[1].superscript
    assert by_text["Small"].small_caps and by_text["under"].underline
    assert by_text["marked"].highlight
    assert "[plain]" not in plain(runs) and "plain" in plain(runs)  # other spans: their text
    slide = deck_slide(project, INLINE)
    assert run_with(slide, "gone").find(f"{A}rPr").get("strike") == "sngStrike"
    assert run_with(slide, "Small").find(f"{A}rPr").get("cap") == "small"
    assert run_with(slide, "under").find(f"{A}rPr").get("u") == "sng"
    assert run_with(slide, "marked").find(f"{A}rPr/{A}highlight") is not None
    baselines = [r.find(f"{A}rPr").get("baseline") for r in runs_of(slide)
                 if r.findtext(f"{A}t") == "2"]
    assert baselines == ["-25000", "30000"]


def test_inline_footnotes_join_the_notes_slide(project):
    deck = project.read("## T\n\nHarm reduction works.^[See the [evidence] review.] More.\n")
    assert plain(deck.slides[0].blocks[0].text) == "Harm reduction works.1 More."
    assert plain(deck.slides[-1].title) == "Notes"
    assert plain(deck.slides[-1].blocks[0].text) == "1. See the [evidence] review."
    prs = project.pptx("## T\n\nHarm reduction works.^[See the review.]\n")
    assert prs.slides[-1].shapes.title.text == "Notes"


def test_raw_inlines_html_is_html_others_left_out(project):
    markdown = "## T\n\nA `<b>bold</b>`{=html} B `<!-- x -->`{=html} C `\\LaTeX`{=latex} D\n"
    assert " ".join(plain(body(project, markdown)[0].text).split()) == "A bold B C D"
    text = " ".join(s.text_frame.text for s in deck_slide(project, markdown).shapes
                    if s.has_text_frame)
    assert "LaTeX" not in text and "<" not in text


def test_raw_openxml_runs_are_read_and_broken_xml_left_out_with_a_warning(project):
    good = "## T\n\nSay `<a:r><a:rPr b=\"1\"/><a:t>loud</a:t></a:r>`{=openxml} now\n"
    runs = body(project, good)[0].text
    assert [r.text for r in runs if r.bold] == ["loud"]
    findings = Findings()
    bad = "## T\n\nSay `<a:r><a:t>open`{=openxml} now\n\n```{=openxml}\n<p:pic/>\n```\n"
    assert " ".join(plain(body(project, bad, findings)[0].text).split()) == "Say now"
    assert sum("{=openxml} was left out" in f.message for f in findings) == 2
    assert run_with(deck_slide(project, good), "loud").find(f"{A}rPr").get("b") == "1"


# ---------------------------------------------------------------- blocks


def test_a_colon_line_after_an_empty_code_block_is_a_paragraph(project):
    """No term above it (the code block is no paragraph of text): a paragraph, as in pandoc."""
    blocks = body(project, "## T\n\n```\n```\n: caption\n")
    assert [type(b).__name__ for b in blocks] == ["CodeBlock", "Paragraph"]
    assert plain(blocks[1].text) == ": caption"


def test_definition_lists(project):
    markdown = "## T\n\nNaloxone\n:   Reverses an overdose.\n\nFentanyl\n:   An opioid.\n"
    dl = body(project, markdown)[0]
    assert isinstance(dl, DefinitionList)
    assert [(plain(i.term), [plain(d) for d in i.definitions]) for i in dl.items] == \
        [("Naloxone", ["Reverses an overdose."]), ("Fentanyl", ["An opioid."])]
    slide = deck_slide(project, markdown)
    paragraphs = [p for p in slide.placeholders[1].text_frame.paragraphs]
    assert [p.text for p in paragraphs] == ["Naloxone", "Reverses an overdose.", "Fentanyl",
                                           "An opioid."]
    assert paragraphs[0].runs[0].font.bold and int(paragraphs[1]._p.pPr.get("marL")) > 0


def test_line_blocks_keep_their_lines_and_indents(project):
    markdown = "## T\n\n| The first line\n|    indented\n| third\n  continued\n"
    text = plain(body(project, markdown)[0].text)
    assert text == "The first line\n\u00a0\u00a0\u00a0indented\nthird continued"
    frame = deck_slide(project, markdown).placeholders[1].text_frame
    assert frame.paragraphs[0]._p.findall(f"{A}br")


def test_example_lists_number_on_and_can_be_cited(project):
    markdown = "## T\n\n(@) One\n(@good) Two\n\nText.\n\n(@) Three\n\nAs (@good) shows.\n"
    blocks = body(project, markdown)
    assert [b.label(i) for b in blocks if isinstance(b, ListBlock) for i in
            range(len(b.items))] == ["(1)", "(2)", "(3)"]
    assert plain(blocks[-1].text) == "As (2) shows."
    slide = deck_slide(project, markdown)
    numbers = [p.find(f"{A}pPr/{A}buAutoNum") for p in slide._element.iter(f"{A}p")]
    # Each numbered paragraph says its number (one list (1) (2), then one starting at 3).
    assert [n.get("startAt") for n in numbers if n is not None] == [None, "2", "3"]
    assert [n.get("type") for n in numbers if n is not None] == ["arabicParenBoth"] * 3


def test_task_lists_have_ballot_boxes(project):
    markdown = "## T\n\n- [ ] Bring naloxone\n- [x] Read the guide\n"
    items = body(project, markdown)[0].items
    assert [(plain(i.text), i.checkbox) for i in items] == [("Bring naloxone", False),
                                                           ("Read the guide", True)]
    slide = deck_slide(project, markdown)
    bullets = [b.get("char") for b in slide._element.iter(f"{A}buChar")]
    assert bullets == ["\u2610", "\u2611"]
    assert "[" not in slide.placeholders[1].text_frame.text


# ---------------------------------------------------------------- maths


def equations(slide):
    return list(slide._element.iter(f"{A14}m"))


def test_formulas_are_native_equations(project):
    markdown = "## T\n\nEnergy $E = mc^2$ here.\n\n$$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$$\n"
    blocks = body(project, markdown)
    runs = [r for b in blocks for r in b.text if r.math is not None]
    assert [r.math.display for r in runs] == [False, True] and runs[0].text == "E = mc^2"
    slide = deck_slide(project, markdown)
    inline, display = equations(slide)
    assert inline.find(f"{M}oMath/{M}sSup") is not None
    assert display.find(f"{M}oMathPara/{M}oMath/{M}nary") is not None
    # PowerPoint's own form: each shape with equations inside mc:AlternateContent, whose
    # fallback (programs without equations) shows the formula as text.
    alternates = list(slide._element.iter(f"{MC}AlternateContent"))
    assert len(alternates) == 2
    fallback = alternates[0].find(f"{MC}Fallback")
    assert "E=mc^2" in "".join(t.text or "" for t in fallback.iter(f"{A}t"))
    assert any("here." in (r.findtext(f"{A}t") or "") for r in runs_of(slide))


def test_a_formula_that_cannot_be_read_is_shown_as_latex_with_a_warning(project):
    findings = Findings()
    text = body(project, "## T\n\nBroken $\\frac{1$ here and $5 and $10.\n", findings)[0].text
    assert plain(text) == "Broken $\\frac{1$ here and $5 and $10."
    assert [r for r in text if r.code][0].text == "$\\frac{1$"
    assert any(f.rule == "formula" and f.line == 3 for f in findings)


# ---------------------------------------------------------------- pauses


def test_pauses_become_clicks_for_text_lists_code_and_pictures(project):
    markdown = f"""
    ## T

    First.

    . . .

    - Then a list

    . . .

    ![Moon]({picture_file(project)})
    """
    blocks = body(project, markdown)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Pause", "ListBlock", "Pause",
                                                  "Image"]
    slide = deck_slide(project, markdown)
    timing = slide._element.find(f"{P}timing")
    clicks = timing.findall(f".//{P}par/{P}cTn[@fill='hold']/{P}stCondLst/{P}cond"
                            "[@delay='indefinite']")
    assert len(clicks) == 2
    targets = [t.get("spid") for t in timing.iter(f"{P}spTgt")]
    picture = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE][0]
    assert str(picture.shape_id) in targets  # the picture appears on the second click


def test_a_pause_inside_a_list_item(project):
    markdown = "## T\n\n- Something\n\n  . . .\n\n  Something else\n\n- Finally\n"
    item = body(project, markdown)[0].items[0]
    assert plain(item.text) == "Something" and [plain(t) for t in item.after_pauses] == \
        ["Something else"]
    slide = deck_slide(project, markdown)
    assert [p.text for p in slide.placeholders[1].text_frame.paragraphs] == \
        ["Something", "Something else", "Finally"]
    assert slide._element.find(f"{P}timing") is not None


def test_a_list_items_further_paragraphs_are_paragraphs_of_their_own(project):
    markdown = ("## T\n\n1. Call 911\n\n    Say where you are.\n\n    - Stay\n\n"
                "      Breathe for them.\n\n2. Wait\n")
    item = body(project, markdown)[0].items[0]
    assert plain(item.text) == "Call 911" and [plain(t) for t in item.continued] == \
        ["Say where you are."]
    assert [plain(t) for t in item.children[0].items[0].continued] == ["Breathe for them."]
    paras = deck_slide(project, markdown).placeholders[1].text_frame.paragraphs
    assert [p.text for p in paras] == ["Call 911", "Say where you are.", "Stay",
                                       "Breathe for them.", "Wait"]
    item_ppr, more_ppr = paras[0]._p.pPr, paras[1]._p.pPr
    # No bullet, and the whole paragraph (its first line too) at the item's text.
    assert more_ppr.find(f"{A}buNone") is not None and more_ppr.get("indent") == "0"
    assert more_ppr.get("marL") == item_ppr.get("marL")
    assert int(paras[3]._p.pPr.get("marL")) > int(more_ppr.get("marL"))


# ---------------------------------------------------------------- Quarto


def test_callouts_are_boxes_with_a_title(project):
    markdown = """
    ## T

    ::: {.callout-tip title="Carry naloxone"}
    It reverses an overdose.
    :::

    ::: callout-warning
    Never use alone.
    :::
    """
    tip, warning = body(project, markdown)
    assert isinstance(tip, Callout) and tip.kind == "tip" and plain(tip.title) == "Carry naloxone"
    assert warning.kind == "warning" and warning.title == ()
    slide = deck_slide(project, markdown)
    boxes = [s for s in slide.shapes if s.name.startswith("Callout ") and "bar" not in s.name]
    assert [b.text_frame.text for b in boxes] == ["Carry naloxone\nIt reverses an overdose.",
                                                 "Warning\nNever use alone."]


def test_cross_references_and_figure_attributes(project):
    moon = picture_file(project)
    markdown = f"""
    ## T

    As @fig-moon shows:

    ![The moon]({moon}){{#fig-moon width="50%" fig-alt="A smiling moon"}}
    """
    blocks = body(project, markdown)
    assert plain(blocks[0].text) == "As Figure 1 shows:"
    image = blocks[1]
    assert isinstance(image, Image)
    assert image.alt == "A smiling moon" and image.caption == "Figure 1: The moon"
    assert image.width == 0.5
    slide = deck_slide(project, markdown)
    picture = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE][0]
    assert picture._element.nvPicPr.cNvPr.get("descr") == "A smiling moon"
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "Figure 1: The moon" in texts
    full = project.pptx(markdown.replace('width="50%" ', ""))
    wide = [s for s in full.slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE][0]
    assert picture.width < wide.width


def test_a_figure_div_captions_its_picture_with_its_last_paragraph(project):
    moon = picture_file(project)
    markdown = f"""
    ## T

    ::: {{#fig-moon}}
    ![]({moon})

    The moon over the clinic.
    :::

    @fig-moon is numbered.
    """
    findings = Findings()
    blocks = body(project, markdown, findings)
    image = blocks[0]
    assert isinstance(image, Image) and image.caption == "Figure 1: The moon over the clinic."
    assert image.alt == "The moon over the clinic."  # a figure's caption speaks for it
    assert not any(f.rule == "image-alt" for f in findings)
    deck = project.read(markdown)
    texts = [plain(b.text) for s in deck.slides for b in s.blocks if not isinstance(b, Image)]
    assert texts == ["Figure 1 is numbered."]  # the caption paragraph is not shown twice
    slide = deck_slide(project, markdown)
    assert "Figure 1: The moon over the clinic." in [s.text_frame.text for s in slide.shapes
                                                    if s.has_text_frame]


def test_section_and_equation_references_are_kept_with_a_warning(project):
    findings = Findings()
    text = plain(body(project, "## T\n\nSee @sec-intro and @eq-dose.\n", findings)[0].text)
    assert text == "See @sec-intro and @eq-dose."
    said = [f.message for f in findings if f.rule == "cross-reference"]
    assert len(said) == 2 and "does not number sections" in said[0]
    assert "does not number equations" in said[1]


def test_an_unknown_cross_reference_stays_with_a_warning(project):
    findings = Findings()
    assert plain(body(project, "## T\n\nSee @fig-none.\n", findings)[0].text) == \
        "See @fig-none."
    assert any(f.rule == "cross-reference" for f in findings)


def test_layout_ncol_panels_and_column_widths(project):
    blocks = body(project, "## T\n\n::: {layout-ncol=2}\nLeft.\n\nRight.\n:::\n")
    assert isinstance(blocks[0], Columns)
    assert [[plain(b.text) for b in c] for c in blocks[0].columns] == [["Left."], ["Right."]]
    markdown = ("## T\n\n:::: columns\n::: {.column width=\"30%\"}\nNarrow.\n:::\n"
                "::: {.column width=\"70%\"}\nWide.\n:::\n::::\n")
    assert body(project, markdown)[0].widths == (0.3, 0.7)
    slide = deck_slide(project, markdown)
    narrow, wide = [s for s in slide.placeholders if s.placeholder_format.idx in (1, 2)]
    assert wide.width > 2 * narrow.width


def test_slide_attributes_smaller_scrollable_background_colour(project):
    markdown = ("## Big\n\nSome text.\n\n## Small {.smaller .scrollable background-color=\"#FFF4E0\"}"
                "\n\nSome text.\n")
    deck = project.read(markdown)
    big, small = deck.slides
    assert small.smaller and small.background_colour == "FFF4E0" and not big.smaller
    assert small.body_size < big.body_size
    slide = project.pptx(markdown).slides[1]
    fill = slide._element.find(f"{P}cSld/{P}bg/{P}bgPr/{A}solidFill/{A}srgbClr")
    assert fill.get("val") == "FFF4E0"
    assert ".scrollable" not in plain(small.title) and plain(small.title) == "Small"


def test_quarto_front_matter_is_accepted(project):
    markdown = """
    ---
    title: Quarto deck
    format:
      pptx:
        slide-level: 1
        incremental: true
    execute:
      echo: false
    ---

    # One

    - a
    - b
    """
    deck = project.read(markdown)
    assert deck.meta.custom == ()  # not document properties
    assert plain(deck.slides[1].title) == "One" and deck.slides[1].blocks[0].incremental


def test_the_handout_draws_the_new_constructs(project):
    from pypdf import PdfReader
    markdown = SIMPLE + "\n## M\n\n$$x^2$$\n\n::: callout-note\nNoted.\n:::\n\n- [x] Done\n"
    deck = project.read(markdown)
    pdf = PdfReader(io.BytesIO(render(deck, "handout", handout="outline")))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Table 1: Demonstration" in text and "Noted." in text and "Done" in text
    pdf = PdfReader(io.BytesIO(render(deck, "handout")))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Note" in text and "Noted." in text


@pytest.mark.parametrize("markdown", [
    "## T\n\n. . .\n",  # a pause with nothing after it
    "## T\n\n$$\n$$\n",
    "## T\n\n::: {.callout-note}\n:::\n",
    "## T\n\n+---+\n| a |\n",  # a grid table never closed
    "## T\n\n(@) \n",
])
def test_odd_input_builds(project, markdown):
    deck = project.read(markdown)
    render(deck, "pptx")
    render(deck, "handout")


def test_a_table_inside_a_callout_is_shown_after_its_box_with_a_warning(project):
    """Nothing inside a callout is left out: the box holds the text, the table follows it."""
    from deckbuild.errors import Findings
    from deckbuild.model import Callout, Table
    findings = Findings()
    markdown = ("## T\n\n::: {.callout-tip title=\"Remember\"}\nBefore.\n\n"
                "| a | b |\n|---|---|\n| zq950k | d |\n\nAfter.\n:::\n")
    blocks = body(project, markdown, findings)
    assert [type(b).__name__ for b in blocks] == ["Callout", "Table", "Callout"]
    assert plain(blocks[0].title) == "Remember" and blocks[2].title == ()
    assert [plain(b.text) for b in blocks[2].blocks] == ["After."]
    assert any("table inside a callout" in w.message for w in findings.warnings)
    slide = deck_slide(project, markdown)
    table = [s for s in slide.shapes if s.has_table][0].table
    assert table.cell(1, 0).text == "zq950k"
