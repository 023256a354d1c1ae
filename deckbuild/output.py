"""Writing outputs so a failed build never costs the last good file.

Every output of a build is first written in full to a temporary file beside its
target; only when all of them are written are they moved into place, each in one
step. If anything fails before that (a full disk, a read-only folder), every
previous file is untouched and no temporary file is left behind.
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Dict, List, Tuple

from .errors import OutputError

_LOCKED = (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY)


def write_atomic(path: Path, data: bytes) -> None:
    write_all_atomic({Path(path): data})


def write_all_atomic(files: Dict[Path, bytes]) -> None:
    """Write every file, or (when one cannot be written) none of them."""
    staged: List[Tuple[str, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(Path(path), data), Path(path)))
        for temp, path in staged:
            _move(temp, path)
    finally:
        for temp, _ in staged:
            if os.path.exists(temp):
                try:
                    os.unlink(temp)
                except OSError:
                    pass


def _stage(path: Path, data: bytes) -> str:
    """The full contents in a temporary file beside `path`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder ({exc.strerror})", str(path.parent)) from None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write in this folder ({exc.strerror}); is it read-only?",
                          str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
    except OSError as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise OutputError(f"cannot write this file ({exc.strerror})", str(path)) from None
    return temp


def _move(temp: str, path: Path) -> None:
    try:
        os.replace(temp, path)
    except OSError as exc:
        if exc.errno in _LOCKED:
            raise OutputError("cannot replace this file: it may be open in PowerPoint or a PDF"
                              " viewer, or the folder is read-only. Close it and build again.",
                              str(path)) from None
        raise OutputError(f"cannot write this file ({exc.strerror})", str(path)) from None
