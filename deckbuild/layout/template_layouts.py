"""Which layout of an organization's template holds each of our layouts.

Templates name their layouts in their own language and words ("Conteúdo",
"TITLE_AND_BODY_1", "标题幻灯片"), many give them no `type`, and some have two
masters. A layout is found, in order:

1. on the master the template's own title slide is on (its main design), it or a
   stand-in for it; only then on another master;
2. by its name (English, or a translation PowerPoint uses), by its `type`, then
   by what its placeholders make of it (a centred title is a title slide, a
   title over one body is a content slide...);
3. among equals, the one the template's own slides use (its first slide for the
   title slide).

When the template has no such layout, a similar one stands in (Comparison ->
Two Content -> Title and Content...), and `fell_back` says so.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from ..design.template import Template, TemplateLayout
from ..model import Layout

LAYOUT_NAMES: Dict[Layout, str] = {
    Layout.TITLE: "Title Slide",
    Layout.SECTION: "Section Header",
    Layout.CONTENT: "Title and Content",
    Layout.RESOURCES: "Title and Content",
    Layout.QUOTE: "Title and Content",
    Layout.TWO_CONTENT: "Two Content",
    Layout.COMPARISON: "Comparison",
    Layout.TITLE_ONLY: "Title Only",
    Layout.BLANK: "Blank",
}
LAYOUT_TYPES = {
    "Title Slide": "title", "Section Header": "secHead", "Title and Content": "obj",
    "Two Content": "twoObj", "Comparison": "twoTxTwoObj", "Title Only": "titleOnly",
    "Blank": "blank",
}
# Layout types that say little about the layout: none, custom, and "tx" (title and text),
# which LibreOffice and Google Slides give all kinds of layouts. Such layouts are known
# by their placeholders; one of PowerPoint's other types is taken at its word.
LOOSE_TYPES = ("", "cust", "tx")
FALLBACKS = {
    "Title Slide": ("Section Header", "Title Only", "Title and Content", "Blank"),
    "Section Header": ("Title Only", "Title Slide", "Title and Content", "Blank"),
    "Title and Content": ("Two Content", "Title Only", "Blank"),
    "Two Content": ("Comparison", "Title and Content", "Title Only", "Blank"),
    "Comparison": ("Two Content", "Title and Content", "Title Only", "Blank"),
    "Title Only": ("Title and Content", "Blank"),
    "Blank": ("Title Only", "Title and Content"),
}
# The names PowerPoint gives its layouts in other languages (a template made in
# PowerPoint keeps them even where it drops the type).
TRANSLATIONS = {
    "Title Slide": ("Titelfolie", "Diapositive de titre", "Diapositiva de título",
                    "Diapositivo de Título", "Slide de Título", "Diapositiva titolo",
                    "Titeldia", "标题幻灯片", "タイトル スライド", "제목 슬라이드"),
    "Title and Content": ("Titel und Inhalt", "Titre et contenu", "Título y objetos",
                          "Título e Conteúdo", "Titolo e contenuto", "Titel en object",
                          "标题和内容", "タイトルとコンテンツ", "제목 및 내용"),
    "Section Header": ("Abschnittsüberschrift", "Titre de section", "Encabezado de sección",
                       "Cabeçalho da Secção", "Cabeçalho de Seção", "Intestazione sezione",
                       "Sectiekop", "节标题", "セクション見出し", "구역 머리글"),
    "Two Content": ("Zwei Inhalte", "Deux contenus", "Dos objetos", "Duas Partes de Conteúdo",
                    "Dois Conteúdos", "Due contenuti", "Twee objecten", "两栏内容",
                    "2 つのコンテンツ", "콘텐츠 2개"),
    "Comparison": ("Vergleich", "Comparaison", "Comparación", "Comparação", "Confronto",
                   "Vergelijking", "比较", "比較", "비교"),
    "Title Only": ("Nur Titel", "Titre seul", "Solo el título", "Apenas Título",
                   "Somente Título", "Solo titolo", "Alleen titel", "仅标题", "タイトルのみ",
                   "제목만"),
    "Blank": ("Leer", "Vide", "En blanco", "Em branco", "Branco", "Vuoto", "Leeg", "空白",
              "白紙", "빈 화면"),
}


def normal(name: str) -> str:
    return " ".join(name.split()).casefold()


_NAMES = {normal(english): english for english in LAYOUT_TYPES}
_NAMES.update({normal(local): english for english, names in TRANSLATIONS.items()
               for local in names})


def english_name(layout: TemplateLayout) -> Optional[str]:
    """Which of our layout names the layout's own name is (in English or translated)."""
    return _NAMES.get(normal(layout.name))


