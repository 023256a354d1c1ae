"""`deckbuild import` end to end: round trips, regions, templates, bad input, same bytes."""
from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib

import pytest
from click.testing import CliRunner
from PIL import Image as PILImage
from pptx import Presentation
from pptx.util import Inches

from deckbuild.build import load, render
from deckbuild.cli import main
from deckbuild.errors import DeckError, Findings
from deckbuild.importing import import_deck

SEED_LIKE = """\
---
title: Harm Reduction
subtitle: Making every door the "right door"
author: Alex Rivera
date: "2026-11"
---

# History

## A Brief History

It didn't begin with drugs -- or with *anyone's* **plan**.

- 1983
  - pamphlets
- 1988

::: notes
Ask the room first.

Then fill in.
:::

## Steps

3. Call
4. Wait

## Unconditional Positive Regard

> Well, I think you're wonderful.
> — Mister Rogers

## Hours

| Service | Hours |
|:--|--:|
| Walk-in | 9 - 5 |

: When to reach us

## Two sides

:::: columns
::: column
Before
:::
::: column
After
:::
::::

## Code

```
naloxone --dose 4mg
```

---

An untitled slide with [a link](https://example.org/page).
"""


def build_pptx(project, markdown, name="talk", region=None):
    source = project.deck(markdown, name)
    deck = load(source, region, Findings())
    path = project.root / f"{name}.pptx"
    path.write_bytes(render(deck, "pptx"))
    return path


def structure(path):
    """Titles, texts and notes as a reader sees them (the compat suite's describe, in short)."""
    prs = Presentation(str(path))
    slides = []
    for slide in prs.slides:
        texts = []
        for shape in slide.shapes:
            if shape.is_placeholder and shape.placeholder_format.type in (13, 15, 16):
                continue
            if b"decorative" in __import__("lxml.etree").etree.tostring(shape._element):
                continue
            if shape.has_text_frame:
                texts.append(" ".join(shape.text_frame.text.split()))
            if getattr(shape, "has_table", False) and shape.has_table:
                texts.extend(c.text for r in shape.table.rows for c in r.cells)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append((" ".join(texts), " ".join(notes.split()),
                       sum(s.shape_type == 13 for s in slide.shapes)))
    return slides


def test_build_import_build_gives_the_same_deck_and_the_same_markdown(project):
    first = build_pptx(project, SEED_LIKE)
    one = import_deck(first, project.source / "one.md")
    text = one.markdown.read_text(encoding="utf-8")
    assert "It didn\u2019t begin with drugs \u2013 or with *anyone\u2019s* **plan**." in text
    assert "3. Call\n4. Wait" in text and "> \u2014 Mister Rogers" in text
    assert "| Service | Hours |\n|---|---:|" in text and ": When to reach us" in text
    second = build_pptx(project, text, "one-built")
    assert structure(second) == structure(first)
    two = import_deck(second, project.source / "two.md")
    assert two.markdown.read_text(encoding="utf-8") == text


LIST_PARAGRAPHS = """\
## Overdose

1. Call 911

    Say where you are.

    - Stay

      Breathe for them.

2. Wait
"""


def test_a_list_items_own_paragraphs_come_back_as_they_were_written(project):
    first = build_pptx(project, "---\ntitle: T\n---\n\n" + LIST_PARAGRAPHS)
    one = import_deck(first, project.source / "one.md")
    text = one.markdown.read_text(encoding="utf-8")
    assert LIST_PARAGRAPHS in text
    second = build_pptx(project, text, "one-built")
    assert structure(second) == structure(first)


