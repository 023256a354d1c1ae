"""One root error type, and the warnings a build collects on the way.

Every problem with a trainer's input is a `DeckError` that knows the file and
line it is about, so the command line can print `path:line: message` and exit 1
without a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional


class DeckError(Exception):
    """Something in the input (or the environment) stops the build."""

    def __init__(self, message: str, path: Optional[str] = None, line: int = 0,
                 rule: str = ""):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.rule = rule  # the `deckbuild check` rule it is reported under, if it has one

    def __str__(self) -> str:
        return f"{location(self.path, self.line)}{self.message}"


class OutputError(DeckError):
    """An output file could not be written (read-only folder, file open elsewhere)."""


def location(path: Optional[str], line: int = 0) -> str:
    if not path:
        return ""
    return f"{path}:{line}: " if line else f"{path}: "


@dataclass(frozen=True)
class Finding:
    """A warning or error found while reading, fitting or checking a deck."""

    level: str  # "error" | "warning"
    message: str
    path: str = ""
    line: int = 0
    rule: str = ""

    def __str__(self) -> str:
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{location(self.path, self.line)}{self.level}: {self.message}{rule}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "level": self.level,
                "message": self.message, "rule": self.rule}


class Findings:
    """Collects findings in the order they were found, without duplicates."""

    def __init__(self) -> None:
        self.items: List[Finding] = []

    def warn(self, message: str, path: str = "", line: int = 0, rule: str = "") -> None:
        self.add(Finding("warning", message, path, line, rule))

    def error(self, message: str, path: str = "", line: int = 0, rule: str = "") -> None:
        self.add(Finding("error", message, path, line, rule))

    def add(self, finding: Finding) -> None:
        if finding not in self.items:
            self.items.append(finding)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> List[Finding]:
        return [f for f in self.items if f.level == "error"]

    @property
    def warnings(self) -> List[Finding]:
        return [f for f in self.items if f.level == "warning"]
