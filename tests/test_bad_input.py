"""Bad input, kind by kind: each gives a clear message or a correct deck, in both outputs.

Every test builds the deck and the handout and looks at them as a reader would:
the .pptx reopened with python-pptx, the PDF with pypdf.
"""
from __future__ import annotations

import io
import textwrap

import pytest
from pptx import Presentation
from pypdf import PdfReader

from conftest import REGION, pdf_text, slide_texts
from deckbuild.build import load, render
from deckbuild.errors import DeckError, Findings
from deckbuild.model import CodeBlock


class Built:
    """A deck built both ways, as a reader sees it."""

    def __init__(self, project, markdown: str, region=None, raw: bytes = None, name="deck"):
        if raw is not None:
            path = project.source / f"{name}.md"
            path.write_bytes(raw)
        else:
            path = project.deck(markdown, name)
        self.findings = Findings()
        self.deck = load(path, region, self.findings)
        self.pptx_bytes = render(self.deck, "pptx")
        self.pdf_bytes = render(self.deck, "handout")
        self.prs = Presentation(io.BytesIO(self.pptx_bytes))
        self.pdf = PdfReader(io.BytesIO(self.pdf_bytes))

    @property
    def slides(self) -> list:
        """Per slide: every text a reader sees on it (shapes and table cells)."""
        result = []
        for slide in self.prs.slides:
            texts = [shown(t) for t in slide_texts(slide)]
            for shape in slide.shapes:
                if getattr(shape, "has_table", False) and shape.has_table:
                    texts.extend(shown(c.text) for row in shape.table.rows for c in row.cells)
            result.append(texts)
        return result

    @property
    def deck_text(self) -> str:
        return "\n".join("\n".join(texts) for texts in self.slides)

    @property
    def notes(self) -> str:
        return "\n".join(shown(s.notes_slide.notes_text_frame.text) for s in self.prs.slides
                         if s.has_notes_slide)

    @property
    def pdf_text(self) -> str:
        return pdf_text(self.pdf)

    def links(self) -> list:
        addresses = []
        for slide in self.prs.slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    for p in shape.text_frame.paragraphs:
                        addresses.extend(r.hyperlink.address for r in p.runs
                                         if r.hyperlink.address)
        return addresses

    def pdf_links(self) -> list:
        uris = []
        for page in self.pdf.pages:
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A")
                if action and "/URI" in action:
                    uris.append(str(action["/URI"]))
        return uris

    def warnings(self, rule: str) -> list:
        return [(f.line, f.message) for f in self.findings.warnings if f.rule == rule]


def shown(text: str) -> str:
    """Text as a reader sees it: without the zero-width break marks the deck carries."""
    return text.replace("\u200b", "").replace("\u2060", "")


def squash(text: str) -> str:
    """Text without white space: a long word wrapped over lines still reads whole."""
    return "".join(text.split())


# ---------------------------------------------------------------- control characters

CONTROL = {"NUL": "\x00", "ESC": "\x1b", "U+FFFE": "\ufffe", "U+FFFF": "\uffff",
           "DEL": "\x7f", "C1": "\x85"}


@pytest.mark.parametrize("name", sorted(CONTROL))
def test_control_characters_are_removed_everywhere_with_a_warning(project, name):
    c = CONTROL[name]
    project.region(REGION.replace("Testland Helpline", f"Testland{c} Helpline"))
    markdown = (f"---\ntitle: Tit{c}le\nsubtitle: \"Sub\\x1btitle\"\nregion: testland\n---\n\n"
                f"## Head{c}ing\n\n- bul{c}let\n\n::: notes\nno{c}tes\n:::\n\n"
                "# Resources\n\n::: resources\n:::\n")
    built = Built(project, markdown)
    deck_lines = [f.line for f in built.findings.warnings
                  if f.rule == "control-character" and f.path.endswith("deck.md")]
    region_lines = [f.line for f in built.findings.warnings
                    if f.rule == "control-character" and f.path.endswith("testland.yaml")]
    assert sorted(deck_lines) == [2, 3, 7, 9, 12]
    assert region_lines == [13]
    for word in ("Title", "Subtitle", "Heading", "bullet", "Testland Helpline"):
        assert word in built.deck_text
        assert word in built.pdf_text
    assert "notes" in built.notes
    assert not any(ch in built.deck_text + built.notes for ch in CONTROL.values())


