"""Which link targets a deck may carry, and how they are written.

Paper and PowerPoint only need web, e-mail and phone links. Anything else
(`javascript:`, `data:`, a file on someone's disk) is dropped with a warning and
the link's text stays. Web addresses are percent-encoded so that spaces and odd
characters survive in both outputs.
"""
from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, urlsplit, urlunsplit

from ..errors import Findings

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


# A QR code holds about 2,300 characters; a printed address should be far shorter.
MAX_URL = 2000
_HOST = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?"
                   r"(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$")


def normalise_url(url: str):
    """(address, problem): the address to write, or None and why not. Never raises."""
    try:
        return _normalise(url)
    except (UnicodeError, ValueError):
        return None, f"the link '{url.strip()[:60]}' is not a valid address"


def _normalise(url: str):
    url = url.strip()
    if not url:
        return None, "the link has no address"
    match = _SCHEME.match(url)
    if not match:
        if url.startswith("www."):
            url = "https://" + url
        elif url.startswith("#"):
            return None, None  # a jump inside the deck: kept as text
        else:
            return None, (f"the link '{url[:60]}' is not a web, e-mail or phone address"
                          " (start it with https://, mailto: or tel:)")
    scheme = (_SCHEME.match(url).group(1)).lower()
    if scheme not in ALLOWED_SCHEMES:
        return None, (f"the link '{url[:60]}' was removed: only http, https, mailto and tel"
                      " links are allowed")
    if scheme in ("http", "https"):
        parts = urlsplit(url)
        host = parts.hostname or ""
        if not host:
            return None, f"the web address '{url[:60]}' has no host name"
        if not host.isascii():
            host = host.encode("idna").decode("ascii")
        if ":" in host:
            netloc = f"[{ipaddress.IPv6Address(host)}]"  # ValueError when it is not one
        elif _HOST.match(host):
            netloc = host
        else:
            return None, f"the web address '{url[:60]}' has an impossible host name"
        if parts.port is not None:
            netloc += f":{parts.port}"
        # A user name before '@' (https://www.example.org@evil.example/) is left out: it
        # makes an address look like another host's, and no training link needs one.
        # `user_info_warning` says so, naming the host the address really goes to.
        url = urlunsplit((
            scheme, netloc,
            quote(parts.path, safe="/%:@!$&'()*+,;=-._~"),
            quote(parts.query, safe="=&%:@!$'()*+,;/?-._~"),
            quote(parts.fragment, safe="%:@!$&'()*+,;=/?-._~")))
    elif scheme == "tel":
        url = "tel:" + re.sub(r"[^0-9+*#,;a-zA-Z=-]", "", url[4:])
        if url == "tel:":
            return None, "the phone link has no number"
    elif scheme == "mailto":
        url = "mailto:" + quote(url[7:], safe="@%+,;=?&.-_~!$'()*:/")
    if len(url) > MAX_URL:
        return None, (f"the link '{url[:60]}...' is {len(url)} characters long; use a shorter"
                      " address (at most 2000 characters)")
    return url, None


def user_info_warning(url: str):
    """A warning for a web address with a user name before its host, else None."""
    try:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https") or "@" not in parts.netloc:
            return None
        host = parts.hostname or ""
    except ValueError:
        return None
    before = parts.netloc.rsplit("@", 1)[0]
    return (f"the address '{url.strip()[:80]}' goes to {host}, not to {before[:60]}: what comes"
            f" before '@' is a user name, and it was left out (the link is now to {host});"
            " check the address")


class LinkChecker:
    """Checks links while a deck is read; warnings name the line being read."""

    def __init__(self, findings: Findings, path: str, line: int = 0, fill=None):
        self.findings = findings
        self.path = path
        self.line = line
        self.fill = fill  # names in an address kept for a translation: checked filled in

    def check(self, url: str, line: int = 0):
        """The address to write, or None (with a warning) when the link is dropped."""
        filled = self.fill(url) if self.fill is not None else url
        address, problem = normalise_url(filled)
        if address is not None and filled != url:
            address = url  # filled in (and normalised) once the text is translated
        if problem:
            self.findings.warn(f"{problem}; its text is kept", self.path, line or self.line,
                               rule="link-scheme")
        elif address:
            note = user_info_warning(url)
            if note:
                self.findings.warn(note, self.path, line or self.line, rule="link-user-info")
        return address
