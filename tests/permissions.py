"""What a user who is not root meets in a file or folder they may not use, faked.

As root (in containers and CI) `chmod` stops nothing, so tests that make a file
unreadable or a folder read-only would never run there. These fakes make the
system calls fail as the kernel would for anyone else, with EACCES, and only for
that file or folder; the real `chmod` is done too, for a run that is not root.
"""
from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path

_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _denied(path) -> PermissionError:
    return PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))


def _absolute(path):
    """The absolute path a name means, or None for a file descriptor."""
    if isinstance(path, int):
        return None
    return Path(os.path.abspath(os.fsdecode(os.fspath(path))))


def make_unreadable(monkeypatch, file: Path) -> None:
    """`file` as mode 000 shows it: it is there (stat works), but opens and os.access fail."""
    file = _absolute(file)
    file.chmod(0)
    real_open, real_os_open, real_access = io.open, os.open, os.access

    def fake_open(path, *args, **kwargs):
        if _absolute(path) == file:
            raise _denied(path)
        return real_open(path, *args, **kwargs)

    def fake_os_open(path, flags, *args, **kwargs):
        if _absolute(path) == file:
            raise _denied(path)
        return real_os_open(path, flags, *args, **kwargs)

    def fake_access(path, mode, *args, **kwargs):
        if _absolute(path) == file and mode != os.F_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)
    monkeypatch.setattr(os, "access", fake_access)


def make_read_only_folder(monkeypatch, folder: Path) -> None:
    """`folder` as mode 555 shows it: no name in it can be made, renamed or removed.

    A file already in it can still be opened and written, as the kernel allows.
    """
    folder = _absolute(folder)
    folder.chmod(0o555)

    def inside(path) -> bool:
        path = _absolute(path)
        return path is not None and path.parent == folder

    def creates(path) -> bool:
        return inside(path) and not os.path.lexists(path)

    real_open, real_os_open = io.open, os.open

    def fake_open(path, mode="r", *args, **kwargs):
        if any(c in mode for c in "wxa+") and creates(path):
            raise _denied(path)
        return real_open(path, mode, *args, **kwargs)

    def fake_os_open(path, flags, *args, **kwargs):
        if flags & _WRITING and flags & os.O_CREAT and creates(path):
            raise _denied(path)
        return real_os_open(path, flags, *args, **kwargs)

    def refuse_inside(real, positions):
        def fake(*paths, **kwargs):
            for position in positions:
                if inside(paths[position]):
                    raise _denied(paths[position])
            return real(*paths, **kwargs)
        return fake

    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)
    # The names each call makes or takes away: renaming does both, a link only makes one.
    for name, positions in (("replace", (0, 1)), ("rename", (0, 1)), ("link", (1,)),
                            ("symlink", (1,)), ("unlink", (0,)), ("remove", (0,)),
                            ("mkdir", (0,)), ("rmdir", (0,))):
        monkeypatch.setattr(os, name, refuse_inside(getattr(os, name), positions))
