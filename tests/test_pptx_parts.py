"""The incremental part bookkeeping writes exactly what python-pptx's own would."""
import contextlib
import io
import zipfile

from PIL import Image as PILImage
from pptx import Presentation

import deckbuild.render.pptx as render_pptx_module
from deckbuild.build import render
from deckbuild.render.pptx.parts import PATCHED, incremental_parts

DECK = """
---
title: Parts
subtitle: Every kind of part
---

# A section

## Pictures

![Red](../assets/red.png)

::: notes
Notes with a [link](https://example.org/notes).
:::

## The same picture again

![Red again](../assets/red.png)

::: notes
More notes.
:::

## Another picture {background-image="../assets/blue.png"}

![Blue](../assets/blue.png)

## A table

| A | B |
|---|---|
| 1 | [two](https://example.org/two) |

::: notes
Table notes.
:::

## Two columns

:::::: columns
::: column
- left
:::
::: column
- right
:::
::::::

::: notes
Last notes.
:::
"""


class PythonPptxOwnWay:
    """What the renderer did before the adapter: python-pptx's public calls."""

    def add_slide(self, slides, layout):
        self.slides = slides
        return slides.add_slide(layout)

    @property
    def slide_count(self):
        return len(self.slides)

    def notes_page(self, slide):
        return slide.notes_slide, slide.notes_slide.notes_text_frame

    def placeholders(self, slide):
        return {ph.placeholder_format.idx: ph for ph in slide.placeholders}

    def placeholder_list(self, slide):
        """In the shape tree's order (the layout's), as the adapter gives them."""
        phs = {ph._element: ph for ph in slide.placeholders}
        return [(phs[sp].placeholder_format.idx, phs[sp])
                for sp in slide.shapes._spTree.iter_ph_elms()]


@contextlib.contextmanager
def without_adapter(package):
    yield PythonPptxOwnWay()


def pictures(project):
    PILImage.new("RGB", (60, 40), (200, 30, 30)).save(project.root / "assets" / "red.png")
    PILImage.new("RGB", (40, 60), (30, 30, 200)).save(project.root / "assets" / "blue.png")


def test_same_bytes_as_python_pptx_own_way(project, monkeypatch):
    pictures(project)
    deck = project.read(DECK)
    fast = render(deck, "pptx")
    monkeypatch.setattr(render_pptx_module, "incremental_parts", without_adapter)
    slow = render(deck, "pptx")
    assert fast == slow


def test_part_names_are_sequential_and_pictures_shared(project):
    pictures(project)
    data = render(project.read(DECK), "pptx")
    prs = Presentation(io.BytesIO(data))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    slides = len(prs.slides)
    assert [f"ppt/slides/slide{n}.xml" in names for n in range(1, slides + 1)] == [True] * slides
    notes = sorted(n for n in names if n.startswith("ppt/notesSlides/notesSlide")
                   and n.endswith(".xml"))
    assert len(notes) == 4
    assert notes == sorted(f"ppt/notesSlides/notesSlide{n}.xml" for n in range(1, 5))
    media = [n for n in names if n.startswith("ppt/media/image")]
    assert len(media) == 2  # red once, blue once (picture and background)
    assert [s.slide_id for s in prs.slides] == list(range(256, 256 + slides))


def test_package_methods_are_restored(project):
    pictures(project)
    prs = Presentation()
    package = prs.part.package
    with incremental_parts(package):
        assert all(name in vars(package) for name in PATCHED)
    assert not any(name in vars(package) for name in PATCHED)
