"""Which link targets a deck may carry, and how they are written.

Paper and PowerPoint only need web, e-mail and phone links. Anything else
(`javascript:`, `data:`, a file on someone's disk) is dropped with a warning and
the link's text stays. Web addresses are percent-encoded so that spaces and odd
characters survive in both outputs.
"""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

from ..errors import Findings

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def normalise_url(url: str):
    """(address, problem): the address to write, or None and why not."""
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
            return None, (f"the link '{url}' is not a web, e-mail or phone address"
                          " (start it with https://, mailto: or tel:)")
    scheme = (_SCHEME.match(url).group(1)).lower()
    if scheme not in ALLOWED_SCHEMES:
        return None, (f"the link '{url[:60]}' was removed: only http, https, mailto and tel"
                      " links are allowed")
    if scheme in ("http", "https"):
        parts = urlsplit(url)
        if not parts.netloc:
            return None, f"the web address '{url}' has no host name"
        url = urlunsplit((
            scheme, parts.netloc.encode("idna").decode("ascii") if not parts.netloc.isascii()
            else parts.netloc,
            quote(parts.path, safe="/%:@!$&'()*+,;=-._~"),
            quote(parts.query, safe="=&%:@!$'()*+,;/?-._~"),
            quote(parts.fragment, safe="%:@!$&'()*+,;=/?-._~")))
    elif scheme == "tel":
        url = "tel:" + re.sub(r"[^0-9+*#,;a-zA-Z=-]", "", url[4:])
    elif scheme == "mailto":
        url = "mailto:" + quote(url[7:], safe="@%+,;=?&.-_~!$'()*:/")
    return url, None


class LinkChecker:
    """Checks links while a deck is read; warnings name the line being read."""

    def __init__(self, findings: Findings, path: str, line: int = 0):
        self.findings = findings
        self.path = path
        self.line = line

    def check(self, url: str):
        try:
            address, problem = normalise_url(url)
        except (UnicodeError, ValueError):
            address, problem = None, f"the link '{url[:60]}' is not a valid address"
        if problem:
            self.findings.warn(problem, self.path, self.line, rule="link-scheme")
        return address