def classify(layout: TemplateLayout, height: float) -> str:
    """What kind of layout its placeholders make, as a `type` would say it; '' for none."""
    text = [p for p in layout.placeholders if p.cloned and not p.text.vertical]
    titles = [p for p in text if p.type in ("title", "ctrTitle")]
    bodies = [p for p in text if p.type in ("body", "obj", "subTitle")]
    if any(p.type == "ctrTitle" for p in titles) or (titles and any(
            p.type == "subTitle" for p in bodies)):
        return "title"
    if not titles:
        return "blank" if not bodies else ""
    title = titles[0]
    if not bodies:
        return "titleOnly"
    if len(bodies) == 1:
        return "secHead" if title.box.y > 0.3 * height else "obj"
    columns = column_groups(bodies)
    if len(columns) == 2 and all(len(c) >= 2 for c in columns):
        return "twoTxTwoObj"
    if len(columns) == 2:
        return "twoObj"
    return "secHead" if title.box.y > 0.3 * height else "obj"


def column_groups(bodies) -> List[list]:
    """Placeholders grouped into columns by their horizontal extent."""
    columns: List[list] = []
    for ph in sorted(bodies, key=lambda p: p.box.x):
        if columns and ph.box.x < max(p.box.x + p.box.w for p in columns[-1]) - 1:
            columns[-1].append(ph)
        else:
            columns.append([ph])
    return columns


def choose(template: Template, wanted: str,
           avoid: Iterable[TemplateLayout] = ()) -> Tuple[TemplateLayout, bool]:
    """The layout for `wanted` (one of our layout names), and whether it stands in for it."""
    avoid = list(avoid)
    main = [lay for lay in template.layouts if lay.master == template.main_master]
    others = [lay for lay in template.layouts if lay.master != template.main_master]
    # The main master's own layouts first, with their fallbacks; another master's design
    # only when the main one has nothing that will do.
    for pool in (main, others):
        for candidate in (wanted,) + FALLBACKS[wanted]:
            found = _best(template, pool, candidate, avoid)
            if found is not None:
                return found, candidate != wanted
    return (main or list(template.layouts))[0], True


def _best(template: Template, pool, candidate: str, avoid) -> Optional[TemplateLayout]:
    tests = (lambda lay: english_name(lay) == candidate,
             lambda lay: lay.type == LAYOUT_TYPES[candidate],
             lambda lay: lay.type in LOOSE_TYPES
             and classify(lay, template.height) == LAYOUT_TYPES[candidate])
    for test in tests:
        found = [lay for lay in pool if test(lay)]
        if found:
            preferred = [lay for lay in found if lay not in avoid] or found
            return min(preferred, key=lambda lay: _preference(lay, candidate))
    return None


def _preference(layout: TemplateLayout, candidate: str) -> tuple:
    """Sorts first: the layout the template's own slides use for this (its first slide for
    the title slide, its other slides for the rest), then the template's order."""
    if candidate == "Title Slide":
        return (0 if 1 in layout.used_by else 1, layout.master, layout.index)
    later = len([n for n in layout.used_by if n > 1])
    return (-later, layout.master, layout.index)
