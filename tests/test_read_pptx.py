"""The PowerPoint reader: decks made with python-pptx the ways other tools make them.

Each test builds a small deck (placeholders and loose text boxes, groups,
inherited and explicit bullets, pictures in placeholders and not), imports it
with `deckbuild import` and checks the Markdown a trainer gets.
"""
from __future__ import annotations

import io
import textwrap

import pytest
from lxml import etree
from PIL import Image as PILImage
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from deckbuild.importing import import_deck

TITLE, CONTENT, SECTION, TWO, COMPARISON, TITLE_ONLY, BLANK = 0, 1, 2, 3, 4, 5, 6
PICTURE_WITH_CAPTION = 8


def imported(project, prs, **options) -> str:
    """Save `prs`, import it into the project and give the Markdown written."""
    path = project.root / "deck.pptx"
    prs.save(str(path))
    result = import_deck(path, project.source / "deck.md", **options)
    return result.markdown.read_text(encoding="utf-8")


def body(markdown: str) -> str:
    """The Markdown after the front matter."""
    return markdown.split("\n---\n", 1)[1].strip()


def picture(colour="red", size=(40, 30)) -> io.BytesIO:
    data = io.BytesIO()
    PILImage.new("RGB", size, colour).save(data, "PNG")
    data.seek(0)
    return data


def ppr(paragraph):
    return paragraph._p.get_or_add_pPr()


def bullet_char(paragraph, char="\u2022"):
    etree.SubElement(ppr(paragraph), qn("a:buChar")).set("char", char)


def no_bullet(paragraph):
    etree.SubElement(ppr(paragraph), qn("a:buNone"))


def slide_with(prs, layout=CONTENT, title="Slide"):
    slide = prs.slides.add_slide(prs.slide_layouts[layout])
    if title is not None and slide.shapes.title is not None:
        slide.shapes.title.text = title
    return slide


def fill(frame, lines):
    """Paragraphs from (level, text) pairs, or plain strings at level 0."""
    for index, line in enumerate(lines):
        level, text = line if isinstance(line, tuple) else (0, line)
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = text
        paragraph.level = level
    return frame.paragraphs


def test_bullets_inherited_from_the_master_keep_their_levels(project):
    prs = Presentation()
    slide = slide_with(prs, title="Enabling")
    fill(slide.placeholders[1].text_frame,
         ["Enabling People To:", (1, "Feel accepted"), (1, "Stay Alive"), "Back out"])
    assert body(imported(project, prs)) == textwrap.dedent("""\
        ## Enabling

        - Enabling People To:
          - Feel accepted
          - Stay Alive
        - Back out""")


def test_a_placeholder_paragraph_without_a_bullet_is_a_paragraph(project):
    prs = Presentation()
    slide = slide_with(prs, title="Why")
    paras = fill(slide.placeholders[1].text_frame, ["It didn't begin with drugs.", "1983",
                                                     "1988"])
    no_bullet(paras[0])
    assert body(imported(project, prs)) == textwrap.dedent("""\
        ## Why

        It didn\\'t begin with drugs.

        - 1983
        - 1988""")


def test_paragraphs_at_an_items_text_without_a_bullet_go_on_the_item(project):
    # As pandoc writes an item's further paragraph: one level deeper, no bullet, its
    # margin where the item's text is (the master's level 1 text at 342900 EMU).
    prs = Presentation()
    slide = slide_with(prs, title="Overdose")
    paras = fill(slide.placeholders[1].text_frame,
                 ["Call 911", (1, "Say where you are."), "Stay", (1, "Check breathing"),
                  (2, "Every minute."), (0, "After the list")])
    for index, margin in ((1, 342900), (4, 685800), (5, 0)):
        no_bullet(paras[index])
        ppr(paras[index]).set("marL", str(margin))
        ppr(paras[index]).set("indent", "0")
    assert body(imported(project, prs)) == textwrap.dedent("""\
        ## Overdose

        - Call 911

          Say where you are.

        - Stay
          - Check breathing

            Every minute.

        After the list""")


def test_an_indented_paragraph_after_an_indents_only_list(project):
    # As deckbuild writes lists: levels only by indents, an item's paragraph at its text.
    prs = Presentation()
    slide = slide_with(prs, layout=BLANK, title=None)
    frame = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(3)).text_frame
    paras = fill(frame, ["Carry naloxone", "Keep it warm", "Not in the car", "Ask for it"])
    for para, (margin, indent, bullet) in zip(paras, ((279400, -279400, True),
                                                     (660400, -279400, True),
                                                     (660400, 0, False),
                                                     (279400, -279400, True))):
        ppr(para).set("marL", str(margin))
        ppr(para).set("indent", str(indent))
        bullet_char(para) if bullet else no_bullet(para)
    assert body(imported(project, prs)).endswith(textwrap.dedent("""\
        - Carry naloxone
          - Keep it warm

            Not in the car

        - Ask for it"""))


