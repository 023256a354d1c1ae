"""Which lines are inside fenced code: what the line-level rewrites must leave alone."""
from __future__ import annotations

import re
from typing import List

_FENCE = re.compile(r"^ *(`{3,}|~{3,})")


def code_lines(lines: List[str]) -> List[bool]:
    """For each line, whether it belongs to a fenced code block (its fences included).

    A fence counts only when a later line closes it (the structure pass's rule: an
    unclosed fence is text).
    """
    inside = [False] * len(lines)
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        fence = match.group(1)
        end = _closing(lines, index, fence)
        if end is None:
            index += 1
            continue
        for number in range(index, end + 1):
            inside[number] = True
        index = end + 1
    return inside


def _closing(lines: List[str], start: int, fence: str):
    for index in range(start + 1, len(lines)):
        text = lines[index].strip()
        if text.startswith(fence) and set(text) <= {fence[0]}:
            return index
    return None


def fence_match(line: str):
    return _FENCE.match(line)
