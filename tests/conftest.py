"""Shared helpers: decks written from small Markdown strings into a temporary project."""
from __future__ import annotations

import io
import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from lxml import etree

from deckbuild.build import load, render
from deckbuild.errors import Findings

# Hypothesis: "ci" (the default) keeps the suite fast; `make fuzz` runs "fuzz".
_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large,
                 HealthCheck.function_scoped_fixture]
settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=_SLOW_IS_FINE)
settings.register_profile("fuzz", max_examples=3000, deadline=None,
                          suppress_health_check=_SLOW_IS_FINE)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REGION = """\
name: Testland
verified: "2026-11"
organization:
  name: Testland Health
  website: https://testland.example.org
  phone: 555-0100
  email: info@testland.example.org
variables:
  trainer: Sam Trainer
resources:
  - group: Local Resources
    items:
      - name: Testland Helpline
        url: https://help.testland.example.org/line
        phone: 555-0101
        hours: 24/7
        description: Someone to talk to.
      - name: Testland Clinic
        url: https://clinic.testland.example.org
        description: Walk-in clinic.
  - group: National Resources
    items:
      - name: National Line
        url: https://national.example.org
        phone: 555-0199
"""


class Project:
    """A throw-away project folder: source/, source/regions/, assets/."""

    def __init__(self, root: Path):
        self.root = root
        self.source = root / "source"
        (self.source / "regions").mkdir(parents=True)
        (root / "assets").mkdir()

    def deck(self, markdown: str, name: str = "deck") -> Path:
        path = self.source / f"{name}.md"
        path.write_text(textwrap.dedent(markdown).lstrip("\n"), encoding="utf-8")
        return path

    def region(self, text: str = REGION, name: str = "testland") -> Path:
        path = self.source / "regions" / f"{name}.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def read(self, markdown: str, region=None, findings=None):
        """Markdown -> the fitted deck model."""
        return load(self.deck(markdown), region, findings if findings is not None else Findings())

    def pptx(self, markdown: str, region=None):
        """Markdown -> a reopened python-pptx Presentation."""
        from pptx import Presentation
        deck = self.read(markdown, region)
        return Presentation(io.BytesIO(render(deck, "pptx")))

    def pdf(self, markdown: str, region=None, **options):
        """Markdown -> a reopened pypdf PdfReader."""
        from pypdf import PdfReader
        deck = self.read(markdown, region)
        return PdfReader(io.BytesIO(render(deck, "handout", **options)))


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path)


def slide_texts(slide) -> list:
    """Every text of a slide's content, shape by shape; slide numbers and decoration left out."""
    from pptx.enum.shapes import PP_PLACEHOLDER
    furniture = {PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE}
    out = []
    for shape in slide.shapes:
        if shape.is_placeholder and shape.placeholder_format.type in furniture:
            continue
        if b"decorative" in etree.tostring(shape._element):
            continue
        if shape.has_text_frame and shape.text_frame.text.strip():
            out.append(shape.text_frame.text)
    return out


def pdf_text(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)