def test_loose_text_boxes_read_top_to_bottom_with_explicit_bullets(project):
    prs = Presentation()
    slide = slide_with(prs, BLANK)
    lower = slide.shapes.add_textbox(Inches(1), Inches(4), Inches(6), Inches(1)).text_frame
    for text in ("first point", "second point"):
        paragraph = lower.paragraphs[0] if text == "first point" else lower.add_paragraph()
        paragraph.text = text
        bullet_char(paragraph)
    right = slide.shapes.add_textbox(Inches(5), Inches(1), Inches(3), Inches(1)).text_frame
    right.text = "Top right"
    left = slide.shapes.add_textbox(Inches(1), Inches(1.05), Inches(3), Inches(1)).text_frame
    left.text = "Top left"
    # The bullets span both halves: no columns; the boxes on top read as one row.
    assert body(imported(project, prs)) == \
        "---\n\nTop left\n\nTop right\n\n- first point\n- second point"


def test_text_boxes_side_by_side_are_columns(project):
    prs = Presentation()
    slide = slide_with(prs, TITLE_ONLY, "Compare")
    for left, text in ((5, "After"), (1, "Before")):
        slide.shapes.add_textbox(Inches(left), Inches(2), Inches(3.5), Inches(2)).text_frame \
            .text = text
    assert body(imported(project, prs)) == textwrap.dedent("""\
        ## Compare

        :::: columns
        ::: column
        Before
        :::

        ::: column
        After
        :::
        ::::""")


def test_text_boxes_in_a_column_are_read_in_order_not_as_stacked(project):
    prs = Presentation()
    slide = slide_with(prs, TITLE_ONLY, "Steps")
    for top, text in ((3, "third"), (1, "first"), (2, "second")):
        slide.shapes.add_textbox(Inches(1), Inches(top), Inches(8), Inches(0.8)).text_frame \
            .text = text
    assert body(imported(project, prs)) == "## Steps\n\nfirst\n\nsecond\n\nthird"


def test_groups_are_read_where_they_stand_and_inside_in_reading_order(project):
    prs = Presentation()
    slide = slide_with(prs, TITLE_ONLY, "Groups")
    slide.shapes.add_textbox(Inches(1), Inches(5), Inches(8), Inches(0.8)).text_frame.text = \
        "after the group"
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(3), Inches(8), Inches(0.5)).text_frame.text = \
        "group, second"
    inner = group.shapes.add_group_shape()
    inner.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(0.5)).text_frame.text = \
        "group, first"
    slide.shapes.add_textbox(Inches(1), Inches(1.2), Inches(8), Inches(0.5)).text_frame.text = \
        "before the group"
    assert body(imported(project, prs)) == ("## Groups\n\nbefore the group\n\ngroup, first\n\n"
                                            "group, second\n\nafter the group")


def test_numbered_lists_keep_their_style_and_start(project):
    prs = Presentation()
    slide = slide_with(prs, title="Steps")
    paras = fill(slide.placeholders[1].text_frame, ["Call", "Wait", "Stay"])
    for index, paragraph in enumerate(paras):
        number = etree.SubElement(ppr(paragraph), qn("a:buAutoNum"))
        number.set("type", "alphaLcParenR")
        if index == 0:
            number.set("startAt", "3")
    assert body(imported(project, prs)) == "## Steps\n\nc) Call\nd) Wait\ne) Stay"


def test_nested_numbers_continue_after_their_sub_items(project):
    prs = Presentation()
    slide = slide_with(prs, title="Lists")
    paras = fill(slide.placeholders[1].text_frame,
                 ["Tomatoes", "Potatoes", (1, "sweet"), (1, "russet"), "Tornadoes"])
    for paragraph in paras:
        kind = "alphaLcPeriod" if paragraph.level else "arabicPeriod"
        etree.SubElement(ppr(paragraph), qn("a:buAutoNum")).set("type", kind)
    assert body(imported(project, prs)) == textwrap.dedent("""\
        ## Lists

        1. Tomatoes
        2. Potatoes
            a. sweet
            b. russet
        3. Tornadoes""")


