"""Builds: incremental lists and `. . .` pauses, as PowerPoint's "Appear" on each click.

Incremental lists show each bullet on a click ("Appear, By paragraph"); after a
pause, everything that follows on the slide (text, pictures, tables, in the
order written) appears on the next click, whole shapes as one.

python-pptx has no API for animations, so the slide's `p:timing` is written the
way PowerPoint itself writes an Appear entrance effect built by paragraph: one
click group per top-level bullet (its sub-bullets appear with it, PowerPoint's
"by 1st level paragraphs"), each paragraph made visible by a `p:set` on
`style.visibility`, and a `p:bldP build="p"` entry per shape. LibreOffice
Impress reads the same XML, so the deck builds the same there.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from lxml import etree
from pptx.oxml.ns import qn

from ...layout.paragraphs import TextPara

Build = Tuple[int, List[List[int]]]  # (shape id, paragraph indexes shown on each click)
Target = Tuple[int, Optional[int]]  # (shape id, paragraph index; None: the whole shape)


def click_groups(paras: Sequence[TextPara]) -> List[List[int]]:
    """Which paragraphs of a text box appear on each click; others are there from the start."""
    groups: List[List[int]] = []
    top = None
    for index, para in enumerate(paras):
        if not para.incremental:
            top = None
            continue
        if top is None or para.level <= top:
            groups.append([index])
            top = para.level
        else:
            groups[-1].append(index)  # a sub-bullet appears with its bullet
    return groups


class SlideBuilds:
    """The clicks of one slide, collected part by part in reading order."""

    def __init__(self):
        self.clicks: List[List[Target]] = []
        self.kinds: Dict[int, str] = {}  # shape id -> "p" (by paragraph) | "sp" | "graphic" | "pic"
        self.stage: Optional[int] = None  # the click the last pause's part appears on

    def text(self, shape_id: int, paras: Sequence[TextPara]) -> None:
        top = None
        for index, para in enumerate(paras):
            if para.pause:
                self.clicks.append([])
                self.stage = len(self.clicks) - 1
                top = None
                if para.incremental:
                    self._add(self.clicks[-1], shape_id, index)
                    top = para.level
                    continue
            if para.incremental:
                if top is None or para.level <= top:
                    self.clicks.append([])
                    top = para.level
                self._add(self.clicks[-1], shape_id, index)  # a sub-bullet with its bullet
                continue
            top = None
            if self.stage is not None:
                self._add(self.clicks[self.stage], shape_id, index)

    def shape(self, shape_id: int, kind: str, pause: bool = False) -> None:
        """A picture, table, caption or box: shown whole, with the part it belongs to."""
        if pause:
            self.clicks.append([])
            self.stage = len(self.clicks) - 1
        if self.stage is not None:
            self.kinds.setdefault(shape_id, kind)
            self.clicks[self.stage].append((shape_id, None))

    def _add(self, click: List[Target], shape_id: int, index: int) -> None:
        self.kinds.setdefault(shape_id, "p")
        click.append((shape_id, index))

    def __bool__(self) -> bool:
        return any(self.clicks)


class _Ids:
    def __init__(self):
        self.value = 0

    def next(self) -> str:
        self.value += 1
        return str(self.value)


def _sub(parent, tag: str, **attrs):
    element = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        element.set(key, value)
    return element


def _condition(parent, delay: str):
    _sub(_sub(parent, "p:stCondLst"), "p:cond", delay=delay)


def _appear(parent, ids: _Ids, shape_id: int, paragraph: int, node_type: str) -> None:
    """One paragraph's Appear entrance effect (PowerPoint's preset 1, "Appear")."""
    ctn = _sub(_sub(parent, "p:par"), "p:cTn", id=ids.next(), presetID="1", presetClass="entr",
               presetSubtype="0", fill="hold", grpId="0", nodeType=node_type)
    _condition(ctn, "0")
    behaviour = _sub(_sub(_sub(ctn, "p:childTnLst"), "p:set"), "p:cBhvr")
    timing = _sub(behaviour, "p:cTn", id=ids.next(), dur="1", fill="hold")
    _condition(timing, "0")
    target = _sub(_sub(behaviour, "p:tgtEl"), "p:spTgt", spid=str(shape_id))
    if paragraph is not None:
        _sub(_sub(target, "p:txEl"), "p:pRg", st=str(paragraph), end=str(paragraph))
    _sub(_sub(behaviour, "p:attrNameLst"), "p:attrName").text = "style.visibility"
    _sub(_sub(behaviour.getparent(), "p:to"), "p:strVal", val="visible")


def timing_element(builds: Sequence[Build]):
    """The `p:timing` element for the given shapes' click groups, in click order."""
    clicks = [[(shape_id, paragraph) for paragraph in group]
              for shape_id, groups in builds for group in groups]
    return clicks_timing(clicks, {shape_id: "p" for shape_id, _ in builds})


def clicks_timing(clicks: Sequence[Sequence[Target]], kinds: Dict[int, str]):
    """The `p:timing` element: each click shows its targets, the first one leading."""
    ids = _Ids()
    timing = etree.Element(qn("p:timing"))
    root = _sub(_sub(_sub(timing, "p:tnLst"), "p:par"), "p:cTn", id=ids.next(),
                dur="indefinite", restart="never", nodeType="tmRoot")
    sequence = _sub(_sub(root, "p:childTnLst"), "p:seq", concurrent="1", nextAc="seek")
    main = _sub(sequence, "p:cTn", id=ids.next(), dur="indefinite", nodeType="mainSeq")
    steps = _sub(main, "p:childTnLst")
    for targets in clicks:
        if not targets:
            continue
        click = _sub(_sub(steps, "p:par"), "p:cTn", id=ids.next(), fill="hold")
        _condition(click, "indefinite")
        together = _sub(_sub(_sub(click, "p:childTnLst"), "p:par"), "p:cTn", id=ids.next(),
                        fill="hold")
        _condition(together, "0")
        effects = _sub(together, "p:childTnLst")
        for position, (shape_id, paragraph) in enumerate(targets):
            _appear(effects, ids, shape_id, paragraph,
                    "clickEffect" if position == 0 else "withEffect")
    for name, event in (("p:prevCondLst", "onPrev"), ("p:nextCondLst", "onNext")):
        condition = _sub(_sub(sequence, name), "p:cond", evt=event, delay="0")
        _sub(_sub(condition, "p:tgtEl"), "p:sldTgt")
    built = _sub(timing, "p:bldLst")
    for shape_id, kind in kinds.items():
        if kind == "p":
            _sub(built, "p:bldP", spid=str(shape_id), grpId="0", uiExpand="1", build="p")
        elif kind == "sp":
            _sub(built, "p:bldP", spid=str(shape_id), grpId="0", animBg="1")
        elif kind == "graphic":
            _sub(_sub(built, "p:bldGraphic", spid=str(shape_id), grpId="0"), "p:bldAsOne")
    return timing


def add_paragraph_builds(slide, builds) -> None:
    """Write the slide's timing: after `p:clrMapOvr` and `p:transition`, before `p:extLst`.

    `builds` is a `SlideBuilds`, or (shape id, click groups) pairs of incremental lists.
    """
    sld = slide._element
    for old in sld.findall(qn("p:timing")):
        sld.remove(old)
    timing = clicks_timing(builds.clicks, builds.kinds) if isinstance(builds, SlideBuilds) \
        else timing_element(builds)
    ext_lst = sld.find(qn("p:extLst"))
    if ext_lst is not None:
        ext_lst.addprevious(timing)
    else:
        sld.append(timing)