def test_vertical_tab_and_form_feed_become_spaces(project):
    built = Built(project, "## Line\x0bbreak\n\n- page\x0cbreak\n")
    assert "Line break" in built.deck_text and "page break" in built.deck_text
    assert "Line break" in built.pdf_text and "page break" in built.pdf_text
    assert [line for line, _ in built.warnings("control-character")] == [1, 3]


def test_character_references_to_control_characters_are_shown_as_typed(project):
    built = Built(project, "## Refs\n\nA &#0; B &#x1b; C &#xD800; D &#127; E\n\n"
                           "<p>block &#0; and &#x1b;</p>\n")
    for typed in ("&#0;", "&#x1b;", "&#xD800;", "&#127;"):
        assert typed in built.deck_text
        assert typed in built.pdf_text


# ---------------------------------------------------------------- markup shown as typed

AS_TYPED = ["a < b", "c > d", "Tom & Jerry", "<para>", "</para>", "&#9999999;", "&bogus;",
            "<3", "AT&T", "&amp;amp;"]


@pytest.mark.parametrize("typed", AS_TYPED)
def test_text_that_looks_like_markup_is_shown_as_typed_in_both_outputs(project, typed):
    expected = typed.replace("&amp;amp;", "&amp;")  # one reference: '&amp;' names '&'
    quoted = typed.replace("\\", "\\\\").replace('"', '\\"')
    markdown = (f"---\ntitle: \"T {quoted}\"\n---\n\n## H {typed}\n\nP {typed}\n\n- B {typed}\n\n"
                f"> Q {typed}\n\n| Col |\n|---|\n| C {typed} |\n\n"
                f"::: notes\nN {typed}\n:::\n")
    built = Built(project, markdown)
    title_typed = typed  # front matter is YAML, not Markdown: no references in it
    assert f"T {title_typed}" in built.deck_text and f"T {title_typed}" in built.pdf_text
    for prefix in ("H", "P", "B", "Q", "C"):
        assert f"{prefix} {expected}" in built.deck_text, prefix
        assert f"{prefix} {expected}" in built.pdf_text, prefix
    assert f"N {expected}" in built.notes


def test_html_tags_are_left_out_and_their_text_kept(project):
    built = Built(project, "## Tags <b>bold</b>\n\n- <i>one</i> and <span class=\"x\">two</span>"
                           "<br>three\n\n<div>block <b>text</b> &amp; more</div>\n")
    for text in (built.deck_text, built.pdf_text):
        assert "Tags bold" in text
        assert "one and two" in text
        assert "three" in text
        assert "block text & more" in text
        assert "<b>" not in text and "<span" not in text and "<div>" not in text


def test_unknown_tags_in_an_html_block_are_shown_as_typed(project):
    built = Built(project, "## Block\n\n<div>x <para a=\"1\">y</para> &#9999999; &bogus;</div>\n")
    for text in (built.deck_text, built.pdf_text):
        assert 'x <para a="1">y</para> &#9999999; &bogus;' in text


def test_code_is_shown_exactly_as_typed(project):
    markdown = ("## Code\n\nSpan `<b> &amp; &#9999999; \\*`\n\n"
                "```html\n<p class=\"x\">&amp; &#9999999;</p>\n  indented <para>\n```\n")
    built = Built(project, markdown)
    code = [b for s in built.deck.slides for b in s.blocks if isinstance(b, CodeBlock)]
    assert code and code[0].code == '<p class="x">&amp; &#9999999;</p>\n  indented <para>'
    assert code[0].language == "html"
    for text in (built.deck_text, built.pdf_text):
        assert "<b> &amp; &#9999999; \\*" in text
        assert '<p class="x">&amp; &#9999999;</p>' in text
        assert "<para>" in text


