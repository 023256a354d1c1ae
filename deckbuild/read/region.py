"""Region files: one organization's resources, branding and names.

A region file is written by program staff who have not read our code, so every
mistake is reported as `FILE.yaml:LINE: message` before anything is built.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import List, Optional

from ..design.package import TEMPLATE_SUFFIXES
from ..errors import DeckError, Findings
from ..media import load_picture
from ..model import Organization, Region, Resource, ResourceGroup, Source
from .links import ALLOWED_SCHEMES, normalise_url, user_info_warning
from .project import project_file
from .textfile import MAX_REGION_BYTES, exists, read_text
from .yamlsource import YamlList, YamlMap, as_text, load_yaml

TOP_KEYS = {"name", "verified", "organization", "theme", "variables", "resources"}
ORG_KEYS = {"name", "website", "phone", "email", "logo", "logo-alt"}
THEME_KEYS = {"accent", "template"}
ITEM_KEYS = {"name", "url", "phone", "description", "hours"}
GROUP_KEYS = {"group", "items"}
_COLOUR = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")  # the whole name (fullmatch: no "\n" after)
MAX_KEY = 64
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
RESERVED_NAMES = {"region", "org"}
# Beyond this a build takes more than about 10 s (each resource is an entry on a slide,
# a handout entry and a QR code); no training hands out more.
MAX_RESOURCES = 1000  # {{ region.name }}, {{ org.name }}: not variables


def check_region_key(key: str) -> Optional[str]:
    """Why `key` cannot name a region file (None when it can): up to 64 letters (a-z, A-Z),
    digits, '-' and '_', so that NAME.yaml and DECK-NAME.pptx are the same on every system."""
    key = key or ""
    shown = repr(key[:40] + ("..." if len(key) > 40 else "")) if not key.isprintable() \
        else f"'{key[:40]}{'...' if len(key) > 40 else ''}'"
    if len(key) > MAX_KEY:
        return (f"{shown} cannot be a region name: it is {len(key)} characters long; use at most"
                f" {MAX_KEY}")
    if not _KEY.fullmatch(key):
        plain = _plain_key(key)
        hint = f" (for example '{plain}')" if plain and plain != key else ""
        return (f"{shown} cannot be a region name: use only the letters a-z, digits, '-' and '_'"
                f"{hint}; the file is source/regions/NAME.yaml")
    return None


def _plain_key(key: str) -> str:
    """'région' -> 'region': accents dropped, other characters become '-'."""
    import unicodedata
    folded = unicodedata.normalize("NFKD", key)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"[^A-Za-z0-9_-]+", "-", folded).strip("-_")
    return folded[:MAX_KEY]


def region_path(regions_dir: Path, key: str) -> Path:
    problem = check_region_key(key)
    if problem:
        raise DeckError(problem)
    return regions_dir / f"{key}.yaml"


# `connecticut.es.yaml`: the Spanish texts of connecticut.yaml, not a region of its own.
LANGUAGE_FILE = re.compile(r"^[a-z0-9_-]+\.[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")
_LANGUAGE_KEY = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")
TRANSLATED_FIELDS = ("group", "description", "hours")  # may be given per language


def list_regions(regions_dir: Path) -> List[Path]:
    if not regions_dir.is_dir():
        return []
    return sorted(p for p in regions_dir.glob("*.yaml") if not LANGUAGE_FILE.match(p.stem))


def load_region(path: Path, project_root: Path, findings: Optional[Findings] = None) -> Region:
    """Read and check one region file."""
    findings = findings if findings is not None else Findings()
    where = str(path)
    if not exists(path):
        raise DeckError(f"there is no region file {path.name} in {path.parent}"
                        + _available(path.parent), where)
    problem = None if LANGUAGE_FILE.match(path.stem) else check_region_key(path.stem)
    if problem:
        raise DeckError(f"{problem}: rename the file", where)
    data = load_yaml(read_text(path, findings, MAX_REGION_BYTES), where, findings=findings)
    checker = _Checker(where, project_root, findings)
    if not isinstance(data, YamlMap):
        raise DeckError("a region file is a list of 'key: value' lines starting with 'name:'",
                        where, 1)
    checker.keys(data, TOP_KEYS, "the region file")
    name = checker.text(data, "name", required=True)
    verified = checker.text(data, "verified")
    organization = None
    if data.get("organization") is not None:
        org = checker.mapping(data, "organization")
        checker.keys(org, ORG_KEYS, "organization")
        organization = Organization(
            name=checker.text(org, "name"),
            website=checker.url(org, "website", web_only=True),
            phone=checker.text(org, "phone"),
            email=checker.email(org, "email"),
            logo=checker.picture(org, "logo"),
            logo_alt=checker.text(org, "logo-alt") if "logo-alt" in org else None,
        )
    accent = template = None
    if data.get("theme") is not None:
        theme = checker.mapping(data, "theme")
        checker.keys(theme, THEME_KEYS, "theme")
        accent = checker.colour(theme, "accent")
        template = checker.template(theme, "template")
    variables = []
    if data.get("variables") is not None:
        values = checker.mapping(data, "variables")
        for key in values:
            if not _NAME.match(key):
                raise DeckError(f"'{key}' cannot be a variable name: use letters, digits and _",
                                where, values.lines[key])
            if key in RESERVED_NAMES:
                raise DeckError(f"'{key}' is taken by {{{{ {key}.name }}}}: choose another"
                                " variable name", where, values.lines[key])
            variables.append((key, checker.text(values, key)))
    groups = checker.groups(data)
    translations = tuple((english, tuple(others.items()))
                         for english, others in checker.translations.items())
    return Region(key=path.stem, name=name, source=Source(where, 1), verified=verified,
                  organization=organization, accent=accent, template=template,
                  variables=tuple(variables), groups=groups, translations=translations)


def _available(folder: Path) -> str:
    names = [p.stem for p in list_regions(folder)]
    return f" (there are: {', '.join(names)})" if names else ""


class _Checker:
    def __init__(self, path: str, root: Path, findings: Optional[Findings] = None):
        self.path = path
        self.root = root
        self.findings = findings if findings is not None else Findings()
        self.translations: dict = {}  # English text -> {language: text}, from {en:, es:}

    def fail(self, message: str, line: int):
        raise DeckError(message, self.path, line)

    def line(self, mapping, key) -> int:
        return getattr(mapping, "lines", {}).get(key, getattr(mapping, "line", 0))

    def keys(self, mapping, allowed, where: str) -> None:
        for key in mapping:
            if key not in allowed:
                close = _closest(key, allowed)
                hint = f" (did you mean '{close}'?)" if close else \
                    f" (allowed: {', '.join(sorted(allowed))})"
                self.fail(f"'{key}' is not a field of {where}{hint}", self.line(mapping, key))

    def mapping(self, data, key) -> YamlMap:
        value = data[key]
        if not isinstance(value, YamlMap):
            self.fail(f"'{key}' must hold indented 'key: value' lines", self.line(data, key))
        return value

    def text(self, data, key, required: bool = False) -> str:
        if key not in data or data[key] is None or data[key] == "":
            if required:
                self.fail(f"'{key}:' is required here", getattr(data, "line", 1))
            return ""
        value = data[key]
        if key in TRANSLATED_FIELDS and isinstance(value, YamlMap):
            return self.languages(value, key)
        if isinstance(value, (YamlMap, YamlList, list, dict)):
            self.fail(f"'{key}' must be a single value, not a list or a group",
                      self.line(data, key))
        return as_text(value).strip()

    def languages(self, value: YamlMap, key: str) -> str:
        """`description: {en: ..., es: ...}`: the English (kept for the other languages)."""
        for code, text in value.items():
            if not _LANGUAGE_KEY.match(str(code)) or isinstance(text, (YamlMap, YamlList)):
                self.fail(f"'{key}' gives a text per language, as {{en: \"...\", es: \"...\"}};"
                          f" '{code}' is not a language code like en or es",
                          value.lines.get(code, value.line))
        texts = {str(code).lower().replace("_", "-"): as_text(text).strip()
                 for code, text in value.items() if as_text(text).strip()}
        english = next((t for c, t in texts.items() if c.split("-")[0] == "en"), None)
        if english is None:
            self.fail(f"'{key}' gives a text per language but none in English ('en:'), the"
                      " language the deck's other texts are translated from",
                      getattr(value, "line", 1))
        others = self.translations.setdefault(english, {})
        for code, text in texts.items():
            if code.split("-")[0] != "en":
                others[code] = text
        return english

    def url(self, data, key, web_only: bool = False) -> str:
        value = self.text(data, key)
        if not value:
            return ""
        scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
        if scheme and scheme.isalpha() and scheme not in ALLOWED_SCHEMES:
            self.fail(f"'{value[:60]}' cannot be used: '{key}' must start with https://,"
                      " http://, mailto: or tel:", self.line(data, key))
        address, problem = normalise_url(value)
        if address is None:
            self.fail(problem or f"'{value}' is not a web, e-mail or phone address (start it"
                      " with https://, mailto: or tel:)", self.line(data, key))
        if web_only and not address.startswith(("http://", "https://")):
            self.fail(f"'{key}' must be a web address starting with https://",
                      self.line(data, key))
        note = user_info_warning(value)
        if note:
            self.findings.warn(note, self.path, self.line(data, key), rule="link-user-info")
        return address

    def email(self, data, key) -> str:
        value = self.text(data, key)
        if value.lower().startswith("mailto:"):
            value = value[7:]
        if value and not _EMAIL.match(value):
            self.fail(f"'{value}' is not an e-mail address (like name@example.org)",
                      self.line(data, key))
        return value

    def picture(self, data, key) -> Optional[str]:
        """A logo: a picture file in the project that can be read."""
        path = self.file(data, key, kind="logo")
        if path:
            try:
                load_picture(path)
            except DeckError as exc:
                self.fail(f"the logo '{as_text(data[key]).strip()}': {exc.message}",
                          self.line(data, key))
        return path

    def template(self, data, key) -> Optional[str]:
        """A PowerPoint template (.pptx or .potx) in the project that python-pptx can open."""
        path = self.file(data, key, kind="template")
        if path:
            shown = as_text(data[key]).strip()
            if not path.lower().endswith(TEMPLATE_SUFFIXES):
                self.fail(f"the template '{shown}' must be a PowerPoint file (.pptx or .potx);"
                          " save it from PowerPoint as 'PowerPoint Presentation' or"
                          " 'PowerPoint Template'", self.line(data, key))
            from ..layout.template_geometry import read_template
            from ..template_package import open_template_package
            try:
                read_template(path)
            except DeckError as exc:
                self.fail(f"the template '{shown}': {exc.message}", self.line(data, key))
            for warning in open_template_package(path).warnings:
                self.findings.warn(warning.message, _shown_path(path), rule=warning.rule)
        return path

    def colour(self, data, key) -> Optional[str]:
        value = self.text(data, key)
        if not value:
            return None
        match = _COLOUR.match(value)
        if not match:
            self.fail(f"'{value}' is not a colour: write it as \"#1F6F8B\" (in quotes)",
                      self.line(data, key))
        hex_value = match.group(1)
        if len(hex_value) == 3:
            hex_value = "".join(c * 2 for c in hex_value)
        return hex_value.upper()

    def file(self, data, key, kind: str) -> Optional[str]:
        value = self.text(data, key)
        if not value:
            return None
        try:
            return str(project_file(value, self.root, self.root, kind))
        except DeckError as exc:
            self.fail(exc.message, self.line(data, key))

    def groups(self, data):
        if "resources" not in data:
            return ()  # a region may bring only its look and names (an imported template)
        if not data["resources"]:
            self.fail("'resources:' is required: a list of groups, each with '- group:' and"
                      " 'items:'", getattr(data, "line", 1))
        groups = data["resources"]
        if not isinstance(groups, YamlList):
            self.fail("'resources' must be a list: start each group with '- group: Name'",
                      self.line(data, "resources"))
        total = sum(len(g.get("items") or ()) for g in groups
                    if isinstance(g, YamlMap) and isinstance(g.get("items"), list))
        if total > MAX_RESOURCES:
            self.fail(f"this region file lists {total:,} resources; deckbuild builds up to"
                      f" {MAX_RESOURCES:,} (about {MAX_RESOURCES // 7} slides and a"
                      f" {MAX_RESOURCES // 8}-page handout section): keep the ones this training"
                      " needs, or make a region file for each area", self.line(data, "resources"))
        result = []
        seen = {}
        for index, group in enumerate(groups):
            line = groups.lines[index]
            if not isinstance(group, YamlMap):
                self.fail("each resource group needs 'group:' and 'items:'", line)
            self.keys(group, GROUP_KEYS, "a resource group")
            title = self.text(group, "group", required=True)
            if title.casefold() in seen:
                self.fail(f"there is already a group '{title}' (line {seen[title.casefold()]}):"
                          " give each group its own name", self.line(group, "group"))
            seen[title.casefold()] = self.line(group, "group")
            items = group.get("items")
            if not isinstance(items, YamlList) or not items:
                self.fail(f"the group '{title}' needs 'items:', a list of entries starting"
                          " with '- name:'", self.line(group, "items") if "items" in group
                          else group.line)
            entries = []
            for position, item in enumerate(items):
                item_line = items.lines[position]
                if not isinstance(item, YamlMap):
                    self.fail("each entry needs at least 'name:'", item_line)
                self.keys(item, ITEM_KEYS, "a resource entry")
                entries.append(Resource(
                    name=self.text(item, "name", required=True),
                    url=self.url(item, "url"),
                    phone=self.text(item, "phone"),
                    description=self.text(item, "description"),
                    hours=self.text(item, "hours")))
            result.append(ResourceGroup(title, tuple(entries), Source(self.path, line)))
        return tuple(result)


def _shown_path(path: str) -> str:
    """A file's path as a message shows it: from the current folder when it is inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if relative.startswith("..") else relative


def _closest(word: str, choices) -> Optional[str]:
    import difflib
    found = difflib.get_close_matches(word.lower(), sorted(choices), n=1, cutoff=0.75)
    return found[0] if found else None
