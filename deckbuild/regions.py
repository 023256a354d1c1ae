"""A project's region files: listing them, starting a new one, building every region.

The command line only translates to these functions; they are the library's
answer to "which regions are there", "give me a file to fill in" and "build
this training for every region".
"""
from __future__ import annotations

import datetime
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional, Sequence

from .build import BuildResult, build, check_distinct_outputs, output_paths
from .errors import DeckError, Findings
from .read import project_root_for, regions_dir_for
from .read.region import check_region_key, list_regions, load_region, region_path

REGIONS_DIR = Path("source") / "regions"


# ---------------------------------------------------------------- listing


@dataclass(frozen=True)
class RegionSummary:
    """One region file as `deckbuild regions` shows it (or why it cannot be used)."""

    key: str
    path: Path
    name: str = ""
    groups: int = 0
    resources: int = 0
    verified: str = ""
    error: Optional[str] = None  # `FILE.yaml:LINE: message` when the file is broken


def region_summaries(regions_dir: Path = REGIONS_DIR) -> List[RegionSummary]:
    """Every region file in `regions_dir`, checked, with its resource counts."""
    root = _project_root(regions_dir)
    summaries = []
    for path in list_regions(regions_dir):
        try:
            region = load_region(path, root, Findings())
        except DeckError as exc:
            summaries.append(RegionSummary(path.stem, path, error=str(exc)))
            continue
        summaries.append(RegionSummary(
            path.stem, path, region.name, len(region.groups),
            sum(len(group.items) for group in region.groups), region.verified))
    return summaries


def _project_root(regions_dir: Path) -> Path:
    """source/regions -> the project folder (paths in region files start there)."""
    return project_root_for(Path(regions_dir).resolve().parent / "deck.md")


# ---------------------------------------------------------------- a new region


def scaffold_text(key: str, today: Optional[datetime.date] = None) -> str:
    """A commented region file that builds as it is, for someone to fill in."""
    name = " ".join(part.capitalize() for part in key.replace("_", "-").split("-") if part)
    month = (today or datetime.date.today()).strftime("%Y-%m")
    pad = " " * max(1, 21 - len(name))
    return f'''\
# Region file for {name}: the resources, names and branding of one place.
#
# It builds as it is:   deckbuild build --region {key}
# Then replace each value below with your own. Lines starting with # are
# comments. Put a value in "double quotes" when it contains a colon (:) or a #,
# or starts with a special character such as @, *, &, ! or a quote mark.
# Every field is described in docs/regions.md.

name: {name}{pad}# REQUIRED. Shown on slides as {{{{ region.name }}}}
# verified: "{month}"      # year-month you last checked every phone number and link

organization:              # Optional: who runs the training ({{{{ org.name }}}} ...)
  name: "Your Organization"
  website: "https://www.example.org"     # https:// address
  phone: "555-0100"
  email: "training@example.org"
  # logo: assets/your-logo.png           # a PNG or JPEG, path from the project folder
  # logo-alt: ""                         # what the logo says (default: the name); "" = none

theme:                     # Optional: the look of the slides
  accent: "#1F6F8B"        # accent colour as a hex code, in quotes
  # template: assets/your-template.pptx  # your organization's PowerPoint template

variables:                 # Optional: more names for the deck, used as {{{{ trainer }}}}
  trainer: "Your Name"

resources:                 # REQUIRED: at least one group, each with at least one item
  - group: {name} Resources          # the slide title and handout heading
    items:
      - name: "First service (replace me)"     # REQUIRED
        url: "https://www.example.org"         # https://, http://, mailto: or tel: only
        phone: "555-0101"
        description: "What it offers and who it is for."
        hours: "Mon-Fri 9am-5pm"
'''


def new_region(key: str, regions_dir: Path = REGIONS_DIR) -> Path:
    """Write source/regions/KEY.yaml from the scaffold; never over an existing file."""
    problem = check_region_key(key)
    if problem:
        raise DeckError(problem)
    path = region_path(Path(regions_dir), key)
    if not Path(regions_dir).parent.is_dir():
        raise DeckError(f"there is no {Path(regions_dir).parent} folder here: run this in the"
                        " project folder (the one with source/ in it)")
    if path.exists():
        raise DeckError("this region file already exists; edit it, or choose another name"
                        " (nothing was written)", str(path))
    from .output import write_atomic
    write_atomic(path, scaffold_text(key).encode("utf-8"))
    return path


# ---------------------------------------------------------------- every region


@dataclass
class RegionBuild:
    """One deck built for one region: what was written, or the message why not."""

    source: Path
    region: str
    result: Optional[BuildResult] = None
    error: Optional[str] = None
    lang: Optional[str] = None  # another language than the deck's own

    @property
    def label(self) -> str:
        """"connecticut", "connecticut, es" or "es": what this build was for."""
        return ", ".join(part for part in (self.region, self.lang) if part)  # "" : as it is


