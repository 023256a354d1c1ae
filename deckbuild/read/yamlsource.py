"""YAML that remembers line numbers, for front matter and region files.

A region file is written by someone who has not read our code; when a value is
wrong we must point at its line, so mappings and lists keep the line of every key
and item.
"""
from __future__ import annotations

import datetime
import re
from typing import Optional

import yaml

from ..errors import DeckError, Findings
from .textfile import safe_string, unsafe_characters


class YamlMap(dict):
    """A mapping with `.line` (1-based) and `.lines[key]` for each key."""

    line = 0
    lines: dict


class YamlList(list):
    line = 0
    lines: list


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps lines, cleans strings and refuses aliases.

    Quoted YAML can spell characters XML cannot hold ("\\x1b", "\\0"); they are
    removed here and reported by line. Aliases (`*name`) are refused: nobody
    needs them in front matter or a region file, and a few nested ones can
    expand into gigabytes.
    """

    first_line = 1  # the file line YAML's first line is on (front matter starts on 2)

    def __init__(self, stream):
        super().__init__(stream)
        self.removed = []  # (line, characters) for each cleaned string

    def file_line(self, node) -> int:
        return node.start_mark.line + self.first_line

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise DeckError(f"'*{event.anchor}' repeats another value; deckbuild does not use"
                            " YAML aliases: write the value out", None, self.file_line(event))
        return super().compose_node(parent, index)


class _AliasFound(yaml.YAMLError):
    """libyaml composes aliases out of sight: `_Loader` reads the text again to name the line."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, on libyaml's C parser when PyYAML has it: ten times faster. Text it
    refuses is read again by `_Loader`, whose messages name the problem better."""

    first_line = 1
    file_line = _Loader.file_line

    def __init__(self, stream):
        super().__init__(stream)
        self.removed = []


def _child(loader, node):
    """A node's child, built; one built before is an alias (see `_AliasFound`)."""
    if isinstance(loader, _FastLoader) and node in loader.constructed_objects:
        raise _AliasFound("an alias")
    return loader.construct_object(node, deep=True)


def _mapping(loader, node):
    result = YamlMap()
    result.line = loader.file_line(node)
    result.lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = _child(loader, key_node)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise DeckError("this key is not a simple name", None, loader.file_line(key_node))
        key = str(key)
        if key in result:
            # YAML would keep the last one silently; a trainer meant one of them.
            raise DeckError(f"'{key}' appears twice in the same block (first on line"
                            f" {result.lines[key]}); keep one", None, loader.file_line(key_node))
        result[key] = _child(loader, value_node)
        result.lines[key] = loader.file_line(key_node)
    return result


def _sequence(loader, node):
    result = YamlList(_child(loader, child) for child in node.value)
    result.line = loader.file_line(node)
    result.lines = [loader.file_line(child) for child in node.value]
    return result


MAX_VALUE = 50_000  # characters in one value: some 12 printed pages


def _string(loader, node):
    value = loader.construct_scalar(node)
    if len(value) > MAX_VALUE:
        raise DeckError(f"this value is {len(value):,} characters long; deckbuild reads values"
                        f" of up to {MAX_VALUE:,} characters (about 12 pages): shorten it",
                        None, loader.file_line(node))
    bad = unsafe_characters(value)
    if bad:
        loader.removed.append((loader.file_line(node), bad))
        value = safe_string(value)
    return value


def _timestamp(loader, node):
    # Dates stay text: "2026-11" and "2026-11-26" mean what the trainer typed.
    return loader.construct_scalar(node)


def _as_typed(loader, node):
    """An explicitly tagged scalar (`!!int 5`, `!!bool yes`) is still the text as typed."""
    if not isinstance(node, yaml.ScalarNode):
        raise DeckError("this value has a YAML type tag (like !!set) deckbuild does not read;"
                        " remove the tag", None, loader.file_line(node))
    return _string(loader, node)


# Every plain scalar is text, as typed; only an empty value (or `~`) is "nothing".
# YAML 1.1, PyYAML's default, reads `phone: 0123456` as the octal number 42798,
# `hours: 9:30` as 570 (base 60), `trainer: NO` as false and `version: 1.10` as
# 1.1: on a handout, a wrong crisis-line number harms people. The values deckbuild
# needs as numbers or yes/no (slide-level, toc...) are converted where they are used.
_TEXT_ONLY = {"": [("tag:yaml.org,2002:null", re.compile(r"^$"))],
              "~": [("tag:yaml.org,2002:null", re.compile(r"^~$"))]}

for _kind in (_Loader, _FastLoader):
    _kind.yaml_implicit_resolvers = dict(_TEXT_ONLY)
    _kind.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _kind.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
    _kind.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _kind.add_constructor("tag:yaml.org,2002:str", _string)
    for _tag in ("bool", "int", "float", "binary", "merge", "value", "yaml"):
        _kind.add_constructor(f"tag:yaml.org,2002:{_tag}", _as_typed)


def load_yaml(text: str, path: str, first_line: int = 1, findings: Optional[Findings] = None):
    """Parse YAML; lines (in errors, `.line` and `.lines`) count from `first_line`.

    Control characters removed from strings are reported in `findings`."""
    try:
        try:
            data, removed = _load(_FastLoader, text, first_line)
        except yaml.YAMLError:
            data, removed = _load(_Loader, text, first_line)
    except DeckError as exc:
        raise DeckError(exc.message, path, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        problem = exc.problem or exc.context or "this is not valid YAML"
        started = ""
        if exc.context_mark and exc.problem_mark and \
                exc.context_mark.line != exc.problem_mark.line:
            started = f"; the part it belongs to starts on line {exc.context_mark.line + first_line}"
        raise DeckError(f"the YAML here cannot be read: {problem}{started}"
                        " (check the indentation and quote values that contain ':' or '#')",
                        path, line) from None
    except yaml.YAMLError as exc:
        raise DeckError(f"the YAML cannot be read: {exc}", path, first_line) from None
    except RecursionError:
        raise DeckError("the YAML is nested too deeply to read", path, first_line) from None
    if findings is not None:
        _warn_hidden_values(data, text.split("\n"), path, first_line, findings)
        for line, bad in removed:
            names = ", ".join(f"U+{ord(c):04X}" for c in bad)
            findings.warn(f"removed invisible control characters ({names})", path, line,
                          rule="control-character")
    return data


def _warn_hidden_values(data, lines, path: str, first_line: int, findings: Findings) -> None:
    """`accent: #abc` is a key with no value: YAML reads ' #abc' as a comment. Say so."""
    found = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, YamlMap):
            for key, value in node.items():
                if value is None:
                    line = node.lines.get(key, 0)
                    raw = lines[line - first_line] if 0 <= line - first_line < len(lines) else ""
                    match = re.match(r"^\s*(?:-\s+)?[^:#]+:\s+(#[^\s#]\S*)", raw)
                    if match:
                        shown = match.group(1)
                        found.append((line, f"'{key}: {shown}' has no value: in YAML a ' #' starts"
                                      f" a comment. If {shown} is the value, put it in quotes:"
                                      f" {key}: \"{shown}\""))
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    for line, message in sorted(found):
        findings.warn(message, path, line, rule="yaml-comment")


def _load(kind, text: str, first_line: int):
    """(data, strings cleaned of control characters) read by a loader of `kind`."""
    loader = kind(text)
    loader.first_line = first_line
    try:
        return loader.get_single_data(), loader.removed
    finally:
        loader.dispose()


def as_text(value) -> str:
    """A scalar as the trainer wrote it (numbers and dates included)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