def test_email_autolinks_are_readable(project):
    built = Built(project, "## Mail\n\nWrite to <someone@example.org>.\n")
    assert "Write to someone@example.org." in built.deck_text
    assert "mailto:someone@example.org" in built.links()
    assert "mailto:someone@example.org" in built.pdf_links()


# ---------------------------------------------------------------- links


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
                                 "vbscript:msgbox(1)", "file:///etc/passwd", "JaVaScRiPt:x"])
def test_unsafe_link_schemes_are_dropped_with_a_warning_and_the_text_stays(project, url):
    built = Built(project, f"## Links\n\nIntro.\n\nClick [here please]({url}) now.\n")
    assert "Click here please now." in built.deck_text
    assert "Click here please now." in built.pdf_text
    assert built.links() == [] and built.pdf_links() == []
    warnings = built.warnings("link-scheme")
    assert len(warnings) == 1 and warnings[0][0] == 5
    assert "its text is kept" in warnings[0][1]


def test_web_addresses_are_percent_encoded(project):
    built = Built(project, "## Links\n\n[odd](https://example.org/a b/é?q=x y&z=<1>#f g)\n\n"
                           "- <https://example.org/path with space>\n")
    expected = ["https://example.org/a%20b/%C3%A9?q=x%20y&z=%3C1%3E#f%20g",
                "https://example.org/path%20with%20space"]
    assert sorted(set(built.links())) == sorted(expected)
    assert sorted(set(built.pdf_links())) == sorted(expected)


def test_impossible_web_addresses_are_dropped_with_a_warning(project):
    built = Built(project, "## Links\n\n[a](https://exa mple.org/) [b](https://x.org:99999/)"
                           " [c](https://[::zz]/)\n")
    assert built.links() == []
    assert len(built.warnings("link-scheme")) == 3
    assert "a b c" in built.deck_text


# ---------------------------------------------------------------- raw HTML


def test_script_is_never_shown_nor_run(project):
    markdown = ("## Script\n\nBefore <script>alert('inline')</script> after.\n\n"
                "<script>\nalert('block')\n</script>\n\n- item <style>p{color:red}</style> end\n")
    built = Built(project, markdown)
    for text in (built.deck_text, built.pdf_text):
        assert "alert" not in text and "color" not in text
        assert "Before after." in text or "Before  after." in text
        assert "item end" in text or "item  end" in text
    assert [line for line, _ in built.warnings("html")] == [3, 5, 9]


def test_an_unclosed_html_block_does_not_swallow_the_slides_after_it(project):
    markdown = "## One\n\n<div>\nopen div\n\n## Two\n\ntext two\n\n## Three\n"
    built = Built(project, markdown)
    titles = [s.shapes.title.text_frame.text for s in built.prs.slides]
    assert titles == ["One", "Two", "Three"]
    assert "open div" in built.deck_text and "text two" in built.deck_text
    assert built.warnings("unclosed-html")[0][0] == 3


def test_an_html_comment_hides_what_it_holds(project):
    built = Built(project, "## Shown\n\n<!-- old slide\n\n## Hidden\n\nsecret\n-->\n\n## Also\n")
    titles = [s.shapes.title.text_frame.text for s in built.prs.slides]
    assert titles == ["Shown", "Also"]
    assert "secret" not in built.deck_text and "secret" not in built.pdf_text


# ---------------------------------------------------------------- text files


def test_a_file_that_is_not_utf8_is_an_error_naming_the_file_and_line(project):
    path = project.source / "latin.md"
    path.write_bytes(b"## Title\n\nCaf\xe9 au lait\n")
    with pytest.raises(DeckError) as caught:
        load(path, None, Findings())
    assert caught.value.path == str(path) and caught.value.line == 3
    assert "not UTF-8" in caught.value.message


