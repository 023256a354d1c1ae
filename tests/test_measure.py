"""Measuring and wrapping text as PowerPoint and LibreOffice set it."""
from reportlab.pdfbase.pdfmetrics import stringWidth

from deckbuild.layout.linebreak import (SOFT_BREAK, WIDTH_SHARE, WORD_JOINER, capitals,
                                        runs_to_write, wrap)
from deckbuild.layout.measure import LINE, para_lines, text_height
from deckbuild.layout.paragraphs import TextPara, paragraphs_for
from deckbuild.model import ListBlock, ListItem, Run


def texts(lines):
    return ["".join(text for _, text in line) for line in lines]


def width(text, font="Helvetica", size=24.0):
    return stringWidth(text, font, size)


def test_words_wrap_at_spaces_and_every_line_is_as_full_as_it_can_be():
    words = ("people services harm reduction community outreach naloxone housing treatment"
             " recovery support trust dignity respect").split()
    box = 400.0
    lines = texts(wrap((Run(" ".join(words)),), box, 24))
    assert " ".join(lines).split() == words
    for line, following in zip(lines, lines[1:]):
        assert width(line) <= box * WIDTH_SHARE
        assert width(line + " " + following.split()[0]) > box * WIDTH_SHARE


def test_a_line_is_filled_only_to_the_share_that_fits_everywhere():
    text = "trust dignity respect"
    exact = width(text)
    assert len(wrap((Run(text),), exact, 24)) == 2  # no room for rounding: wraps
    assert len(wrap((Run(text),), exact / WIDTH_SHARE + 0.01, 24)) == 1


def test_a_word_too_long_for_any_line_is_broken_after_address_punctuation():
    url = "https://www.example.org/a/very/long/path/that/keeps/going/and/going/without/end.html"
    box = 300.0
    lines = wrap((Run("Visit "), Run(url), Run(" for more")), box, 24)
    joined = "".join(texts(lines))
    assert joined == f"Visit {url} for more"
    for line in lines:
        assert sum(width(text) for _, text in line) <= box * WIDTH_SHARE
    # Broken only after "/" or ".", never inside a name.
    for line in texts(lines)[:-1]:
        assert line.rstrip()[-1] in "/.", line


def test_a_link_too_long_for_a_line_is_drawn_as_libreoffice_draws_a_field():
    """LibreOffice draws a link as one field: from the start of a line, cut between
    letters wherever the line is full, and what follows it on a line of its own."""
    url = "https://www.example.org/a/very/long/path/that/keeps/going/and/going/without/end.html"
    box = 300.0
    lines = texts(wrap((Run("Visit "), Run(url, link=url), Run(" for more")), box, 24))
    assert lines[0] == "Visit"
    assert "".join(lines[1:-1]) == url
    assert lines[-1] == "for more"
    short = texts(wrap((Run("see "), Run("the page", link=url), Run(" now")), box, 24))
    assert short == ["see the page now"]


def test_a_word_without_punctuation_is_broken_between_letters():
    lines = texts(wrap((Run("x" * 200),), 300, 24))
    assert "".join(lines) == "x" * 200
    assert len(lines) == -(-200 * width("x") // (300 * WIDTH_SHARE))
    assert all(width(line) <= 300 * WIDTH_SHARE for line in lines)


def test_the_deck_carries_a_zero_width_space_where_a_long_word_was_broken():
    word = "x" * 200
    runs = runs_to_write((Run(word),), 300, 24)
    lines = texts(wrap((Run(word),), 300, 24))
    assert [r.text for r in runs] == [SOFT_BREAK.join(lines)]
    # Short words are written as they are.
    assert runs_to_write((Run("short words"),), 300, 24) == (Run("short words"),)


def test_a_link_is_written_as_one_run():
    """One run per link: a screen reader announces one link, not one per word."""
    runs = runs_to_write((Run("see "), Run("the well-known page", link="https://a.example")),
                         600, 24)
    assert [r.text for r in runs] == ["see ", "the well-known page"]
    assert WORD_JOINER not in "".join(r.text for r in runs)
    url = "https://www.example.org/" + "/".join(["section"] * 30)
    pieces = runs_to_write((Run(url, link=url),), 300, 24)
    assert len(pieces) == 1 and pieces[0].link == url
    assert SOFT_BREAK in pieces[0].text  # where the measured lines break the address
    assert pieces[0].text.replace(SOFT_BREAK, "") == url


def test_hyphens_between_letters_or_digits_are_break_opportunities():
    box = width("well-known well-") / WIDTH_SHARE + 1
    assert texts(wrap((Run("well-known well-known"),), box, 24)) == ["well-known well-", "known"]
    box = width("563-4086") / WIDTH_SHARE + 1
    assert texts(wrap((Run("1-800-563-4086"),), box, 24)) == ["1-800-", "563-4086"]
    # Not after a hyphen that starts a number or ends a word.
    assert texts(wrap((Run("-5 x-"),), width("-5") / WIDTH_SHARE + 1, 24)) == ["-5", "x-"]


def test_a_word_over_several_runs_is_not_broken_between_them():
    runs = (Run("aaaa "), Run("bold", bold=True), Run("text,"))
    box = (width("aaaa ") + width("bold", "Helvetica-Bold")) / WIDTH_SHARE + 1
    assert texts(wrap(runs, box, 24)) == ["aaaa", "boldtext,"]


def test_non_breaking_spaces_keep_words_together():
    text = "call 555\u00a00100 now"
    box = width("555\u00a00100") / WIDTH_SHARE + 1
    assert texts(wrap((Run(text),), box, 24)) == ["call", "555\u00a00100", "now"]


def test_line_breaks_inside_a_paragraph_start_new_lines():
    assert texts(wrap((Run("one"), Run("\n"), Run("two\nthree")), 500, 24)) == \
        ["one", "two", "three"]


def test_capitals_are_measured_as_drawn():
    text = "a section title that is long"
    box = width(text, "Helvetica-Bold", 44) / WIDTH_SHARE + 1
    assert len(wrap((Run(text, bold=True),), box, 44)) == 1
    assert len(wrap((Run(text, bold=True),), box, 44, caps=True)) == 2
    assert capitals("straße") == "STRAßE"  # one letter for one: offsets stay valid


def test_characters_outside_the_base_font_are_not_measured_narrow():
    chinese = "中" * 10
    assert len(wrap((Run(chinese),), 10 * 24 / WIDTH_SHARE + 1, 24)) == 1
    assert len(wrap((Run(chinese),), 9.5 * 24 / WIDTH_SHARE, 24)) == 2


def test_numbered_lists_leave_room_for_their_widest_number():
    items = tuple(ListItem((Run(f"item {n}"),)) for n in range(8, 13))
    paras = paragraphs_for([ListBlock(items, ordered=True, start=8)])
    assert len({p.hanging for p in paras}) == 1  # the same indent for the whole list
    assert paras[0].hanging >= width("12.") + 6
    single = paragraphs_for([ListBlock(items[:1], ordered=True)])[0]
    assert single.hanging >= width("1.") + 6
    assert single.hanging < paras[0].hanging


def test_text_height_counts_lines_and_space_before():
    paras = [TextPara((Run("one"),), "bullet"), TextPara((Run("two"),), "bullet"),
             TextPara((Run("nested"),), "bullet", level=1)]
    size = 20.0
    expected = 3 * size * LINE + paras[1].space_before(size) + paras[2].space_before(size)
    assert text_height(paras, 800, size) == expected
    assert len(para_lines(paras[2], 800, size)) == 1