def test_captions_alt_texts_widths_and_column_widths_come_back(project):
    moon = project.root / "moon.png"
    PILImage.new("RGB", (80, 60), "grey").save(moon)
    markdown = (f"---\ntitle: T\n---\n\n## Moon\n\n![The moon, 1969]({moon})"
                '{fig-alt="A grey disc"}\n\n## Hours\n\n'
                "+----------+------------------------------+\n"
                "| Service  | Hours                        |\n"
                "+==========+==============================+\n"
                "| Walk-in  | 9 - 5                        |\n"
                "+----------+------------------------------+\n")
    first = build_pptx(project, markdown)
    text = import_deck(first, project.source / "one.md").markdown.read_text(encoding="utf-8")
    assert '![The moon, 1969](../assets/one/slide-02-moon.png){fig-alt="A grey disc"}' in text
    # 11 and 31 characters between the borders: 26% and 74%, as whole percents
    assert "\n+" + "-" * 25 + "+" + "-" * 73 + "+\n| Service " in text
    second = build_pptx(project, text, "one-built")
    assert structure(second) == structure(first)
    widths = [[c.width for c in shape.table.columns] for deck in (first, second)
              for shape in Presentation(str(deck)).slides[2].shapes if shape.has_table]
    assert len(widths) == 2 and widths[0][1] / widths[0][0] == pytest.approx(31 / 11, rel=0.01)
    assert widths[1][1] / widths[1][0] == pytest.approx(74 / 26, rel=0.01)
    two = import_deck(second, project.source / "two.md").markdown.read_text(encoding="utf-8")
    assert two == text.replace("assets/one/", "assets/two/")


def test_the_writer_gives_a_pictures_width_as_pandoc_does():
    from deckbuild.model import Image
    from deckbuild.write.markdown import MarkdownWriter
    writer = MarkdownWriter(lambda path: path)
    assert writer.block(Image("a.png", "A map", width=0.4)) == '![A map](a.png){width="40%"}'
    assert writer.block(Image("a.png", "A map", caption='The "old" map')) == \
        "![The \"old\" map](a.png){fig-alt=\"A map\"}"


def test_an_existing_file_is_kept_without_force(project):
    deck = build_pptx(project, SEED_LIKE)
    target = project.source / "talk.md"
    with pytest.raises(DeckError, match="already exists; nothing was written"):
        import_deck(deck, target)  # the Markdown the deck was built from is there
    assert target.read_text().startswith("---\ntitle: Harm Reduction")
    import_deck(deck, target, force=True)
    assert "title: Harm Reduction" in target.read_text()


def test_the_same_deck_gives_the_same_bytes(project):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Pictures"
    data = io.BytesIO()
    PILImage.new("RGB", (30, 20), "teal").save(data, "PNG")
    slide.shapes.add_picture(data, Inches(1), Inches(2))
    path = project.root / "deck.pptx"
    prs.save(str(path))
    outputs = []
    for attempt in range(2):
        result = import_deck(path, project.source / "deck.md", region="here", template=True,
                             force=True)
        outputs.append({p: p.read_bytes() for p in result.written})
    assert outputs[0] == outputs[1]
    assert any(p.name == "template.pptx" for p in outputs[0])


def test_resource_slides_become_a_draft_region(project):
    project.region()
    deck = build_pptx(project, "---\ntitle: T\nregion: testland\n---\n\n## Hello\n\nHi\n\n"
                      "# Resources\n\n::: resources\n:::\n")
    result = import_deck(deck, project.source / "imported.md", region="imported")
    region = result.region.read_text()
    assert "# Check every" in region.replace("\n#", " #") or "Check every" in region
    assert '      - name: Testland Helpline   # check\n' in region
    assert '        url: "https://help.testland.example.org/line"' in region
    assert '        phone: "555-0101"\n        hours: "24/7"\n' in region
    assert '        description: "Someone to talk to."' in region
    markdown = result.markdown.read_text()
    assert "region: imported" in markdown and "::: resources\n:::" in markdown
    assert result.resources == 3
    # It builds, with the same resource slides as the deck it came from.
    rebuilt = project.root / "rebuilt.pptx"
    rebuilt.write_bytes(render(load(result.markdown, None, Findings()), "pptx"))
    assert structure(rebuilt) == structure(deck)