def test_formatting_links_and_code_are_kept(project):
    prs = Presentation()
    slide = slide_with(prs, title="Format")
    paragraph = slide.placeholders[1].text_frame.paragraphs[0]
    no_bullet(paragraph)
    pieces = [("Read ", {}), ("this", {"bold": True}), (" and ", {}), ("that", {"italic": True}),
              (", run ", {}), ("naloxone --help", {"font": "Courier New"}), (", see ", {}),
              ("the site", {"link": "https://example.org/a b"}), (", ", {}),
              ("gone", {"strike": True}), (", ", {}), ("under", {"underline": True}),
              (", H", {}), ("2", {"sub": True}), ("O.", {})]
    for text, style in pieces:
        run = paragraph.add_run()
        run.text = text
        run.font.bold = style.get("bold")
        run.font.italic = style.get("italic")
        if style.get("underline"):
            run.font.underline = True
        if "font" in style:
            run.font.name = style["font"]
        if "link" in style:
            run.hyperlink.address = style["link"]
        if style.get("strike"):
            run._r.get_or_add_rPr().set("strike", "sngStrike")
        if style.get("sub"):
            run._r.get_or_add_rPr().set("baseline", "-25000")
    assert body(imported(project, prs)) == (
        "## Format\n\nRead **this** and *that*, run `naloxone --help`, see"
        " [the site](https://example.org/a%20b), ~~gone~~, [under]{.underline}, H~2~O.")


def test_text_that_looks_like_markdown_is_escaped_only_where_needed(project):
    prs = Presentation()
    slide = slide_with(prs, title="Signs # and *stars*")
    paras = fill(slide.placeholders[1].text_frame,
                 ["1986. A year", "- not a bullet", "# not a heading", "5'11\" -- tall...",
                  "a_b snake_case and _under_", "{{ not.a.name }} and <b>tag</b> &amp;",
                  "https://example.org stays a link"])
    for paragraph in paras:
        no_bullet(paragraph)
    assert body(imported(project, prs)) == textwrap.dedent("""\
        ## Signs # and \\*stars\\*

        1986\\. A year

        \\- not a bullet

        \\# not a heading

        5\\'11\\" \\-- tall\\.\\..

        a_b snake_case and \\_under\\_

        \\{\\{ not.a.name }} and &lt;b>tag&lt;/b> &amp;amp;

        https://example.org stays a link""")


def test_title_slide_and_document_properties_make_the_front_matter(project):
    prs = Presentation()
    prs.core_properties.author = "Alex Rivera; Sam Lee"
    prs.core_properties.language = "es-MX"
    slide = slide_with(prs, TITLE, "Reducción de daños")
    fill(slide.placeholders[1].text_frame, ["Cada puerta", "Alex Rivera", "Sam Lee",
                                            "Harm Reduction Training", "2026-11"])
    slide.notes_slide.notes_text_frame.text = "Welcome everyone."
    slide_with(prs, title="Next")
    markdown = imported(project, prs)
    assert markdown.startswith(textwrap.dedent("""\
        ---
        title: Reducción de daños
        subtitle: Cada puerta
        author:
          - Alex Rivera
          - Sam Lee
        organization: Harm Reduction Training
        date: "2026-11"
        lang: es-MX
        ---

        ::: notes
        Welcome everyone.
        :::

        ## Next"""))


def test_section_header_slides_and_powerpoint_sections_make_sections(project):
    prs = Presentation()
    slide_with(prs, SECTION, "History")
    slide_with(prs, title="A Brief History").placeholders[1].text_frame.text = "1983"
    slide_with(prs, title="Tools").placeholders[1].text_frame.text = "Naloxone"
    p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
    ids = [entry.get("id") for entry in prs.slides._sldIdLst]
    ext_list = etree.SubElement(prs.part._element, qn("p:extLst"))
    ext = etree.SubElement(ext_list, qn("p:ext"), uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}")
    sections = etree.SubElement(ext, f"{{{p14}}}sectionLst")
    for name, members in (("Default Section", ids[:2]), ("Practice", ids[2:])):
        section = etree.SubElement(sections, f"{{{p14}}}section", name=name)
        listed = etree.SubElement(section, f"{{{p14}}}sldIdLst")
        for member in members:
            etree.SubElement(listed, f"{{{p14}}}sldId", id=member)
    path = project.root / "deck.pptx"
    prs.save(str(path))
    result = import_deck(path, project.source / "deck.md")
    assert body(result.markdown.read_text()) == textwrap.dedent("""\
        # History

        ## A Brief History

        - 1983

        # Practice

        ## Tools

        - Naloxone""")
    assert "slide 3: PowerPoint's section 'Practice' starts here" in result.lost[0]


