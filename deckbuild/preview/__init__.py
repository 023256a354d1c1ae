"""`deckbuild preview`: the deck in the browser while it is written, redrawn on save.

A local web server (`server`, the standard library's) shows every slide as SVG
(`render.svg`, the same plan and measurement as the deck and the handout), with
its number, source `path:line`, notes and warnings. The watch mode's `Watcher`
notices a saved deck, region file, picture or template and rebuilds the model
(`state.Preview`); each open page is sent only the slides that changed. The .pptx
and the handout are built on request, by the normal build, into the output folder.
"""
from __future__ import annotations

import threading
import webbrowser
from pathlib import Path
from typing import Callable, Optional

from .server import PreviewServer
from .state import Preview

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


class PreviewSession:
    """One deck previewed: its state, its server, its watcher."""

    def __init__(self, source: Path, region: Optional[str] = None, host: str = "127.0.0.1",
                 port: int = 8000, out_dir: Path = Path("output"), interval: float = 0.3,
                 report: Callable[[str, bool], None] = lambda text, error: None,
                 lang: Optional[str] = None):
        from ..watch import Watcher
        self.source, self.region, self.out_dir = Path(source), region, Path(out_dir)
        self.lang = lang
        self.report = report
        self.preview = Preview(self.source, region, lang)
        self.server = PreviewServer(self.preview, host, port, self.download)
        self.watcher = Watcher(self._sources, self.preview.rebuild, self._watched, interval)
        self._thread: Optional[threading.Thread] = None
        self._stop = threading.Event()

    @property
    def url(self) -> str:
        return self.server.url

    def _sources(self):
        return [self.source] if self.source.exists() else []

    def _watched(self, event) -> None:
        if event.error is not None:
            self.report(str(event.error), True)
        elif event.removed:
            self.report(f"{event.source}: the deck was removed; the page keeps its slides.",
                        True)
        elif event.fixed:
            self.report(f"{event.source}: fixed; the preview shows it again.", False)

    def download(self, kind: str) -> Path:
        """Builds the deck or the handout as `deckbuild build` does; its path."""
        from ..build import build, output_paths
        target = output_paths(self.source, self.out_dir, self.region, self.lang)[kind]
        build(self.source, {kind: target}, region=self.region, lang=self.lang)
        return target

    def start(self) -> None:
        """Serve in a thread (the first page is there at once), then watch in another."""
        threading.Thread(target=self.server.serve_forever, name="preview-server",
                         daemon=True).start()
        self._thread = threading.Thread(target=self.watch, name="preview-watch", daemon=True)
        self._thread.start()

    def watch(self) -> None:
        self.watcher.run(should_stop=self._stop.is_set)

    def stop(self) -> None:
        self._stop.set()
        self.server.stop()
        if self._thread is not None:
            self._thread.join(timeout=5)


def open_page(url: str) -> None:
    webbrowser.open(url)
