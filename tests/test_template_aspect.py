"""Templates of any slide shape (4:3, 16:10, 16:9) give a whole deck inside the slide.

The fixtures are python-pptx's default template resized, as organizations' older
(4:3) and LibreOffice (16:10, 28 x 17.5 cm) templates are: the deck keeps the
template's size, every shape stays on the slide, titles sit in title placeholders,
text stays at 12 pt or more, and the slide count stays near the untemplated build's.
"""
import pytest
from pptx import Presentation

from templates import make_template
from test_template_kinds import (A, build, text_sizes, titles_in_placeholders,
                                 untemplated_count)

SHAPES = {"4:3": (10.0, 7.5), "16:10": (11.02, 6.89), "16:9": (13.333, 7.5)}


def resized(width_in, height_in):
    """python-pptx's 4:3 template made `width_in` x `height_in`, its master's and layouts'
    boxes scaled with it (as a template drawn for that size has them)."""
    def make(path):
        make_template(path, width_in=width_in, height_in=height_in, sample_slides=1)
        prs = Presentation(str(path))
        sx, sy = width_in / 10.0, height_in / 7.5
        master = prs.slide_master
        for holder in [master] + list(master.slide_layouts):
            for off in holder._element.iter(f"{A}off", f"{A}ext"):
                x, y = ("x", "y") if off.tag == f"{A}off" else ("cx", "cy")
                off.set(x, str(round(int(off.get(x)) * sx)))
                off.set(y, str(round(int(off.get(y)) * sy)))
        prs.save(str(path))
    return make


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_template_of_any_shape_gives_a_whole_deck_on_its_slides(project, shape):
    width_in, height_in = SHAPES[shape]
    fitted, prs, _ = build(project, resized(width_in, height_in))
    assert (prs.slide_width, prs.slide_height) == (int(width_in * 914400),
                                                   int(height_in * 914400))
    for number, slide in enumerate(prs.slides, 1):
        for s in slide.shapes:
            if s.width is None:
                continue  # inherits the layout's box
            assert s.left >= 0 and s.top >= 0, (shape, number, s.name)
            assert s.left + s.width <= prs.slide_width + 12700, (shape, number, s.name)
            assert s.top + s.height <= prs.slide_height + 12700, (shape, number, s.name)
    found = titles_in_placeholders(fitted, prs)
    assert found and all(found)
    assert min(text_sizes(prs)) >= 12
    assert len(fitted.slides) <= untemplated_count(project) * 1.15