def test_two_content_slides_become_columns(project):
    prs = Presentation()
    slide = slide_with(prs, TWO, "Before and after")
    slide.placeholders[1].text_frame.text = "Before"
    slide.placeholders[2].text_frame.text = "After"
    assert body(imported(project, prs)) == textwrap.dedent("""\
        ## Before and after

        :::: columns
        ::: column
        - Before
        :::

        ::: column
        - After
        :::
        ::::""")


def test_pictures_in_placeholders_and_not_become_files_with_their_alt_text(project):
    prs = Presentation()
    slide = slide_with(prs, PICTURE_WITH_CAPTION, "Outreach")
    placed = slide.placeholders[1].insert_picture(picture("red"))
    placed._element.nvPicPr.cNvPr.set("descr", "Two outreach workers")
    loose = slide_with(prs, BLANK)
    shape = loose.shapes.add_picture(picture("blue"), Inches(1), Inches(1))
    shape._element.nvPicPr.cNvPr.set("descr", "A harbour at dawn")
    again = slide_with(prs, BLANK)
    again.shapes.add_picture(picture("red"), Inches(1), Inches(1))  # the same picture
    markdown = body(imported(project, prs))
    assert "## Outreach\n\n![Two outreach workers](../assets/deck/slide-01-outreach.png)" \
        in markdown
    assert "---\n\n![A harbour at dawn](../assets/deck/slide-02.png)" in markdown
    assert markdown.endswith("---\n\n![](../assets/deck/slide-01-outreach.png)")
    assert sorted(p.name for p in (project.root / "assets" / "deck").iterdir()) == \
        ["slide-01-outreach.png", "slide-02.png"]


