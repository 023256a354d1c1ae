"""`deckbuild import`: an organization's PowerPoint deck becomes a deckbuild source.

Reads the .pptx into the deck model (`read.pptx`), writes it as Markdown
(`write.markdown`), its pictures into `assets/NAME/`, and with a region a
draft region file of the resources it found (`write.region`) and, with
`template`, the deck's own masters and layouts as the region's template. All
files are written together or not at all, and none that exists is replaced
without `force`.
"""
from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Tuple

from .errors import DeckError
from .output import write_all_atomic
from .read import project_root_for, regions_dir_for
from .read.region import check_region_key
from .write.markdown import MarkdownWriter, relative_to


@dataclass
class ImportResult:
    markdown: Path
    slides: int
    written: List[Path] = field(default_factory=list)
    lost: Tuple[str, ...] = ()
    region: Optional[Path] = None
    resources: int = 0
    template: Optional[Path] = None


def deck_name(pptx: Path) -> str:
    """A source name from the file's name: lower case, words joined by '-'."""
    words = re.findall(r"[a-z0-9]+", pptx.stem.lower().encode("ascii", "ignore").decode())
    return "-".join(words)[:60].strip("-") or "imported"


def import_deck(pptx, output=None, region: Optional[str] = None, assets=None,
                template: bool = False, force: bool = False) -> ImportResult:
    from .read.pptx import read_pptx
    from .read.pptx.resources import find_resources

    pptx = Path(pptx)
    name = deck_name(pptx)
    markdown = Path(output) if output else Path("source") / f"{name}.md"
    if markdown.suffix.lower() != ".md":
        raise DeckError("the Markdown file to write must end in .md", str(markdown))
    if region:
        problem = check_region_key(region)
        if problem:
            raise DeckError(problem)
    if template and not region:
        raise DeckError("--template keeps the deck's design as a region's template: give the"
                        " region a name with --region NAME")
    root = project_root_for(markdown)
    assets_dir = Path(assets) if assets else root / "assets" / markdown.stem
    if not assets_dir.resolve().is_relative_to(root.resolve()):
        raise DeckError(f"the pictures must go inside the project folder ({root}), where the"
                        " deck can use them", str(assets_dir))
    if not pptx.exists():
        raise DeckError("there is no such file", str(pptx))

    imported = read_pptx(pptx, markdown.stem, assets_dir)
    deck = imported.deck
    files = {}
    region_path = None
    template_path = None
    resources = 0
    extra_front = []
    if region:
        from .write.region import region_yaml
        region_path = regions_dir_for(markdown) / f"{region}.yaml"
        deck, groups = find_resources(deck)
        resources = sum(len(g.items) for g in groups)
        if template:
            template_path = Path(os.path.relpath(assets_dir / "template.pptx"))
            files[template_path] = template_bytes(pptx)
        files[region_path] = region_yaml(region, deck.meta, groups, template_path,
                                         root).encode("utf-8")
        deck = _with_groups(deck, region, groups, region_path)
        extra_front.append(("region", region))
    for path, data in imported.pictures:
        files[Path(path)] = data
    writer = MarkdownWriter(relative_to(markdown.resolve().parent), imported.comments)
    files[markdown] = writer.deck(deck, extra_front).encode("utf-8")
    if not force:
        existing = [p for p in files if Path(p).exists()]
        if existing:
            shown = ", ".join(str(p) for p in existing[:3])
            more = f" and {len(existing) - 3} more" if len(existing) > 3 else ""
            raise DeckError(f"{shown}{more} already exist{'s' if len(existing) == 1 else ''};"
                            " nothing was written (use --force to replace, or -o to write"
                            " somewhere else)")
    write_all_atomic(files)
    return ImportResult(markdown, len(deck.slides), sorted(files, key=str), imported.lost,
                        region_path, resources, template_path)


def _with_groups(deck, key: str, groups, path: Path):
    from dataclasses import replace

    from .model import Region, Source
    return replace(deck, region=Region(key, key, Source(str(path)), groups=tuple(groups)))


def template_bytes(pptx: Path) -> bytes:
    """The deck with its slides removed: its masters, layouts and theme, as a template."""
    from .read.pptx.package import open_presentation
    from .render.pptx.template import remove_slides

    import datetime

    from .render.pptx.package import reproducible_zip

    prs, _ = open_presentation(pptx)
    remove_slides(prs)
    out = io.BytesIO()
    prs.save(out)
    # Saved with one fixed date, so the same deck gives the same template file.
    when = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
    return reproducible_zip(out.getvalue(), when)
