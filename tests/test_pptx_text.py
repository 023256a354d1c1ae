"""The deck carries the sizes, spacing and line breaks the fitting step measured."""
from pptx.oxml.ns import qn
from reportlab.pdfbase.pdfmetrics import stringWidth

from deckbuild.layout.geometry import DEFAULT_GEOMETRY
from deckbuild.layout.linebreak import SOFT_BREAK, WORD_JOINER
from deckbuild.layout.measure import LINE
from deckbuild.layout.paragraphs import HANGING, INDENT, NUMBER_BASIS, NUMBER_GAP
from deckbuild.layout.plan import plan_slide
from deckbuild.layout.table import table_row_height


def body_shape(slide):
    return [s for s in slide.shapes if s.is_placeholder and s.placeholder_format.idx == 1][0]


def test_runs_carry_the_fitted_size_and_exact_line_spacing(project):
    markdown = "## Sizes\n\n" + "\n".join(f"- point {n} " + "words " * 30 for n in range(5))
    deck = project.read(markdown)
    size = deck.slides[0].body_size
    assert size < 24  # this much text had to get smaller
    body = body_shape(project.pptx(markdown).slides[0])
    body_pr = body.text_frame._txBody.bodyPr
    assert [body_pr.get(a) for a in ("lIns", "tIns", "rIns", "bIns")] == ["0"] * 4
    assert body_pr.find(qn("a:normAutofit")) is not None
    for p in body.text_frame.paragraphs:
        assert {r.font.size.pt for r in p.runs} == {size}
        spacing = p._p.pPr.find(qn("a:lnSpc")).find(qn("a:spcPts"))
        assert int(spacing.get("val")) == round(size * LINE * 100)


def test_a_long_address_is_written_with_break_opportunities_as_one_run(project):
    url = "https://www.example.org/" + "/".join(["sectionname"] * 30)
    prs = project.pptx(f"## Where\n\n- Visit <{url}> today\n")
    runs = body_shape(prs.slides[0]).text_frame.paragraphs[0].runs
    linked = [r for r in runs if r.hyperlink.address]
    assert {r.hyperlink.address for r in linked} == {url}
    assert len(linked) == 1  # one run: a screen reader announces one link
    text = "".join(r.text for r in runs)
    assert SOFT_BREAK in text
    assert WORD_JOINER not in text
    assert text.replace(SOFT_BREAK, "") == f"Visit {url} today"


def test_list_indents_are_the_measured_ones(project):
    # Worked out by hand: a list's numbers hang by its widest one ("11.") at 24 pt, plus
    # 8 pt, in whole points: Helvetica's digits are 0.556 em and its period 0.278 em, so
    # (2 * 0.556 + 0.278) * 24 + 8 = 41.36 -> 42 pt. A bullet one level down: 30 + 22 pt.
    assert (NUMBER_BASIS, NUMBER_GAP, INDENT, HANGING) == (24.0, 8.0, 30.0, 22.0)
    assert round(stringWidth("11.", "Helvetica", 1000), 6) == 2 * 556 + 278
    markdown = "## Steps\n\n" + "\n".join(f"{n}. step {n}" for n in range(1, 12)) + \
        "\n    - a detail\n"
    number, bullet = (42 * 12700, -42 * 12700), ((30 + 22) * 12700, -22 * 12700)
    body = body_shape(project.pptx(markdown).slides[0])
    assert [(p.text, int(p._p.pPr.get("marL")), int(p._p.pPr.get("indent")))
            for p in body.text_frame.paragraphs] == \
        [(f"step {n}", *number) for n in range(1, 12)] + [("a detail", *bullet)]


def test_table_rows_are_as_tall_as_planned(project):
    markdown = ("## Table\n\n| Service | Notes |\n|---|---|\n"
                "| Helpline | Open every day of the week, including holidays and nights |\n"
                "| Clinic | Weekdays |\n")
    deck = project.read(markdown)
    visual = plan_slide(deck.slides[0], DEFAULT_GEOMETRY).visuals[0]
    table = [s for s in project.pptx(markdown).slides[0].shapes if s.has_table][0].table
    rows = [visual.block.header] + list(visual.block.rows)
    heights = [row.height / 12700 for row in table.rows]
    expected = [table_row_height(r, visual.box.w / 2, visual.size) for r in rows]
    assert heights == [round(h * 12700) / 12700 for h in expected]
    assert heights[1] > heights[2]  # the long note wraps


def test_a_title_slide_sets_subtitle_and_byline_at_the_planned_sizes(project):
    markdown = "---\ntitle: Deck\nsubtitle: A subtitle\nauthor: Sam\n---\n\n## Next\n\ntext\n"
    deck = project.read(markdown)
    plan = plan_slide(deck.slides[0], DEFAULT_GEOMETRY)
    [area] = plan.areas
    sizes = [area.size * p.scale for p in area.paras]
    body = body_shape(project.pptx(markdown).slides[0])
    assert [p.runs[0].font.size.pt for p in body.text_frame.paragraphs] == \
        [round(s * 100) / 100 for s in sizes]
