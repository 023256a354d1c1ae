"""layout/template_layouts.py: which template layout holds each of ours, in any template.

Facts are written here as `design.template` reads them, for the kinds of template
that are awkward to make with python-pptx: two masters, layouts without a type,
names in other languages.
"""
from deckbuild.design.box import Box
from deckbuild.design.template import Placeholder, Template, TemplateLayout
from deckbuild.layout.template_layouts import choose, classify

W, H = 960.0, 540.0


def ph(order, type_, box):
    return Placeholder(order, 0, 1, type_, Box(*box))


TITLE = ph(0, "title", (60, 30, 840, 80))
CENTRED = ph(0, "ctrTitle", (80, 150, 800, 180))
SUBTITLE = ph(1, "subTitle", (80, 340, 800, 80))
BODY = ph(1, "obj", (60, 130, 840, 350))
LEFT, RIGHT = ph(1, "obj", (60, 130, 410, 350)), ph(2, "obj", (490, 130, 410, 350))


def layout(name, placeholders, master=0, index=0, type_="", used_by=()):
    return TemplateLayout(name, type_, master, index, tuple(placeholders), used_by=used_by)


def test_layouts_without_a_type_are_known_by_their_placeholders():
    assert classify(layout("A", [CENTRED, SUBTITLE]), H) == "title"
    assert classify(layout("B", [TITLE, BODY]), H) == "obj"
    assert classify(layout("C", [TITLE, LEFT, RIGHT]), H) == "twoObj"
    assert classify(layout("D", [TITLE]), H) == "titleOnly"
    assert classify(layout("E", [ph(0, "title", (60, 250, 840, 120)), BODY]), H) == "secHead"
    assert classify(layout("F", []), H) == "blank"


def test_the_title_slide_and_the_rest_come_from_the_master_of_the_templates_own_title_slide():
    """Two masters: the second has layouts named in English, the first (whose layouts the
    template's own slides use) names them in Portuguese and gives them no type."""
    first = [layout("Título da Apresentação", [CENTRED, SUBTITLE], 0, 0, used_by=(1,)),
             layout("Conteúdo", [TITLE, BODY], 0, 1, type_="obj", used_by=(2, 3))]
    second = [layout("Title Slide", [CENTRED, SUBTITLE], 1, 0, type_="title"),
              layout("Section Header", [ph(0, "title", (60, 250, 840, 120)), BODY], 1, 1,
                     type_="secHead")]
    template = Template("t.pptx", W, H, tuple(first + second), main_master=0)
    assert choose(template, "Title Slide") == (first[0], False)
    assert choose(template, "Title and Content") == (first[1], False)
    # The main master has no section layout: another of its own layouts stands in
    # before the other master's design.
    found, fell_back = choose(template, "Section Header")
    assert found.master == 0 and fell_back


def test_a_translated_name_is_found_and_the_templates_first_slide_decides_between_equals():
    layouts = (layout("标题幻灯片", [CENTRED, SUBTITLE], index=0),
               layout("Other title", [CENTRED, SUBTITLE], index=1, used_by=(1,)),
               layout("Titel und Inhalt", [TITLE, BODY], index=2))
    template = Template("t.pptx", W, H, layouts)
    assert choose(template, "Title Slide")[0].name == "标题幻灯片"  # by its name, first
    assert choose(template, "Title and Content")[0].name == "Titel und Inhalt"
    untitled = Template("t.pptx", W, H, (layouts[1], layout("Plain", [CENTRED], index=3)))
    assert choose(untitled, "Title Slide")[0].name == "Other title"  # the one its slide uses


def test_a_section_header_that_falls_back_to_a_title_layout_avoids_the_title_slides_own():
    layouts = (layout("Clean title", [CENTRED, SUBTITLE], index=0, used_by=(1,)),
               layout("Filled title", [CENTRED, SUBTITLE], index=1),
               layout("Content", [TITLE, BODY], index=2, type_="obj"))
    template = Template("t.pptx", W, H, layouts)
    title = choose(template, "Title Slide")[0]
    assert choose(template, "Section Header", avoid=[title])[0].name == "Filled title"
