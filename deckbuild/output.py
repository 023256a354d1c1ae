"""Writing outputs so a failed or killed build never costs the last good files.

The outputs of one build (the deck, the handout, the build record) change
together or not at all:

1. Each is written in full to a temporary file beside its target
   (`.NAME.PID.RANDOM.tmp`). A full disk or a read-only folder fails here, and
   nothing has changed.
2. Every target is checked: a folder or a device in its place, or a read-only
   file (someone protected it), stops the build before anything is replaced.
3. A journal (`.deckbuild-pending-PID-RANDOM.json`) lists the moves, then each
   temporary file is renamed over its target (one step each; the old file stays
   reachable through a hard link until all are in place). If a rename fails, the
   files already replaced are put back.
4. The journal and the hard links are removed.

A build killed during step 3 (kill -9, a closed terminal) leaves the journal:
the next build into that folder finishes the moves, so the deck and handout are
again from one build, and removes every temporary file a killed build left.
What a file system still allows: a program reading the folder during step 3
(a few milliseconds) can see the new deck beside the old handout; a power cut
can lose what the operating system had not yet written to the disk.
"""
from __future__ import annotations

import errno
import json
import os
import re
import secrets
import stat as stat_module
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from .errors import OutputError

_LOCKED = (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY)
JOURNAL_PREFIX = ".deckbuild-pending-"
# A temporary file, a journal or a backup: `.NAME.PID.RANDOM.tmp`, `...-PID-RANDOM.json`.
_TEMPORARY = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]+\.tmp$")
_JOURNAL = re.compile(r"^\.deckbuild-pending-(\d+)-[A-Za-z0-9_]+\.json$")
ABANDONED_SECONDS = 24 * 3600  # older than this, a leftover is removed whoever made it


def write_atomic(path: Path, data: bytes) -> None:
    write_all_atomic({Path(path): data})


def write_all_atomic(files: Dict[Path, bytes]) -> None:
    """Write every file, or (when one cannot be written) none of them."""
    outputs = Outputs()
    try:
        for path, data in files.items():
            outputs.stage(Path(path), data)
        outputs.commit()
    finally:
        outputs.discard()


class Outputs:
    """Files replaced together: staged in full (`stage`), then moved into place (`commit`)."""

    def __init__(self) -> None:
        self.staged: List[Tuple[str, Path]] = []  # (temporary file, target)

    def stage(self, path: Path, data: bytes) -> os.stat_result:
        """Write `data` beside `path`; the staged file's status (its size and time stay
        the same when it is moved into place)."""
        path = Path(path)
        temp = _stage(path, data)
        self.staged.append((temp, path))
        return os.stat(temp)

    def commit(self) -> None:
        for _, path in self.staged:
            _check_target(path)
        backups: Dict[Path, str] = {}
        journal = None
        try:
            for temp, path in self.staged:
                backup = _backup(path)
                if backup:
                    backups[path] = backup
            if len(self.staged) > 1:
                journal = _write_journal(self.staged, backups)
            done: List[Path] = []
            for temp, path in self.staged:
                try:
                    _move(temp, path)
                except OutputError:
                    _put_back(done, backups)
                    raise
                done.append(path)
            self.staged = []
        finally:
            for backup in backups.values():
                _remove(backup)
            if journal:
                _remove(journal)

    def discard(self) -> None:
        """Remove what was staged and not committed."""
        for temp, _ in self.staged:
            _remove(temp)
        self.staged = []


