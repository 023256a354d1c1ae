"""A region's own translations: `description: {en: ..., es: ...}` or `NAME.es.yaml`.

A region file is shared by every deck that uses it, so it may carry its texts'
translations itself: per field, or as a whole file `connecticut.es.yaml` beside
`connecticut.yaml`, in the same form, whose groups and entries are those of the
English file in the same order (its names, addresses and phone numbers are not
used: the English file's are, and a difference is warned about, so the two cannot
drift apart unseen). What the region file translates wins over the deck's PO file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional

from ..errors import Findings
from ..i18n.languages import primary
from ..model import Region


def language_file(region: Region, code: str) -> Path:
    """source/regions/connecticut.yaml -> source/regions/connecticut.es.yaml."""
    path = Path(region.source.path)
    return path.with_name(f"{path.stem}.{code}.yaml")


def region_translations(region: Optional[Region], code: str, project_root: Path,
                        findings: Findings) -> Dict[str, str]:
    """English text -> its translation into `code`, as the region files give them."""
    if region is None:
        return {}
    found: Dict[str, str] = {}
    for english, others in region.translations:
        wanted = dict(others)
        text = wanted.get(code.lower()) or next(
            (t for c, t in others if primary(c) == primary(code)), None)
        if text:
            found[english] = text
    path = language_file(region, code)
    if path.is_file():
        found = {**_from_file(region, path, project_root, findings), **found}
    return found


def _from_file(region: Region, path: Path, root: Path, findings: Findings) -> Dict[str, str]:
    from ..read.region import load_region
    other = load_region(path, root, findings)
    where = str(path)
    found: Dict[str, str] = {}
    if len(other.groups) != len(region.groups):
        findings.warn(f"this file has {len(other.groups)} resource groups and"
                      f" {Path(region.source.path).name} has {len(region.groups)}: each group of"
                      " the English file is translated by the group in the same place here",
                      where, rule="region-language")
    for group, translated in zip(region.groups, other.groups):
        _pair(found, group.title, translated.title)
        if len(group.items) != len(translated.items):
            findings.warn(f"the group '{translated.title}' has {len(translated.items)} entries"
                          f" here and {len(group.items)} in the English file; entries are"
                          " paired in order", where, translated.source.line,
                          rule="region-language")
        for item, entry in zip(group.items, translated.items):
            for field in ("url", "phone"):
                if getattr(entry, field) and getattr(entry, field) != getattr(item, field):
                    findings.warn(f"'{entry.name}' has the {field} {getattr(entry, field)} here"
                                  f" and {getattr(item, field)} in the English file, which is"
                                  " the one used: keep them the same", where,
                                  translated.source.line, rule="region-language")
            _pair(found, item.description, entry.description)
            _pair(found, item.hours, entry.hours)
    return found


def _pair(found: Dict[str, str], english: str, translated: str) -> None:
    if english and translated:
        found.setdefault(english, translated)


def missing_region_texts(units: List, translations: Dict[str, str]) -> List:
    """The region's units that neither the region files nor the PO file translate."""
    return [u for u in units if u.context.startswith("region ")
            and u.msgid not in translations]