def test_tables_become_pipe_tables_with_their_header_and_alignment(project):
    prs = Presentation()
    slide = slide_with(prs, TITLE_ONLY, "Hours")
    table = slide.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r, row in enumerate((("Service", "Hours"), ("Walk-in", "9 - 5"), ("Line | text",
                                                                          "24/7"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
            if c == 1:
                ppr(table.cell(r, c).text_frame.paragraphs[0]).set("algn", "r")
    table.cell(2, 1).text_frame.add_paragraph().text = "every day"
    assert body(imported(project, prs)) == textwrap.dedent("""\
        ## Hours

        | Service | Hours |
        |---|---:|
        | Walk-in | 9 - 5 |
        | Line \\| text | 24/7<br>every day |""")


def caption_below(slide, shape, text):
    box = slide.shapes.add_textbox(shape.left, shape.top + shape.height + Inches(0.1),
                                   shape.width, Inches(0.4))
    box.text_frame.text = text
    box.text_frame.paragraphs[0].alignment = 2  # centred, as captions are
    return box


def test_a_caption_under_a_picture_is_its_caption_and_its_description_its_alt(project):
    prs = Presentation()
    slide = slide_with(prs, TITLE_ONLY, "Outreach")
    shape = slide.shapes.add_picture(picture("red"), Inches(2), Inches(2), Inches(4))
    shape._element.nvPicPr.cNvPr.set("descr", "Two workers hand out kits")
    caption_below(slide, shape, "Outreach in New Haven, 2023")
    pandoc = slide_with(prs, TITLE_ONLY, "Moon")  # pandoc: descr is the file's name
    shape = pandoc.shapes.add_picture(picture("blue"), Inches(2), Inches(2), Inches(4))
    shape._element.nvPicPr.cNvPr.set("descr", "lalune.jpg")
    caption_below(pandoc, shape, "The moon")
    markdown = body(imported(project, prs))
    assert "![Outreach in New Haven, 2023](../assets/deck/slide-01-outreach.png)" \
        '{fig-alt="Two workers hand out kits"}' in markdown
    assert markdown.endswith("## Moon\n\n![The moon](../assets/deck/slide-02-moon.png)")


def test_a_tables_own_column_widths_make_a_grid_table(project):
    prs = Presentation()
    slide = slide_with(prs, TITLE_ONLY, "Hours")
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(8), Inches(1)).table
    table.columns[0].width, table.columns[1].width = Inches(2), Inches(6)
    for r, row in enumerate((("Service", "Hours"), ("Walk-in", "9 - 5, *not* Sundays"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    lines = body(imported(project, prs)).split("\n")[2:]
    assert lines[0] == "+" + "-" * 24 + "+" + "-" * 74 + "+"
    assert lines[1] == "| Service".ljust(25) + "| Hours".ljust(75) + "|"
    assert lines[2] == "+" + "=" * 24 + "+" + "=" * 74 + "+"
    assert lines[3].startswith("| Walk-in ") and "| 9 - 5, \\*not\\* Sundays " in lines[3]


def test_speaker_notes_and_a_quote_slide(project):
    prs = Presentation()
    slide = slide_with(prs, title="Unconditional Positive Regard")
    paras = fill(slide.placeholders[1].text_frame,
                 ["\u201cWell, I think you\u2019re wonderful.\u201d", "\u2014 Mister Rogers"])
    for paragraph in paras:
        no_bullet(paragraph)
    frame = slide.notes_slide.notes_text_frame
    fill(frame, ["Let the room answer.", "", "Then move on."])
    assert body(imported(project, prs)) == textwrap.dedent("""\
        ## Unconditional Positive Regard

        > \u201cWell, I think you\u2019re wonderful.\u201d
        > \u2014 Mister Rogers

        ::: notes
        Let the room answer.

        Then move on.
        :::""")


def test_a_chart_is_listed_and_marked_with_a_comment(project):
    prs = Presentation()
    slide = slide_with(prs, TITLE_ONLY, "Results")
    data = CategoryChartData()
    data.categories = ["2023", "2024"]
    data.add_series("Visits", (12, 30))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2),
                                   Inches(6), Inches(4), data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "Visits per year"
    path = project.root / "deck.pptx"
    prs.save(str(path))
    result = import_deck(path, project.source / "deck.md")
    assert result.lost == ("slide 1: a chart (Visits per year): deckbuild cannot show it; a"
                           " comment marks its place",)
    assert body(result.markdown.read_text()) == \
        "## Results\n\n<!-- slide 1: a chart (Visits per year) was here -->"


def test_a_background_picture_and_a_blank_slide(project):
    prs = Presentation()
    slide = slide_with(prs, BLANK)
    image_part, rid = slide.part.get_or_add_image_part(picture("green", (64, 36)))
    bg = etree.SubElement(slide._element.find(qn("p:cSld")), qn("p:bg"))
    slide._element.find(qn("p:cSld")).insert(0, bg)
    fill_element = etree.SubElement(etree.SubElement(bg, qn("p:bgPr")), qn("a:blipFill"))
    etree.SubElement(fill_element, qn("a:blip")).set(qn("r:embed"), rid)
    etree.SubElement(bg.find(qn("p:bgPr")), qn("a:effectLst"))
    slide_with(prs, BLANK)
    assert body(imported(project, prs)) == \
        '## {background-image="../assets/deck/slide-01-background.png"}\n\n##'


def test_a_deck_of_text_boxes_takes_its_titles_from_the_line_that_stands_out(project):
    prs = Presentation()
    slide = slide_with(prs, BLANK)  # python-pptx's Blank layout has no title placeholder
    title = slide.shapes.add_textbox(Inches(1), Inches(0.4), Inches(8), Inches(0.8)).text_frame
    title.text = "Our services"
    title.paragraphs[0].runs[0].font.size = Pt(36)
    body_box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(3)).text_frame
    body_box.text = "Walk-in, every day"
    body_box.paragraphs[0].runs[0].font.size = Pt(20)
    assert body(imported(project, prs)) == "## Our services\n\nWalk-in, every day"


def test_a_title_slide_in_a_layout_without_a_type_is_still_the_title_slide(project):
    prs = Presentation()
    layout = prs.slide_layouts[TITLE]
    layout._element.attrib.pop("type", None)  # as in templates with custom layouts
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = "On the nonlinear behaviour"
    slide.placeholders[1].text_frame.text = "A subtitle"
    assert imported(project, prs).startswith(
        "---\ntitle: On the nonlinear behaviour\nsubtitle: A subtitle\n")


def test_runs_are_joined_only_when_every_formatting_field_agrees():
    """Runs that differ in any formatting (small caps, highlight...) stay apart."""
    from deckbuild.model import Run
    from deckbuild.read.pptx.text import merge_runs

    plain, caps = Run("Harm "), Run("reduction", small_caps=True)
    assert merge_runs([plain, caps]) == (plain, caps)
    marked = Run("works", highlight=True)
    assert merge_runs([marked, Run(" well", highlight=True)]) == (
        Run("works well", highlight=True),)
