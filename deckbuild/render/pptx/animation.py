"""Incremental lists: each bullet appears on a click, as PowerPoint's "Appear, By paragraph".

python-pptx has no API for animations, so the slide's `p:timing` is written the
way PowerPoint itself writes an Appear entrance effect built by paragraph: one
click group per top-level bullet (its sub-bullets appear with it, PowerPoint's
"by 1st level paragraphs"), each paragraph made visible by a `p:set` on
`style.visibility`, and a `p:bldP build="p"` entry per shape. LibreOffice
Impress reads the same XML, so the deck builds the same there.
"""
from __future__ import annotations

from typing import List, Sequence, Tuple

from lxml import etree
from pptx.oxml.ns import qn

from ...layout.paragraphs import TextPara

Build = Tuple[int, List[List[int]]]  # (shape id, paragraph indexes shown on each click)


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
    _sub(_sub(target, "p:txEl"), "p:pRg", st=str(paragraph), end=str(paragraph))
    _sub(_sub(behaviour, "p:attrNameLst"), "p:attrName").text = "style.visibility"
    _sub(_sub(behaviour.getparent(), "p:to"), "p:strVal", val="visible")


def timing_element(builds: Sequence[Build]):
    """The `p:timing` element for the given shapes' click groups, in click order."""
    ids = _Ids()
    timing = etree.Element(qn("p:timing"))
    root = _sub(_sub(_sub(timing, "p:tnLst"), "p:par"), "p:cTn", id=ids.next(),
                dur="indefinite", restart="never", nodeType="tmRoot")
    sequence = _sub(_sub(root, "p:childTnLst"), "p:seq", concurrent="1", nextAc="seek")
    main = _sub(sequence, "p:cTn", id=ids.next(), dur="indefinite", nodeType="mainSeq")
    clicks = _sub(main, "p:childTnLst")
    for shape_id, groups in builds:
        for group in groups:
            click = _sub(_sub(clicks, "p:par"), "p:cTn", id=ids.next(), fill="hold")
            _condition(click, "indefinite")
            together = _sub(_sub(_sub(click, "p:childTnLst"), "p:par"), "p:cTn", id=ids.next(),
                            fill="hold")
            _condition(together, "0")
            effects = _sub(together, "p:childTnLst")
            for position, paragraph in enumerate(group):
                _appear(effects, ids, shape_id, paragraph,
                        "clickEffect" if position == 0 else "withEffect")
    for name, event in (("p:prevCondLst", "onPrev"), ("p:nextCondLst", "onNext")):
        condition = _sub(_sub(sequence, name), "p:cond", evt=event, delay="0")
        _sub(_sub(condition, "p:tgtEl"), "p:sldTgt")
    built = _sub(timing, "p:bldLst")
    for shape_id, _ in builds:
        _sub(built, "p:bldP", spid=str(shape_id), grpId="0", uiExpand="1", build="p")
    return timing


def add_paragraph_builds(slide, builds: Sequence[Build]) -> None:
    """Write the slide's timing: after `p:clrMapOvr` and `p:transition`, before `p:extLst`."""
    sld = slide._element
    for old in sld.findall(qn("p:timing")):
        sld.remove(old)
    timing = timing_element(builds)
    ext_lst = sld.find(qn("p:extLst"))
    if ext_lst is not None:
        ext_lst.addprevious(timing)
    else:
        sld.append(timing)