def _stage(path: Path, data: bytes) -> str:
    """The full contents in a temporary file beside `path`, with the old file's mode."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder ({_reason(exc)})", str(path.parent)) from None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                    dir=path.parent)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"cannot write in this folder ({_reason(exc)})",
                              str(path.parent)) from None
        raise OutputError(f"cannot write in this folder ({_reason(exc)}); is it read-only?",
                          str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, _mode_for(path))
    except OSError as exc:
        _remove(temp)
        raise OutputError(f"cannot write this file ({_reason(exc)})", str(path)) from None
    return temp


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, else what a new file gets (0o666 less the umask)."""
    try:
        return stat_module.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def _check_target(path: Path) -> None:
    """A target that must not, or cannot, be replaced stops everything before any move."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write this file ({_reason(exc)})", str(path)) from None
    if stat_module.S_ISDIR(info.st_mode):
        raise OutputError("cannot write this file: a folder of that name is in the way (nothing"
                          " was replaced)", str(path))
    if not stat_module.S_ISREG(info.st_mode):
        raise OutputError("cannot write this file: something that is not a file (a pipe or a"
                          " device) has its name (nothing was replaced)", str(path))
    if not info.st_mode & stat_module.S_IWUSR:
        raise OutputError("this file is read-only, so it was not replaced (nor was anything"
                          " else): make it writable, or build into another folder with"
                          " --out-dir", str(path))
    if os.name == "nt":  # a file open in PowerPoint or Acrobat cannot be replaced on Windows
        try:
            os.close(os.open(path, os.O_WRONLY))
        except OSError as exc:
            if exc.errno in _LOCKED:
                raise OutputError("cannot replace this file: it may be open in PowerPoint or a"
                                  " PDF viewer. Close it and build again.", str(path)) from None


def _backup(path: Path) -> Optional[str]:
    """A hard link to the file being replaced, to put it back if a later move fails."""
    if not os.path.isfile(path):
        return None
    backup = str(path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.old.tmp")
    try:
        os.link(path, backup)
    except OSError:
        return None  # a file system without hard links: no way back, but no harm either
    return backup


def _put_back(done: List[Path], backups: Dict[Path, str]) -> None:
    for path in reversed(done):
        backup = backups.pop(path, None)
        try:
            if backup:
                os.replace(backup, path)
        except OSError:
            pass


def _write_journal(staged, backups) -> str:
    folder = staged[0][1].parent
    name = f"{JOURNAL_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.json"
    journal = folder / name
    moves = [[os.path.abspath(temp), os.path.abspath(path),
              os.path.abspath(backups[path]) if path in backups else None]
             for temp, path in staged]
    text = json.dumps({"pid": os.getpid(), "started": time.time(), "moves": moves})
    # Written in place: a journal cut short by a kill cannot be read, and then no
    # move had started, so the next build removes the staged files instead.
    try:
        with open(journal, "x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        _remove(str(journal))
        raise OutputError(f"cannot write in this folder ({_reason(exc)})", str(folder)) from None
    return str(journal)


def _move(temp: str, path: Path) -> None:
    try:
        os.replace(temp, path)
    except OSError as exc:
        if exc.errno in _LOCKED:
            raise OutputError("cannot replace this file: it may be open in PowerPoint or a PDF"
                              " viewer, or the folder is read-only. Close it and build again.",
                              str(path)) from None
        raise OutputError(f"cannot write this file ({_reason(exc)})", str(path)) from None


def recover(folder: Path) -> List[Path]:
    """Finish what a killed build left in `folder`, and remove its temporary files.

    A journal of a build that is no longer running has its remaining moves done
    (its outputs were complete when it was written). Temporary files of builds
    that are no longer running are removed. Returns the files put in place.
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    finished: List[Path] = []
    for name in sorted(names):
        match = _JOURNAL.match(name)
        if not match or not _abandoned(folder / name, int(match.group(1))):
            continue
        finished += _finish_journal(folder / name)
        _remove(str(folder / name))
    for name in os.listdir(folder):
        match = _TEMPORARY.match(name)
        if match and _abandoned(folder / name, int(match.group(1))):
            _remove(str(folder / name))
    return finished


def _finish_journal(journal: Path) -> List[Path]:
    try:
        written = os.lstat(journal).st_mtime_ns
        moves = [(str(temp), str(target), backup) for temp, target, backup
                 in json.loads(journal.read_text(encoding="utf-8"))["moves"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    # A target replaced after the journal was written holds a later build's output:
    # then the killed build's remaining files are left out rather than mixed in.
    later = any(_mtime_ns(target) > written for temp, target, _ in moves
                if os.path.exists(temp))
    finished = []
    for temp, target, backup in moves:
        try:
            if os.path.exists(temp):
                if later:
                    _remove(temp)
                else:
                    os.replace(temp, target)
                    finished.append(Path(target))
        except OSError:
            pass
        if backup:
            _remove(str(backup))
    return finished


def _mtime_ns(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _abandoned(path: Path, pid: int) -> bool:
    """Whether the build that made `path` (process `pid`) is no longer running."""
    try:
        if time.time() - os.lstat(path).st_mtime > ABANDONED_SECONDS:
            return True
    except OSError:
        return False
    if pid == os.getpid():
        return False  # ours (a build of this process that is still going)
    if os.name != "posix":
        return False  # no safe way to ask: left until it is a day old
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # running, as another user
    return False


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link in its path points back to itself"
    return exc.strerror or str(exc)