def test_a_byte_order_mark_is_dropped(project):
    built = Built(project, None, raw="\ufeff---\ntitle: Marked\n---\n\n## One\n".encode("utf-8"))
    assert built.slides[0] == ["Marked"]
    assert "\ufeff" not in built.deck_text


def test_crlf_builds_byte_identical_to_lf(project, tmp_path):
    markdown = ("---\ntitle: Lines\ndate: 2026-11\n---\n\n## One\n\n- a\n  - b\n\n"
                "::: notes\nsaid\n:::\n\n```\ncode\n```\n\n> quote\n> — Someone\n")
    lf = Built(project, None, raw=markdown.encode(), name="same")
    crlf = Built(project, None, raw=markdown.replace("\n", "\r\n").encode(), name="same")
    cr = Built(project, None, raw=markdown.replace("\n", "\r").encode(), name="same")
    assert lf.pptx_bytes == crlf.pptx_bytes == cr.pptx_bytes
    assert lf.pdf_bytes == crlf.pdf_bytes == cr.pdf_bytes


def test_an_empty_file_is_an_error_not_an_empty_deck(project):
    for raw in (b"", b"\n\n  \n", "\ufeff".encode()):
        path = project.source / "empty.md"
        path.write_bytes(raw)
        with pytest.raises(DeckError, match="no slides") as caught:
            load(path, None, Findings())
        assert caught.value.path == str(path)


def test_a_file_with_only_front_matter_is_a_title_slide(project):
    built = Built(project, "---\ntitle: Only the title\nsubtitle: and a subtitle\n---\n")
    assert built.slides == [["Only the title", "and a subtitle"]]
    assert "Only the title" in built.pdf_text


def test_a_rule_after_a_blank_line_at_the_top_is_not_front_matter(project):
    built = Built(project, "---\n\n## First\n\ntext\n\n---\n\n## Second\n")
    titles = [s.shapes.title.text_frame.text for s in built.prs.slides if s.shapes.title]
    assert titles == ["First", "Second"]


@pytest.mark.parametrize("front, line", [
    ("title: [unclosed\nsubtitle: x\n", 3),
    ("title: ok\n  indented: wrong\n", 3),
    ("title: \"unclosed\n", 2),
    ("title: a\ntitle2: *alias\n", 3),
])
def test_invalid_front_matter_yaml_names_its_line(project, front, line):
    path = project.deck(f"---\n{front}---\n\n## One\n")
    with pytest.raises(DeckError) as caught:
        load(path, None, Findings())
    assert (caught.value.path, caught.value.line) == (str(path), line)


def test_invalid_region_yaml_names_the_region_file_and_line(project):
    region = project.region("name: X\nresources:\n  - group: G\n    items: [\n")
    path = project.deck("---\nregion: testland\n---\n\n## One\n")
    with pytest.raises(DeckError) as caught:
        load(path, None, Findings())
    assert caught.value.path == str(region) and caught.value.line >= 4


def test_a_region_file_with_bom_and_crlf_reads_like_any_other(project):
    region = project.source / "regions" / "testland.yaml"
    region.write_bytes("\ufeff".encode() + REGION.replace("\n", "\r\n").encode())
    built = Built(project, "---\nregion: testland\n---\n\n# Resources\n\n::: resources\n:::\n")
    assert "Testland Helpline" in built.deck_text and "Testland Helpline" in built.pdf_text


def test_an_unclosed_div_warns_with_its_line_and_the_deck_goes_on(project):
    markdown = "## One\n\n::: notes\nsay this\n\n## Two\n\n- still a slide\n"
    built = Built(project, markdown)
    assert [s[0] for s in built.slides] == ["One", "Two"]
    assert "still a slide" in built.deck_text and "still a slide" in built.pdf_text
    assert "say this" in built.notes
    assert built.warnings("unclosed-div")[0][0] == 3


