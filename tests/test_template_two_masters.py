"""A template with two masters builds on the design of its own title slide's master.

The fixture (tests/templates.two_masters) is mecanon-ufrj's kind: a second master
with Portuguese layout names and no Section Header, which the template's own
first slide uses. Every slide of the deck comes from that master: the title slide
from its title layout, content from its content layout, section slides from one of
its own layouts standing in (never the other master's Section Header).
"""
from pptx import Presentation

from deckbuild.design.template import template_at
from templates import make_template, two_masters
from test_template_kinds import build, titles_in_placeholders, untemplated_count


def test_the_fixture_has_two_masters_and_its_first_slide_on_the_second(tmp_path):
    path = two_masters(make_template(tmp_path / "t.pptx", sample_slides=1))
    prs = Presentation(str(path))
    assert len(prs.slide_masters) == 2
    assert prs.slides[0].slide_layout.slide_master == prs.slide_masters[1]
    assert template_at(str(path)).main_master == 1


def test_every_slide_comes_from_the_master_of_the_templates_title_slide(project):
    fitted, prs, findings = build(project, two_masters)
    second = prs.slide_masters[1]
    names = [slide.slide_layout.name for slide in prs.slides]
    assert all(slide.slide_layout.slide_master == second for slide in prs.slides), names
    assert names[0] == "Título da Apresentação"
    assert "Conteúdo" in names
    assert "Section Header" not in names  # the first master's: another design
    found = titles_in_placeholders(fitted, prs)
    assert found and all(found)
    assert len(fitted.slides) == untemplated_count(project)
