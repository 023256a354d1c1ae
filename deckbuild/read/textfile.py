"""Reading a trainer's text file: encoding, line endings, invisible characters.

Files arrive from Word, web pages and other people's editors. They are decoded
as UTF-8 (a byte-order mark is dropped), CRLF becomes LF, and characters that
XML cannot hold (NUL, escape, U+FFFE...) are removed with a warning that names
the line, so neither python-pptx nor reportlab ever sees them.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Optional

from ..errors import DeckError, Findings

# Vertical tab and form feed are Word's line and page breaks: they become spaces.
_AS_SPACE = {"\v": " ", "\f": " "}
# Everything XML 1.0 cannot carry, the C1 controls (invisible, and refused by YAML;
# they come from text decoded with the wrong code page), and the private-use
# markers the reader uses itself.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ue000-\ue006"
                     "\ud800-\udfff]")


MB = 1024 * 1024
MAX_DECK_BYTES = 64 * MB  # some 90,000 slides
MAX_REGION_BYTES = 16 * MB  # 50,000 resources


def read_text(path: Path, findings: Findings, limit: Optional[int] = None) -> str:
    """The file's text, ready for the Markdown or YAML reader.

    Only a regular file of at most `limit` bytes is read: a pipe would block the
    build forever and a device (`/dev/zero`) never ends, so both are refused
    without being read, as is anything larger than a real deck or region file.
    """
    data = read_regular(path, limit or MAX_DECK_BYTES, "file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DeckError("this file is saved as UTF-16 (Windows calls it 'Unicode'); save it as"
                        " 'UTF-8' in your editor and build again", str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DeckError(
            "this file is not UTF-8 text; save it as 'UTF-8' in your editor and build again",
            str(path), line) from None
    return clean_text(text, str(path), findings)


def read_regular(path: Path, limit: int, kind: str = "file") -> bytes:
    """The bytes of the regular file at `path` (at most `limit`); DeckError naming it."""
    where = str(path)
    try:
        # Non-blocking, so that opening a pipe returns at once (to be refused).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise DeckError("file not found", where) from None
    except IsADirectoryError:
        raise DeckError("this is a folder, not a file", where) from None
    except OSError as exc:
        raise DeckError(f"cannot read this {kind} ({_reason(exc)})", where) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DeckError("this is a folder, not a file", where)
        if not stat.S_ISREG(info.st_mode):
            raise DeckError(f"this is not a {kind} that can be read but a"
                            f" {_kind_of(info.st_mode)}; name a text file", where)
        if info.st_size > limit:
            raise DeckError(f"this {kind} is {_size(info.st_size)}; deckbuild reads files of up"
                            f" to {_size(limit)}", where)
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            data = handle.read(limit + 1)
    except OSError as exc:
        raise DeckError(f"cannot read this {kind} ({_reason(exc)})", where) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:  # it grew while being read
        raise DeckError(f"this {kind} is over {_size(limit)}; deckbuild reads files of up to"
                        f" {_size(limit)}", where)
    return data


def file_status(path: Path) -> Optional[os.stat_result]:
    """The status of the file at `path`, None when there is none; DeckError naming the folder
    when deckbuild may not look (a folder without search permission, a symbolic link loop)."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except PermissionError:
        folder = _unsearchable(Path(path))
        raise DeckError("deckbuild may not look into this folder (permission denied): allow it"
                        f" with 'chmod a+rx {folder}'", str(folder)) from None
    except OSError as exc:
        raise DeckError(f"cannot use this file ({_reason(exc)})", str(path)) from None


def is_file(path: Path) -> bool:
    """Whether `path` is a regular file (see `file_status` for what is an error)."""
    info = file_status(path)
    return info is not None and stat.S_ISREG(info.st_mode)


def exists(path: Path) -> bool:
    return file_status(path) is not None


def _unsearchable(path: Path) -> Path:
    """The first folder on the way to `path` that may not be searched (for the message)."""
    absolute = Path(os.path.abspath(path))
    for part in reversed(absolute.parents):
        try:
            os.stat(part)
        except PermissionError:
            folder = part.parent
            break
        except OSError:
            return path.parent
    else:
        folder = absolute.parent
    try:
        relative = os.path.relpath(folder)
        return Path(relative) if not relative.startswith("..") else folder
    except ValueError:
        return folder


def _size(count: int) -> str:
    if count >= MB:
        return f"{count / MB:,.1f} MB".replace(".0 MB", " MB")
    return f"{max(1, round(count / 1024)):,} KB"


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link in its path points back to itself"
    if exc.errno == errno.ENAMETOOLONG:
        return "its name is too long"
    return exc.strerror or str(exc)


def clean_text(text: str, path: str, findings: Findings, first_line: int = 1) -> str:
    """Normalise line endings and remove characters XML cannot hold."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _UNSAFE.search(text):
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        bad = unsafe_characters(line)
        if bad:
            names = ", ".join(f"U+{ord(c):04X}" for c in bad)
            findings.warn(f"removed invisible control characters ({names})", path,
                          first_line + number, rule="control-character")
            lines[number] = safe_string(line)
    return "\n".join(lines)


def unsafe_characters(value: str) -> list:
    """The distinct characters of `value` that XML cannot hold, in code point order."""
    return sorted(set(_UNSAFE.findall(value)))


def safe_string(value: str) -> str:
    """Remove XML-unsafe characters from a value that did not come from a file."""
    return _UNSAFE.sub(lambda m: _AS_SPACE.get(m.group(), ""), value)
