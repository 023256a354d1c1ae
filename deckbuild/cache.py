"""Incremental builds: an output whose inputs have not changed is not built again.

Trainers rebuild after every edit and `make deck` builds every deck, so an output
is only rebuilt when something it was made from changed. A record beside the
outputs (`.deckbuild-cache.json` in the output folder, one entry per output file)
keeps a content hash of every file the output was built from (the Markdown, the
region file, pictures and backgrounds, template, logo and fonts, as the model
names them), the build options (region, paper, handout layout) and deckbuild's
version and code. The next build checks that record before reading anything, so
an unchanged deck costs a few hashes instead of a build. Content hashes, not
modification times: a file saved without changes, or copied with a new date, is
not a reason to rebuild. An output that was deleted or replaced since is rebuilt.

This module imports nothing heavy, so "up to date" answers come quickly.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Dict, Iterable, List, Optional

from . import __version__
from .output import write_atomic

CACHE_NAME = ".deckbuild-cache.json"
LOCK_NAME = ".deckbuild-cache.lock"
FORMAT = 1

_code_digest: Optional[str] = None


def deckbuild_digest() -> str:
    """deckbuild's version and a hash of its own code: a changed program changes outputs."""
    global _code_digest
    if _code_digest is None:
        digest = hashlib.sha256(__version__.encode())
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*.py")):
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
        _code_digest = digest.hexdigest()
    return _code_digest


def input_files(deck, source: Path) -> List[Path]:
    """Every file `deck` was built from: Markdown, region, pictures, template, logo, fonts."""
    from .model import Image, iter_blocks

    paths = [Path(source)]
    if deck.region is not None:
        paths.append(Path(deck.region.source.path))
        paths.append(deck.region.template)
        if deck.region.organization is not None:
            paths.append(deck.region.organization.logo)
    theme = deck.theme
    paths += [theme.template, theme.logo, *theme.font_files]
    for slide in deck.slides:
        if slide.background:
            paths.append(slide.background)
        paths += [block.path for block in iter_blocks(slide.blocks) if isinstance(block, Image)]
    unique: Dict[str, Path] = {}
    for path in paths:
        if path:
            resolved = Path(path).resolve()
            unique.setdefault(str(resolved), resolved)
    return sorted(unique.values())


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes, or "missing" (a deleted input must rebuild)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "missing"


def fingerprint(kind: str, options: dict, hashes: Dict[str, str]) -> str:
    """One hash over everything that decides an output's bytes."""
    text = json.dumps({"deckbuild": deckbuild_digest(), "kind": kind, "options": options,
                       "inputs": hashes}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


class BuildCache:
    """The record of one output folder: which outputs are current, and from what."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / CACHE_NAME
        self.entries: Dict[str, dict] = self._read()
        self.changed: Dict[str, Optional[dict]] = {}  # name -> new entry, None = forgotten

    def _read(self) -> Dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # no record yet, or a damaged one: everything is built
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return {}
        outputs = data.get("outputs")
        return outputs if isinstance(outputs, dict) else {}

    def current(self, output: Path, kind: str, options: dict) -> Optional[dict]:
        """The output's entry if it exists as written and none of its inputs changed."""
        entry = self.entries.get(Path(output).name)
        if not isinstance(entry, dict):
            return None
        try:
            stat = os.stat(output)
            inputs = [Path(p) for p in entry["inputs"]]
            if [stat.st_size, stat.st_mtime_ns] != entry["written"]:
                return None  # deleted, replaced or edited since we wrote it
            if fingerprint(kind, options, {str(p): file_hash(p) for p in inputs}) != entry["key"]:
                return None
        except (OSError, KeyError, TypeError):
            return None
        return entry

    def remember(self, output: Path, kind: str, options: dict, inputs: Iterable[Path],
                 started_ns: int, slides: int) -> None:
        """Record a freshly written output, unless an input changed while it was built.

        An input modified after `started_ns` may differ from what was read; the
        output is then left unrecorded, so the next build makes it again.
        """
        inputs = list(inputs)
        hashes = {}
        for path in inputs:
            try:
                if os.stat(path).st_mtime_ns > started_ns:
                    self.forget(output)
                    return
            except OSError:
                pass
            hashes[str(path)] = file_hash(path)
        stat = os.stat(output)
        name = Path(output).name
        self.entries[name] = self.changed[name] = {
            "key": fingerprint(kind, options, hashes),
            "inputs": [str(p) for p in inputs],
            "written": [stat.st_size, stat.st_mtime_ns],
            "slides": slides,
        }

    def forget(self, output: Path) -> None:
        name = Path(output).name
        self.entries.pop(name, None)
        self.changed[name] = None

    def save(self) -> None:
        """Write the record; entries other builds saved meanwhile are kept.

        (`--all-regions` builds in parallel processes into one folder: each adds its
        own outputs to what is on disk now, rather than writing back what it read.)
        """
        if not self.changed:
            return
        with _locked(self.folder / LOCK_NAME):
            entries = self._read()
            for name, entry in self.changed.items():
                if entry is None:
                    entries.pop(name, None)
                else:
                    entries[name] = entry
            data = {"format": FORMAT, "outputs": entries}
            write_atomic(self.path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())
        self.entries, self.changed = entries, {}


@contextlib.contextmanager
def _locked(path: Path):
    """Only one process at a time reads, merges and writes the record."""
    try:
        handle = open(path, "a+b")
    except OSError:
        yield  # a folder we cannot lock in: writing the record will say what is wrong
        return
    with handle:
        try:
            import fcntl
        except ImportError:  # Windows
            import msvcrt
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
