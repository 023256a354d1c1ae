"""Reading a trainer's text file: encoding, line endings, invisible characters.

Files arrive from Word, web pages and other people's editors. They are decoded
as UTF-8 (a byte-order mark is dropped), CRLF becomes LF, and characters that
XML cannot hold (NUL, escape, U+FFFE...) are removed with a warning that names
the line, so neither python-pptx nor reportlab ever sees them.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import DeckError, Findings

# Vertical tab and form feed are Word's line and page breaks: they become spaces.
_AS_SPACE = {"\v": " ", "\f": " "}
# Everything XML 1.0 cannot carry, the C1 controls (invisible, and refused by YAML;
# they come from text decoded with the wrong code page), and the private-use
# markers the reader uses itself.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ue000-\ue003"
                     "\ud800-\udfff]")


def read_text(path: Path, findings: Findings) -> str:
    """The file's text, ready for the Markdown or YAML reader."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DeckError("file not found", str(path)) from None
    except IsADirectoryError:
        raise DeckError("this is a folder, not a file", str(path)) from None
    except OSError as exc:
        raise DeckError(f"cannot read this file ({exc.strerror})", str(path)) from None
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