class RegionFilesError(DeckError):
    """One or more region files are broken; nothing was built."""

    def __init__(self, errors: Sequence[DeckError]):
        super().__init__(errors[0].message, errors[0].path, errors[0].line)
        self.errors = list(errors)

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


@dataclass
class _Job:
    source: Path
    region: str
    targets: dict
    paper: str
    handout: Optional[str]
    force: bool = False
    facilitator: Optional[bool] = None  # the facilitator guide: as build's `facilitator`
    lang: Optional[str] = None
    strict: bool = False
    limits: bool = True  # False: build decks over deckbuild.limits too


@dataclass
class RegionPlan:
    """The builds `--all-regions` will run, worked out (and checked) before any starts."""

    jobs: List[_Job] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.jobs)


def plan_all_regions(sources: Sequence[Path], out_dir: Path, paper: str = "letter",
                     handout: Optional[str] = None, force: bool = False,
                     facilitator: Optional[bool] = None, regions: bool = True,
                     languages: bool = False, region: Optional[str] = None,
                     lang: Optional[str] = None, strict: bool = False,
                     limits: bool = True) -> RegionPlan:
    """One build per deck and region file (`regions`; else the one `region`), and per
    language of its `languages:` (`languages`; else the one `lang`); every region file
    is checked first."""
    plan = RegionPlan()
    errors: List[DeckError] = []
    checked = set()
    for source in sources:
        codes = _languages(Path(source), languages, lang)
        if not regions:
            for code in codes:
                plan.jobs.append(_Job(Path(source), region or "",
                                      output_paths(Path(source), Path(out_dir), region, code),
                                      paper, handout, force, facilitator, code, strict,
                                      limits))
            continue
        regions_dir = regions_dir_for(Path(source))
        files = list_regions(regions_dir)
        if not files:
            raise DeckError(f"there are no region files in {regions_dir} (make one with"
                            " 'deckbuild region new NAME')", str(source))
        for file in files:
            if file not in checked:
                checked.add(file)
                try:
                    load_region(file, project_root_for(Path(source)), Findings())
                except DeckError as exc:
                    errors.append(exc)
            for code in codes:
                plan.jobs.append(_Job(Path(source), file.stem,
                                      output_paths(Path(source), Path(out_dir), file.stem,
                                                   code), paper, handout, force, facilitator,
                                      code, strict, limits))
    if errors:
        raise RegionFilesError(errors)
    check_distinct_outputs([(f"{job.source} for {_label(job)}", job.targets)
                            for job in plan.jobs])
    return plan


def _languages(source: Path, every: bool, lang: Optional[str]) -> List[Optional[str]]:
    """The languages to build `source` in: None stands for the deck's own."""
    from .translate import build_language, deck_languages
    if not every:
        return [build_language(source, lang) if lang else None]
    tag, codes = deck_languages(source)
    if not codes:  # a deck in one language: built in it
        return [None]
    return list(dict.fromkeys(build_language(source, code) for code in codes))


def _label(job: "_Job") -> str:
    parts = ([f"region {job.region}"] if job.region else []) + \
        ([f"language {job.lang}"] if job.lang else [])
    return " and ".join(parts) or "its own language"


def run_region_builds(plan: RegionPlan, on_done: Callable[[RegionBuild], None] = None,
                      workers: Optional[int] = None) -> List[RegionBuild]:
    """Run the planned builds, in parallel processes when there is more than one.

    `on_done` is called in this process as each build finishes (for a progress bar).
    """
    done: List[RegionBuild] = []
    if len(plan.jobs) <= 1:
        for job in plan.jobs:
            outcome = _build_one(job)
            done.append(outcome)
            if on_done:
                on_done(outcome)
        return done
    workers = workers or min(len(plan.jobs), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_build_one, job) for job in plan.jobs]
        for future in as_completed(futures):
            outcome = future.result()
            done.append(outcome)
            if on_done:
                on_done(outcome)
    order = {(job.source, job.region, job.lang): n for n, job in enumerate(plan.jobs)}
    return sorted(done, key=lambda o: order[(o.source, o.region, o.lang)])


def _build_one(job: _Job) -> RegionBuild:
    """One build in a worker; input problems come back as text (`path:line: message`)."""
    try:
        result = build(job.source, job.targets, region=job.region or None, paper=job.paper,
                       handout=job.handout, force=job.force, facilitator=job.facilitator,
                       lang=job.lang, strict=job.strict, limits=job.limits)
    except DeckError as exc:
        return RegionBuild(job.source, job.region, error=str(exc), lang=job.lang)
    return RegionBuild(job.source, job.region, result=result, lang=job.lang)
