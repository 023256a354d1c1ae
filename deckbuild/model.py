"""The deck model: what the reader produces and every renderer consumes.

Plain frozen dataclasses, so a renderer cannot change what another one sees and
two builds from the same model give the same output. Nothing here knows about
Markdown, PowerPoint or PDF.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Optional, Tuple, Union


@dataclass(frozen=True)
class Source:
    """Where something came from, so messages can say `path:line` (or, for a slide read
    from a PowerPoint file, `path: slide N`)."""

    path: str
    line: int = 0
    slide: int = 0  # the slide's number in the PowerPoint file it was imported from

    def __str__(self) -> str:
        if self.slide and not self.line:
            return f"{self.path}: slide {self.slide}"
        return f"{self.path}:{self.line}" if self.line else self.path


# ---------------------------------------------------------------- inline text


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting; `link` is a checked address or None."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    underline: bool = False
    superscript: bool = False
    subscript: bool = False
    link: Optional[str] = None
    small_caps: bool = False
    highlight: bool = False
    math: Optional["Formula"] = None  # a formula; `text` is then its LaTeX source
    # A write-in blank (`____`): `text` is the underscores as typed, shown so on the slide;
    # the handout draws a line to write on instead.
    blank: bool = False


Text = Tuple[Run, ...]


@dataclass(frozen=True)
class MathNode:
    """One piece of a formula, in the shape both OMML and the handout's drawing take.

    `kind` says what it is and what `parts` hold:
    - "i", "n", "o", "t": an identifier, number, operator or text; `text` is the characters,
      `style` "normal", "bold" or "" (identifiers of one letter are italic);
    - "space": `text` is the width in ems ("0.167");
    - "row": `parts` side by side;
    - "frac": numerator, denominator (`style` "nobar" for a binomial's stack);
    - "sup", "sub", "subsup": base, then the scripts;
    - "under", "over", "underover": base, then limits set beneath and above it;
    - "nary": a large operator (`text` "∑", "∫") with lower and upper limits (empty rows when
      none) and the body it applies to; `style` "limits" sets them beneath and above;
    - "root": radicand, then the index if there is one;
    - "accent": base, with `text` the mark set above it (hat, bar, arrow, dot);
    - "bar": base with a line `text` "top" or "bot";
    - "fence": `parts` the rows between `text` (the opening character) and `close`;
    - "matrix": rows, each a "row" whose parts are the cells;
    - "box": its part framed;
    - "break": a line break in a display formula.
    """

    kind: str
    text: str = ""
    parts: Tuple["MathNode", ...] = ()
    style: str = ""
    close: str = ""


@dataclass(frozen=True)
class Formula:
    """A formula read from LaTeX (`$...$` inline, `$$...$$` display)."""

    tex: str
    root: MathNode
    display: bool = False


def plain(text: Text) -> str:
    """The characters a reader sees, without formatting."""
    return "".join(r.text for r in text)


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class Heading:
    """A heading below the slide level: shown in the body as a bold line."""

    text: Text
    level: int


@dataclass(frozen=True)
class ListItem:
    text: Text
    children: Tuple["ListBlock", ...] = ()
    checkbox: Optional[bool] = None  # a task: False ☐ open, True ☑ done; None: not a task
    # What follows a `. . .` pause inside the item: each part appears on a later click.
    after_pauses: Tuple[Text, ...] = ()
    # The item's further paragraphs (indented under it in Markdown): each its own
    # paragraph at the item's text, without a bullet, as pandoc and PowerPoint show them.
    continued: Tuple[Text, ...] = ()


@dataclass(frozen=True)
class ListBlock:
    items: Tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1
    incremental: bool = False  # shown one item per click
    # ordered: decimal | lower-alpha | upper-alpha | lower-roman | upper-roman
    style: str = "decimal"
    delimiter: str = "period"  # ordered: period "1." | paren "1)" | parens "(1)"

    def label(self, index: int) -> str:
        """The number of item `index` as printed: "3.", "c)", "(iii)"."""
        number = self.start + index
        if self.style.endswith("alpha"):
            text = ""
            while number > 0:
                number, rest = divmod(number - 1, 26)
                text = chr(ord("a") + rest) + text
        elif self.style.endswith("roman"):
            text = _roman(number)
        else:
            text = str(number)
        if self.style.startswith("upper"):
            text = text.upper()
        return {"paren": f"{text})", "parens": f"({text})"}.get(self.delimiter, f"{text}.")


def _roman(number: int) -> str:
    digits = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    text = ""
    for value, letters in digits:
        while number >= value:
            text, number = text + letters, number - value
    return text or "0"


@dataclass(frozen=True)
class Quote:
    """A blockquote; the attribution is the line that started with an em dash."""

    paragraphs: Tuple[Text, ...]
    attribution: Optional[Text] = None


@dataclass(frozen=True)
class CodeBlock:
    code: str
    language: str = ""


@dataclass(frozen=True)
class Table:
    header: Tuple[Text, ...]
    rows: Tuple[Tuple[Text, ...], ...]
    aligns: Tuple[str, ...] = ()  # "left" | "center" | "right" | "" per column
    caption: Optional[Text] = None
    widths: Tuple[float, ...] = ()  # share of the table's width per column; () = by content


@dataclass(frozen=True)
class Image:
    """A picture; `path` is absolute and checked, `alt` is what a screen reader says."""

    path: str
    alt: str = ""
    width_px: int = 0
    height_px: int = 0
    width: float = 0.0  # share of the space it may take (`{width="40%"}`); 0 = as large as fits
    # The caption under it when it differs from the alt text (`fig-alt=`, "Figure 1: ...").
    caption: Optional[str] = None

    @property
    def caption_text(self) -> str:
        """What is printed under the picture: its caption, else its alt text (pandoc)."""
        return self.alt if self.caption is None else self.caption


@dataclass(frozen=True)
class Resource:
    name: str
    url: str = ""
    phone: str = ""
    description: str = ""
    hours: str = ""


@dataclass(frozen=True)
class ResourceGroup:
    title: str
    items: Tuple[Resource, ...]
    source: Source = Source("")


@dataclass(frozen=True)
class ResourceList:
    """The entries of one resource group shown on a slide."""

    group: str
    items: Tuple[Resource, ...]


@dataclass(frozen=True)
class Columns:
    columns: Tuple[Tuple["Block", ...], ...]
    widths: Tuple[float, ...] = ()  # share of the slide's width per column; () = equal


@dataclass(frozen=True)
class Definition:
    term: Text
    definitions: Tuple[Text, ...]  # each definition's text, paragraphs joined by line breaks


@dataclass(frozen=True)
class DefinitionList:
    items: Tuple[Definition, ...]


@dataclass(frozen=True)
class Callout:
    """A Quarto callout: a box with a title line. kind: note | tip | warning | important |
    caution."""

    kind: str
    title: Text
    blocks: Tuple["Block", ...] = ()


@dataclass(frozen=True)
class Pause:
    """`. . .`: what follows on the slide appears on the next click."""


# ---------------------------------------------------------------- the trainer's side


class Audience(str, enum.Enum):
    """Who an audience block (`::: handout`, `::: facilitator`, `::: answer`) is for; the
    slide shows none of them (see `audience.py` for who sees what)."""

    HANDOUT = "handout"  # the participants' handout and workbook only
    FACILITATOR = "facilitator"  # the facilitator guide only
    ANSWER = "answer"  # the answer key: in the guide; a space to write in the workbook


@dataclass(frozen=True)
class AudienceBlock:
    audience: Audience
    blocks: Tuple["Block", ...]
    source: Source = Source("")


@dataclass(frozen=True)
class Materials:
    """`::: materials`: what to bring, one item each (the guide's checklist)."""

    items: Tuple[Text, ...]
    source: Source = Source("")


@dataclass(frozen=True)
class Prep:
    """`::: prep`: what to do before the session (the guide lists it up front)."""

    blocks: Tuple["Block", ...]
    source: Source = Source("")


@dataclass(frozen=True)
class Debrief:
    """`::: debrief`: the questions to ask afterwards (the guide only)."""

    blocks: Tuple["Block", ...]
    source: Source = Source("")


@dataclass(frozen=True)
class Activity:
    """`::: activity`: something the group does. The slide (and the workbook) show its
    title and the participants' instructions (`::: instructions`); the facilitator guide
    shows all of it."""

    title: Text
    time: Optional[int] = None  # seconds (`time=10m`); None: not timed
    instructions: Tuple["Block", ...] = ()  # what participants see and do
    steps: Tuple["Block", ...] = ()  # the facilitator's steps: everything else it holds
    materials: Tuple[Text, ...] = ()  # its `::: materials`
    prep: Tuple["Block", ...] = ()  # its `::: prep`
    debrief: Tuple["Block", ...] = ()  # its `::: debrief`
    source: Source = Source("")


Block = Union[Paragraph, Heading, ListBlock, Quote, CodeBlock, Table, Image, ResourceList, Columns,
              DefinitionList, Callout, Pause, AudienceBlock, Materials, Prep, Debrief, Activity]


# ---------------------------------------------------------------- slides


class Layout(str, enum.Enum):
    """The closed set of slide layouts every renderer knows how to draw."""

    TITLE = "title"  # the deck's title slide
    SECTION = "section"  # a section divider in the accent colour
    CONTENT = "content"  # title and body
    TWO_CONTENT = "two-content"  # title and two columns
    COMPARISON = "comparison"  # title and two columns, each with text above a picture or table
    QUOTE = "quote"  # one large quote with its attribution
    RESOURCES = "resources"  # a region's resource entries
    TITLE_ONLY = "title-only"  # a title and nothing else
    BLANK = "blank"  # no title, no body (a picture background or notes only)


@dataclass(frozen=True)
class Slide:
    layout: Layout
    title: Text
    blocks: Tuple[Block, ...] = ()
    notes: Tuple[Text, ...] = ()
    source: Source = Source("")
    background: Optional[str] = None  # absolute path of a background picture
    continued: bool = False  # a later part of a slide that was split to fit
    body_size: float = 0.0  # points, chosen by the fitting step; 0 = not fitted yet
    title_size: float = 0.0  # points, chosen by the fitting step
    subtitle: Text = ()  # TITLE: subtitle; SECTION: an optional line under the title
    byline: Tuple[Text, ...] = ()  # TITLE: authors, organization
    # TITLE: the date, set in the layout's date placeholder (as pandoc does), or as the
    # byline's last line when the layout has none.
    date: Text = ()
    background_colour: Optional[str] = None  # hex RGB without '#' (`background-color=`)
    smaller: bool = False  # `{.smaller}`: body text starts smaller
    template_layout: str = ""  # a template layout the slide names ({layout="..."}), else ""
    # `{time=5m}` in seconds; on a section slide, the time of the whole section. None: none.
    time: Optional[int] = None


# ---------------------------------------------------------------- theme


@dataclass(frozen=True)
class Theme:
    """Colours and fonts shared by the deck and the handout's miniatures."""

    accent: str = "1F6F8B"  # hex RGB without '#'
    text: str = "1E2A32"
    background: str = "FFFFFF"
    muted: str = "5A6872"
    on_accent: str = "FFFFFF"
    font: str = "Helvetica"  # a font reportlab can measure
    pptx_font: str = "Arial"  # the same metrics, under the name PowerPoint knows
    font_files: Tuple[str, ...] = ()  # TTF files for scripts the base font lacks
    template: Optional[str] = None
    logo: Optional[str] = None
    logo_alt: str = ""  # what the logo says, for screen readers; "": decorative
    accent_source: Optional[Source] = None  # where the accent colour was set, if not default


# ---------------------------------------------------------------- region


@dataclass(frozen=True)
class Organization:
    name: str = ""
    website: str = ""
    phone: str = ""
    email: str = ""
    logo: Optional[str] = None
    logo_alt: Optional[str] = None  # `logo-alt:`; None: not given (the name is used)


@dataclass(frozen=True)
class Region:
    key: str  # the file name without .yaml
    name: str
    source: Source
    verified: str = ""
    organization: Optional[Organization] = None
    accent: Optional[str] = None
    template: Optional[str] = None
    variables: Tuple[Tuple[str, str], ...] = ()
    groups: Tuple[ResourceGroup, ...] = ()
    # The region file's own translations of its texts (`description: {en: ..., es: ...}`):
    # (English text, ((language code, text), ...)), used by a build in that language.
    translations: Tuple[Tuple[str, Tuple[Tuple[str, str], ...]], ...] = ()


# ---------------------------------------------------------------- deck


@dataclass(frozen=True)
class Meta:
    title: str = ""
    subtitle: str = ""
    authors: Tuple[str, ...] = ()
    organization: str = ""
    date: str = ""
    subject: str = ""
    keywords: Tuple[str, ...] = ()
    description: str = ""
    lang: str = "en-US"
    custom: Tuple[Tuple[str, str], ...] = ()  # other front-matter keys, as document properties


@dataclass(frozen=True)
class Session:
    """The session the deck is given in (front matter): its length, when it starts, and
    whether a facilitator guide is made."""

    duration: Optional[int] = None  # seconds (`duration: 90m`)
    start: Optional[int] = None  # minutes after midnight (`start: "9:00"`)
    twelve_hour: bool = False  # `start: "9:00 am"`: clock times with am/pm
    facilitator: bool = True  # `facilitator: false`: no facilitator guide
    duration_source: Source = Source("")  # the `duration:` line, for messages


@dataclass(frozen=True)
class QuoteRef:
    """A quote and the slide it is on, for the handout's key quotes."""

    quote: Quote
    slide_title: str
    slide_number: int


@dataclass(frozen=True)
class Deck:
    name: str  # the source file's stem: names the outputs
    meta: Meta
    slides: Tuple[Slide, ...]
    source: Source
    theme: Theme = field(default_factory=Theme)
    region: Optional[Region] = None
    overflow: str = "split"  # split | shrink | error
    handout: str = "notes"  # notes | outline | full | workbook
    session: Session = field(default_factory=Session)

    @property
    def quotes(self) -> Tuple[QuoteRef, ...]:
        refs = []
        for number, slide in enumerate(self.slides, 1):
            for block in iter_blocks(on_slide(slide.blocks)):
                if isinstance(block, Quote):
                    refs.append(QuoteRef(block, plain(slide.title), number))
        return tuple(refs)

    @property
    def resource_groups(self) -> Tuple[ResourceGroup, ...]:
        return self.region.groups if self.region else ()


def iter_blocks(blocks):
    """Every block, columns, callouts, audience blocks and activities opened up, in reading
    order (every picture the deck uses is among them, whoever it is shown to)."""
    for block in blocks:
        if isinstance(block, Columns):
            for column in block.columns:
                yield from iter_blocks(column)
        elif isinstance(block, (Callout, AudienceBlock, Prep, Debrief)):
            yield from iter_blocks(block.blocks)
        elif isinstance(block, Activity):
            yield from iter_blocks(block.instructions + block.steps + block.prep
                                   + block.debrief)
        else:
            yield block


_NOT_ON_SLIDES = (AudienceBlock, Materials, Prep, Debrief)


def for_participants(blocks: Tuple[Block, ...]) -> Tuple[Block, ...]:
    """What participants read of `blocks` in their handout: `::: handout` blocks opened,
    an activity as its slide shows it; the facilitator's blocks and answers left out."""
    shown = []
    for block in blocks:
        if isinstance(block, AudienceBlock) and block.audience is Audience.HANDOUT:
            shown.extend(for_participants(block.blocks))
        elif not isinstance(block, AudienceBlock):
            shown.extend(on_slide((block,)))
    return tuple(shown)


def on_slide(blocks: Tuple[Block, ...]) -> Tuple[Block, ...]:
    """What the slide itself shows of `blocks`: audience blocks (`::: handout`,
    `::: facilitator`, `::: answer`), materials, prep and debriefs left out; an activity
    as a box (a callout of kind "activity") with its title and the participants'
    instructions. The same tuple when there is nothing to leave out."""
    if not any(isinstance(b, _NOT_ON_SLIDES + (Activity, Columns, Callout)) for b in blocks):
        return blocks
    shown = []
    for block in blocks:
        if isinstance(block, _NOT_ON_SLIDES):
            continue
        if isinstance(block, Activity):
            block = Callout("activity", block.title, on_slide(block.instructions))
        elif isinstance(block, Columns):
            columns = tuple(on_slide(c) for c in block.columns)
            if any(a is not b for a, b in zip(columns, block.columns)):
                block = replace(block, columns=columns)
        elif isinstance(block, Callout):
            inner = on_slide(block.blocks)
            block = block if inner is block.blocks else replace(block, blocks=inner)
        shown.append(block)
    return blocks if len(shown) == len(blocks) and all(
        a is b for a, b in zip(shown, blocks)) else tuple(shown)


def slide_runs(slide: Slide, notes: bool = False, participants: bool = False):
    """Every run a reader sees on `slide` (resource lists aside), in reading order: the
    facilitator guide's whole slide, or with `participants` what the handout and the
    workbook print of it (`for_participants`); with `notes`, the speaker notes' too."""
    yield from slide.title
    yield from slide.subtitle
    for line in slide.byline + ((slide.date,) if slide.date else ()):
        yield from line
    for block in for_participants(slide.blocks) if participants else slide.blocks:
        yield from block_runs(block)
    if notes:
        for text in slide.notes:
            yield from text


def block_runs(block: "Block"):
    """Every run of `block` and of the blocks inside it, in reading order: the one walk
    that link lists, font checks and link-text checks share, so none misses a kind."""
    if isinstance(block, (Paragraph, Heading)):
        yield from block.text
    elif isinstance(block, ListBlock):
        for item in block.items:
            yield from item.text
            for more in item.continued + item.after_pauses:
                yield from more
            for child in item.children:
                yield from block_runs(child)
    elif isinstance(block, Quote):
        for text in block.paragraphs:
            yield from text
        yield from block.attribution or ()
    elif isinstance(block, Table):
        for row in ((block.header,) if block.header else ()) + tuple(block.rows):
            for cell in row:
                yield from cell
        yield from block.caption or ()
    elif isinstance(block, DefinitionList):
        for item in block.items:
            yield from item.term
            for text in item.definitions:
                yield from text
    elif isinstance(block, Materials):
        for text in block.items:
            yield from text
    else:
        yield from _inner_runs(block)


def _inner_runs(block: "Block"):
    """The runs of a block that holds other blocks (columns, callouts, activities...)."""
    inner: tuple = ()
    if isinstance(block, Columns):
        inner = tuple(b for column in block.columns for b in column)
    elif isinstance(block, Callout):
        yield from block.title
        inner = block.blocks
    elif isinstance(block, (AudienceBlock, Prep, Debrief)):
        inner = block.blocks
    elif isinstance(block, Activity):
        yield from block.title
        inner = block.instructions + block.steps
        for text in block.materials:
            yield from text
        inner += block.prep + block.debrief
    for child in inner:
        yield from block_runs(child)


def split_at_visual(blocks) -> Tuple[tuple, tuple]:
    """(the text before the first picture or table, the rest): how pandoc reads a column."""
    for index, block in enumerate(blocks):
        if isinstance(block, (Image, Table)):
            return tuple(blocks[:index]), tuple(blocks[index:])
    return tuple(blocks), ()
