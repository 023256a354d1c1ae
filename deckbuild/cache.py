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
import stat
from pathlib import Path
from typing import Dict, Iterable, List, Optional

from . import __version__
from .errors import Finding

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
        for path in sorted([*package.rglob("*.py"), *package.rglob("*.po")]):
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
        _code_digest = digest.hexdigest()
    return _code_digest


def input_files(deck, source: Path, lang: Optional[str] = None) -> List[Path]:
    """Every file `deck` was built from: Markdown, region, pictures, template, logo, fonts
    (and, in another language, its translation)."""
    from .model import Image, iter_blocks

    paths = [Path(source)]
    if lang:
        from .translate import translation_inputs
        paths += translation_inputs(source, lang, deck)
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
    """SHA-256 of the file's bytes, or "missing" (a deleted input must rebuild).

    Only regular files are read: a pipe or a device in an input's place (which
    would block, or never end) counts as missing, and the reader then says why.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return "missing"
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return "missing"
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "missing"
    finally:
        if fd >= 0:
            os.close(fd)


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
            if not stat.S_ISREG(os.stat(self.path).st_mode):
                return {}
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # no record yet, or a damaged one: everything is built
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return {}
        outputs = data.get("outputs")
        return outputs if isinstance(outputs, dict) else {}

    def current(self, output: Path, kind: str, options: dict,
                source: Path) -> Optional[dict]:
        """The output's entry if it was built from `source`, exists as written and none
        of its inputs changed."""
        entry = self.entries.get(Path(output).name)
        if not isinstance(entry, dict) or entry.get("source") != str(Path(source).resolve()):
            return None
        try:
            info = os.stat(output)
            inputs = [Path(p) for p in entry["inputs"]]
            if [info.st_size, info.st_mtime_ns] != entry["written"]:
                return None  # deleted, replaced or edited since we wrote it
            if fingerprint(kind, options, {str(p): file_hash(p) for p in inputs}) != entry["key"]:
                return None
        except (OSError, KeyError, TypeError):
            return None
        return entry

    def remember(self, output: Path, kind: str, options: dict, inputs: Iterable[Path],
                 started_ns: int, slides: int, source: Optional[Path] = None,
                 written: Optional[os.stat_result] = None) -> None:
        """Record an output about to be put in place (`written`: its staged file's
        status, else the output's own) and the deck it is built from.

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
        name = Path(output).name
        written = written if written is not None else os.stat(output)
        self.entries[name] = self.changed[name] = {
            "key": fingerprint(kind, options, hashes),
            "source": str(Path(source).resolve()) if source is not None else None,
            "inputs": [str(p) for p in inputs],
            "written": [written.st_size, written.st_mtime_ns],
            "slides": slides,
        }

    def forget(self, output: Path) -> None:
        name = Path(output).name
        self.entries.pop(name, None)
        self.changed[name] = None

    def blocked(self) -> Optional[Finding]:
        """Why the record cannot be written where it belongs (a folder in its place), if so."""
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        if stat.S_ISREG(info.st_mode) and info.st_mode & stat.S_IWUSR:
            return None
        return Finding("warning", "the build record cannot be kept here (something that is"
                       " not a writable file has its name), so every build makes every output"
                       " again; remove it", str(self.path), rule="build-record")

    def merged(self) -> Optional[bytes]:
        """The record to write: what is on disk now (other builds' entries included) with
        this build's changes; None when there are none.

        (`--all-regions` builds in parallel processes into one folder: each adds its
        own outputs to what is on disk, under `locked`, rather than writing back what
        it read.)
        """
        if not self.changed:
            return None
        entries = self._read()
        for name, entry in self.changed.items():
            if entry is None:
                entries.pop(name, None)
            else:
                entries[name] = entry
        self.entries = entries
        data = {"format": FORMAT, "outputs": entries}
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()

    def saved(self) -> None:
        self.changed = {}

    def save(self) -> None:
        """Write the record now (a build writes it together with its outputs instead)."""
        from .output import write_atomic
        with self.locked():
            record = self.merged()
            if record is not None:
                write_atomic(self.path, record)
        self.saved()

    def locked(self):
        """Only one process at a time reads, merges and writes the record (and its outputs)."""
        return _locked(self.folder / LOCK_NAME)


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
