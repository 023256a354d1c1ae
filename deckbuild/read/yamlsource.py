"""YAML that remembers line numbers, for front matter and region files.

A region file is written by someone who has not read our code; when a value is
wrong we must point at its line, so mappings and lists keep the line of every key
and item.
"""
from __future__ import annotations

import datetime

import yaml

from ..errors import DeckError


class YamlMap(dict):
    """A mapping with `.line` (1-based) and `.lines[key]` for each key."""

    line = 0
    lines: dict


class YamlList(list):
    line = 0
    lines: list


class _Loader(yaml.SafeLoader):
    first_line = 1  # the file line YAML's first line is on (front matter starts on 2)

    def file_line(self, node) -> int:
        return node.start_mark.line + self.first_line


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, on libyaml's C parser when PyYAML has it: ten times faster. Text it
    refuses is read again by `_Loader`, whose messages name the problem better."""

    first_line = 1
    file_line = _Loader.file_line


def _mapping(loader, node):
    result = YamlMap()
    result.line = loader.file_line(node)
    result.lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise DeckError("this key is not a simple name", None, loader.file_line(key_node))
        key = str(key)
        if key in result:
            # YAML would keep the last one silently; a trainer meant one of them.
            raise DeckError(f"'{key}' appears twice in the same block (first on line"
                            f" {result.lines[key]}); keep one", None, loader.file_line(key_node))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = loader.file_line(key_node)
    return result


def _sequence(loader, node):
    result = YamlList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = loader.file_line(node)
    result.lines = [loader.file_line(child) for child in node.value]
    return result


def _timestamp(loader, node):
    # Dates stay text: "2026-11" and "2026-11-26" mean what the trainer typed.
    return loader.construct_scalar(node)


for _kind in (_Loader, _FastLoader):
    _kind.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _kind.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
    _kind.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load_yaml(text: str, path: str, first_line: int = 1):
    """Parse YAML; lines (in errors, `.line` and `.lines`) count from `first_line`."""
    try:
        try:
            return _load(_FastLoader, text, first_line)
        except yaml.YAMLError:
            return _load(_Loader, text, first_line)
    except DeckError as exc:
        raise DeckError(exc.message, path, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        problem = exc.problem or exc.context or "this is not valid YAML"
        raise DeckError(f"the YAML here cannot be read: {problem}"
                        " (check the indentation and quote values that contain ':' or '#')",
                        path, line) from None
    except yaml.YAMLError as exc:
        raise DeckError(f"the YAML cannot be read: {exc}", path, first_line) from None


def _load(kind, text: str, first_line: int):
    loader = kind(text)
    loader.first_line = first_line
    try:
        return loader.get_single_data()
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
