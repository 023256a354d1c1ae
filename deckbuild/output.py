"""Writing outputs so a failed build never costs the last good file.

Each output is written to a temporary file beside its target and moved into
place in one step; if anything fails first, the previous file is untouched.
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import OutputError


def write_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
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
        os.replace(temp, path)
    except OSError as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY):
            raise OutputError("cannot replace this file: it may be open in PowerPoint or a PDF"
                              " viewer, or the folder is read-only. Close it and build again.",
                              str(path)) from None
        raise OutputError(f"cannot write this file ({exc.strerror})", str(path)) from None
