"""The preview's web server: the standard library's, bound to loopback, serving a fixed set.

What it answers, and nothing else (any other path is 404, whatever it spells):

- `/`, `/preview.js`, `/preview.css`: the page, from the package (no framework, no CDN);
- `/slides.json`: the whole state; `/events`: server-sent events, the whole state first,
  then only the slides that changed;
- `/font/FAMILY.ttf`, `/picture/HASH`: a font or picture the last drawing used, looked up
  by that name (a URL never becomes a path on disk);
- `/download/pptx`, `/download/handout`: the current deck or handout, built on request by
  the normal (incremental) build into the output folder.

Requests whose Host is not the address served are refused, so a web page elsewhere cannot
read the preview through a name that points at 127.0.0.1 (DNS rebinding); so is anything
but the page itself that a browser says another site asked for (`Sec-Fetch-Site`).
"""
from __future__ import annotations

import json
import queue
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Callable, Dict, Optional
from urllib.parse import urlsplit

from .state import Preview

STATIC = {"/": ("index.html", "text/html; charset=utf-8"),
          "/preview.js": ("preview.js", "text/javascript; charset=utf-8"),
          "/preview.css": ("preview.css", "text/css; charset=utf-8")}
KEEPALIVE_SECONDS = 15.0
POLICY = ("default-src 'self'; img-src 'self' data:; font-src 'self' data:; "
          "style-src 'self' 'unsafe-inline'; connect-src 'self'; base-uri 'none'; "
          "form-action 'none'; frame-ancestors 'none'")


def static_file(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


class PreviewServer(ThreadingHTTPServer):
    """One preview: its state, how to build a download, the Host names it answers to."""

    daemon_threads = True

    def __init__(self, preview: Preview, host: str, port: int,
                 download: Callable[[str], Path]):
        self.preview, self.download = preview, download
        self.build_lock = threading.Lock()
        self.stopping = threading.Event()
        super().__init__((host, port), PreviewHandler)
        self.hosts = allowed_hosts(host, self.server_address[1])

    @property
    def url(self) -> str:
        host = self.server_address[0]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.server_address[1]}/"

    def stop(self) -> None:
        self.stopping.set()
        self.preview.close()
        self.shutdown()
        self.server_close()


def allowed_hosts(host: str, port: int) -> set:
    names = {host, "localhost", "127.0.0.1", "[::1]", "::1"}
    if host in ("0.0.0.0", "::", ""):
        return set()  # every interface: any name may reach it, as the warning said
    return {f"{name}:{port}" for name in names} | names


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "deckbuild-preview"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the page's requests are not news
        return

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        hosts = self.server.hosts
        if hosts and self.headers.get("Host", "") not in hosts:
            return self._send(HTTPStatus.FORBIDDEN, b"This preview answers only on "
                              b"its own address.\n", "text/plain; charset=utf-8", head)
        path = urlsplit(self.path).path
        if self.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none") \
                and path != "/":
            # Another web site's page asking (a picture tag, a script): it gets nothing, and
            # cannot start a build either.
            return self._send(HTTPStatus.FORBIDDEN, b"Only the preview's own page may ask.\n",
                              "text/plain; charset=utf-8", head)
        if path in STATIC:
            name, kind = STATIC[path]
            return self._send(HTTPStatus.OK, static_file(name), kind, head)
        if path == "/slides.json":
            return self._json(self.server.preview.snapshot(), head)
        if path == "/events" and not head:
            return self._events()
        if path.startswith("/font/") and path.endswith(".ttf"):
            return self._font(path[len("/font/"):-len(".ttf")], head)
        if path.startswith("/picture/"):
            return self._picture(path[len("/picture/"):], head)
        if path in ("/download/pptx", "/download/handout"):
            return self._download(path.rsplit("/", 1)[1], head)
        self._send(HTTPStatus.NOT_FOUND, b"Not found.\n", "text/plain; charset=utf-8", head)

    # -- answers

    def _send(self, status, body: bytes, kind: str, head: bool = False,
              headers: Optional[Dict[str, str]] = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", POLICY)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _json(self, data, head: bool = False) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(HTTPStatus.OK, body, "application/json; charset=utf-8", head)

    def _font(self, family: str, head: bool) -> None:
        path = self.server.preview.font_file(family)
        if path is None:
            return self._send(HTTPStatus.NOT_FOUND, b"No such font.\n", "text/plain", head)
        self._send(HTTPStatus.OK, Path(path).read_bytes(), "font/ttf", head)

    def _picture(self, key: str, head: bool) -> None:
        found = self.server.preview.picture(key)
        if found is None:
            return self._send(HTTPStatus.NOT_FOUND, b"No such picture.\n", "text/plain", head)
        kind, data = found
        self._send(HTTPStatus.OK, data, kind, head)

    def _download(self, kind: str, head: bool) -> None:
        from ..errors import DeckError
        try:
            with self.server.build_lock:  # one build at a time writes the outputs
                path = self.server.download(kind)
            body = path.read_bytes()
        except DeckError as exc:
            return self._send(HTTPStatus.CONFLICT, f"{exc}\n".encode("utf-8"),
                              "text/plain; charset=utf-8", head)
        kinds = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml."
                         "presentation", "handout": "application/pdf"}
        self._send(HTTPStatus.OK, body, kinds[kind], head,
                   {"Content-Disposition": f'attachment; filename="{path.name}"'})

    def _events(self) -> None:
        events, first = self.server.preview.subscribe()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.close_connection = True
        try:
            self._event(first, "state")
            while not self.server.stopping.is_set():
                try:
                    event = events.get(timeout=KEEPALIVE_SECONDS)
                except queue.Empty:
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
                    continue
                if event is None:
                    break
                self._event(event, "change")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded
        finally:
            self.server.preview.unsubscribe(events)

    def _event(self, data: dict, name: str) -> None:
        body = json.dumps(data, ensure_ascii=False)
        self.wfile.write(f"event: {name}\nretry: 1000\ndata: {body}\n\n".encode("utf-8"))
        self.wfile.flush()