def test_a_template_keeps_the_decks_design_without_its_slides(project):
    deck = build_pptx(project, SEED_LIKE)
    result = import_deck(deck, project.source / "mine.md", region="ours", template=True)
    template = Presentation(str(result.template))
    assert len(template.slides) == 0
    assert len(template.slide_layouts) == len(Presentation(str(deck)).slide_layouts)
    assert "template: assets/mine/template.pptx" in result.region.read_text()
    rebuilt = project.root / "rebuilt.pptx"
    rebuilt.write_bytes(render(load(result.markdown, None, Findings()), "pptx"))
    assert structure(rebuilt) == structure(deck)


# -- bad input: one message each, nothing written


def _refused(project, path, words):
    with pytest.raises(DeckError) as caught:
        import_deck(path, project.source / "bad.md")
    assert words in str(caught.value)
    assert not (project.source / "bad.md").exists()
    assert not (project.root / "assets" / "bad").exists()
    return str(caught.value)


def test_a_file_that_is_not_a_pptx(project):
    path = project.root / "notes.pptx"
    path.write_text("just text")
    _refused(project, path, "not a PowerPoint presentation")


def test_an_old_ppt_and_a_password_protected_deck(project):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    path = project.root / "old.pptx"
    path.write_bytes(ole)
    _refused(project, path, "old PowerPoint file (.ppt)")
    path.write_bytes(ole + "EncryptedPackage".encode("utf-16-le"))
    _refused(project, path, "protected with a password")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_without_reading_it(project):
    """Opening a FIFO would wait for a writer forever: it is refused by its kind."""
    path = project.root / "pipe.pptx"
    os.mkfifo(path)
    _refused(project, path, "not a file (a folder, device or pipe)")


def test_a_damaged_deck(project):
    data = io.BytesIO()
    Presentation().save(data)
    path = project.root / "cut.pptx"
    path.write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    _refused(project, path, "cut.pptx: ")


def test_a_zip_bomb(project):
    data = io.BytesIO()
    Presentation().save(data)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            bomb.writestr(info, source.read(info))
        bomb.writestr("ppt/media/bomb.bin", b"\0" * (250 << 20))
    path = project.root / "bomb.pptx"
    path.write_bytes(out.getvalue())
    message = _refused(project, path, "zip bomb")
    assert "deck" in message and "template" not in message


def _huge_png(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` x `height` (its pixels are never decoded)."""
    small = io.BytesIO()
    PILImage.new("L", (1, 1)).save(small, "PNG")
    data = bytearray(small.getvalue())
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header) & 0xFFFFFFFF)
    return bytes(data)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_huge_picture(project):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_picture(io.BytesIO(_huge_png(10000, 10000)), Inches(1), Inches(1),
                             Inches(2), Inches(2))
    path = project.root / "huge.pptx"
    prs.save(str(path))
    _refused(project, path, "slide 1: a picture (10000 x 10000 pixels) is too large")


def test_the_command_line_lists_what_was_not_carried(project):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Ink"
    slide.shapes._spTree.append(__import__("lxml.etree").etree.fromstring(
        '<p:contentPart xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
        ' r:id="rId99"/>'))
    prs.save(str(project.root / "ink.pptx"))
    runner = CliRunner()
    import os
    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        result = runner.invoke(main, ["import", "ink.pptx"], catch_exceptions=False)
        again = runner.invoke(main, ["import", "ink.pptx"], catch_exceptions=False)
        usage = runner.invoke(main, ["import", "ink.pptx", "--template"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert "ink.pptx: slide 1: ink (drawing with a pen): left out" in result.output
    assert "ink.pptx: 1 slides -> source/ink.md" in result.output
    assert again.exit_code == 1 and "already exists" in again.output
    assert usage.exit_code == 2 and "--region" in usage.output
