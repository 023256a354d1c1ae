"""A draft region file from an imported deck: its resources as found, its template.

Everything in it was read off slides, so it says so: a comment at the top asks
the trainer to check every entry, and each entry carries `# check` until
someone has.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Sequence

from ..model import Meta, ResourceGroup
from .markdown import yaml_scalar


def region_yaml(key: str, meta: Meta, groups: Sequence[ResourceGroup],
                template: Optional[Path], root: Path, source: str = "") -> str:
    name = key.replace("-", " ").replace("_", " ").title()
    lines = [
        f"# Region file {key}, a draft written by 'deckbuild import'{' from ' + source if source else ''}.",
        "#",
        "# The resources below were read from the deck's slides as they were. Check every",
        "# name, address, phone number and opening hours before you present or print, then",
        "# remove its '# check' and set 'verified' to the month you checked them.",
        "",
        f"name: {yaml_scalar(name)}",
        '# verified: "YYYY-MM"',
    ]
    if template is not None:
        relative = Path(os.path.relpath(Path(template).resolve(), Path(root).resolve()))
        lines += ["", "theme:",
                  f"  template: {yaml_scalar(relative.as_posix())}   # the imported deck's own"
                  " design"]
    if groups:
        lines += ["", "resources:"]
        for group in groups:
            lines.append(f"  - group: {yaml_scalar(group.title)}")
            lines.append("    items:")
            for item in group.items:
                lines.append(f"      - name: {yaml_scalar(item.name)}   # check")
                for field in ("url", "phone", "hours", "description"):
                    value = getattr(item, field)
                    if value:
                        lines.append(f"        {field}: {_quoted(value)}")
    else:
        lines += ["", "# No resource slides were found in the deck. Add your resources here:",
                  "# resources:", "#   - group: Local Resources", "#     items:",
                  "#       - name: ...", '#         url: "https://..."']
    return "\n".join(lines) + "\n"


def _quoted(value: str) -> str:
    """Addresses, phone numbers and descriptions in quotes, as the README advises."""
    import json
    return json.dumps(value, ensure_ascii=False)