def test_an_unclosed_code_fence_warns_with_its_line_and_the_deck_goes_on(project):
    markdown = ("## One\n\n```python\nprint(1)\n\n## Two\n\n- still a slide\n\n"
                "::: notes\nnotes still work\n:::\n")
    built = Built(project, markdown)
    assert [s[0] for s in built.slides] == ["One", "Two"]
    assert "still a slide" in built.deck_text and "notes still work" in built.notes
    assert "notes still work" not in built.deck_text
    assert built.warnings("unclosed-fence")[0][0] == 3


def test_twenty_levels_of_nested_bullets_all_arrive(project):
    lines = [("  " * level) + f"- level{level + 1}" for level in range(20)]
    built = Built(project, "## Deep\n\n" + "\n".join(lines) + "\n")
    shown = built.deck_text + built.pdf_text
    for level in range(1, 21):
        assert f"level{level}\n" in built.deck_text + "\n" and f"level{level}" in shown
    body = [s for s in built.prs.slides[0].shapes if s.has_text_frame][1]
    indents = [p._p.pPr.get("marL") for p in body.text_frame.paragraphs]
    assert [int(i) for i in indents] == sorted(int(i) for i in indents)
    assert len(set(indents)) == 20


def test_a_400_character_word_arrives_whole(project):
    word = "supercalifragilistic" * 20
    built = Built(project, f"## {word[:60]}\n\n{word}\n\n- {word}\n")
    assert built.deck_text.count(word) == 2
    assert squash(built.pdf_text).count(word) == 2


def test_emoji_chinese_arabic_and_direction_marks_reach_the_deck(project):
    text = ("Emoji \U0001F600 \U0001F469\U0001F3FD\u200D\U0001F680, \u4E2D\u6587\u6587\u672C, "
            "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645, "
            "\u200fRTL\u200e \u202bembedded\u202c")
    built = Built(project, f"---\ntitle: \"{text}\"\n---\n\n## {text}\n\n- {text}\n\n"
                           f"::: notes\n{text}\n:::\n")
    assert built.deck_text.count(text) == 3 and text in built.notes
    assert len(built.pdf.pages) >= 2  # the handout is made (its fonts are issue 4's)
    assert "Emoji" in built.pdf_text


def test_a_picture_inside_a_list_keeps_its_description_with_a_warning(project, tmp_path):
    from PIL import Image as PILImage
    PILImage.new("RGB", (20, 10)).save(project.root / "assets" / "p.png")
    built = Built(project, "## Pic\n\n- see ![the chart](../assets/p.png)\n")
    assert "see the chart" in built.deck_text
    assert built.warnings("picture-in-text")[0][0] == 3


def test_content_of_columns_outside_a_column_is_kept(project):
    markdown = ("## Cols\n\n::: columns\nstray words\n\n:::: column\nleft\n::::\n\n"
                ":::: column\nright\n::::\n:::\n")
    built = Built(project, markdown)
    for text in (built.deck_text, built.pdf_text):
        assert "stray words" in text and "left" in text and "right" in text


def test_a_region_value_with_line_breaks_fills_one_line(project):
    project.region(REGION.replace("trainer: Sam Trainer", "trainer: \"Sam\\nTrainer\""))
    built = Built(project, "---\nregion: testland\n---\n\n## By {{ trainer }}\n\n- next\n")
    assert built.slides[0][0] == "By Sam Trainer"


def test_a_region_email_that_is_not_an_address_is_an_error(project):
    region = project.region(REGION.replace("email: info@testland.example.org",
                                           'email: "<b>not\\" an address"'))
    path = project.deck("---\nregion: testland\n---\n\n## One\n")
    with pytest.raises(DeckError, match="not an e-mail address") as caught:
        load(path, None, Findings())
    assert (caught.value.path, caught.value.line) == (str(region), 7)


def test_yaml_aliases_are_refused_with_their_line(project):
    path = project.deck("---\ntitle: &t Hello\nsubtitle: *t\n---\n\n## One\n")
    with pytest.raises(DeckError, match="alias") as caught:
        load(path, None, Findings())
    assert caught.value.line == 3


def test_an_odd_lang_is_an_error_with_its_line(project):
    path = project.deck("---\ntitle: x\nlang: English please\n---\n\n## One\n")
    with pytest.raises(DeckError, match="language tag") as caught:
        load(path, None, Findings())
    assert caught.value.line == 3
    built = Built(project, "---\ntitle: x\nlang: ar-EG\n---\n\n## One\n")
    assert 'lang="ar-EG"' in textwrap.dedent(
        built.prs.slides[1].shapes.title.text_frame._txBody.xml)


def test_footnotes_reach_both_outputs(project):
    """Python-Markdown leaves markers of its own in footnotes; none may reach the XML."""
    built = Built(project, "## Claim\n\nA claim.[^1]\n\n[^1]: The source, 2026.\n")
    assert "The source, 2026." in built.deck_text
    assert "The source, 2026." in built.pdf_text
    assert "\x02" not in built.deck_text and "\x03" not in built.deck_text


def test_bullets_nested_beyond_reason_are_shown_at_the_deepest_level(project):
    lines = [("  " * level) + f"- level{level + 1}" for level in range(200)]
    built = Built(project, "## Deeper\n\n" + "\n".join(lines) + "\n")
    assert "level200" in built.deck_text and "level200" in squash(built.pdf_text)
    warnings = built.warnings("deep-list")
    assert warnings[0][0] == 33  # the first bullet past level 30


ODD = 'A <b>x</b> & <para> &#9999999; &amp; *y* `z` [q](r) #h | \\\\ _u_'
ODD_SHOWN = 'A <b>x</b> & <para> &#9999999; &amp; *y* `z` [q](r) #h | \\ _u_'


def test_region_values_are_shown_exactly_as_typed(project):
    """A region file is plain text, not Markdown: every character shows, in both outputs."""
    project.region(REGION.replace("trainer: Sam Trainer", f'trainer: "{ODD}"')
                   .replace("name: Testland Clinic", f'name: "{ODD}"'))
    built = Built(project, "---\nregion: testland\n---\n\n## By {{ trainer }}\n\n"
                           "- {{ trainer }}\n\n# Resources\n\n::: resources\n:::\n")
    assert built.deck_text.count(ODD_SHOWN) == 3  # title, bullet, resource entry
    assert built.pdf_text.count(ODD_SHOWN) >= 3  # and the handout's resource list


def test_an_unclosed_script_ends_with_its_bullet(project):
    built = Built(project, "## List\n\n- one <script>hidden\n- two\n- three\n")
    for text in (built.deck_text, built.pdf_text):
        assert "hidden" not in text
        assert "two" in text and "three" in text


def test_a_footnote_defined_twice_is_reported(project):
    built = Built(project, "## A\n\nx[^1]\n\n[^1]: first\n\ny[^1]\n\n[^1]: second\n")
    assert "second" in built.deck_text
    assert built.warnings("duplicate-footnote") == [
        (9, "the footnote [^1] is defined again (first on line 5); only this last one is used")]


def test_a_table_cell_or_resource_longer_than_a_page_does_not_stop_the_handout(project):
    long_text = " ".join(["words"] * 2500)
    project.region(REGION.replace("description: Someone to talk to.",
                                  f"description: \"{long_text}\""))
    built = Built(project, "---\nregion: testland\n---\n\n## Table\n\n| a | b |\n|---|---|\n"
                           f"| {long_text} | x |\n\n# Resources\n\n::: resources\n:::\n")
    assert squash(built.pdf_text).count("words") >= 2 * 2500
    assert len(built.pdf.pages) > 4
