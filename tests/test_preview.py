"""`deckbuild preview` (deckbuild/preview): a server on port 0 in a thread, asked with http.client.

The rebuilds are called directly where a test is about what is sent, and left to
the watcher where it is about noticing a save (waiting for an event, never timing).
"""
from __future__ import annotations

import http.client
import io
import json
import socket
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckbuild.cli import main
from deckbuild.errors import DeckError
from deckbuild.preview import PreviewSession, is_loopback
from deckbuild.preview.server import PreviewServer
from deckbuild.preview.state import Preview

DECK = """
---
title: Preview
---

## First slide

- One point

::: notes
Say hello.
:::

## Second slide {background-color="nope"}

Some text.

## Third slide

![A picture](../assets/photo.png)
"""
BROKEN = "\n## Fourth slide\n\n::: resources\n:::\n"


class Client:
    def __init__(self, server):
        self.host, self.port = server.server_address[:2]

    def get(self, path: str, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body

    def json(self, path: str = "/slides.json") -> dict:
        response, body = self.get(path)
        assert response.status == 200
        return json.loads(body)


class Events:
    """An open /events stream, read one event at a time."""

    def __init__(self, client: Client):
        self.connection = http.client.HTTPConnection(client.host, client.port, timeout=30)
        self.connection.request("GET", "/events")
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type").startswith("text/event-stream")

    def next(self):
        name, data = None, []
        while True:
            line = self.response.fp.readline().decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                name = line[len("event: "):]
            elif line.startswith("data: "):
                data.append(line[len("data: "):])
            elif line == "" and data:
                return name, json.loads("\n".join(data))

    def close(self):
        self.connection.close()


@pytest.fixture
def served(project):
    from PIL import Image
    Image.new("RGB", (300, 200), (31, 111, 139)).save(project.root / "assets" / "photo.png")
    source = project.deck(DECK)
    preview = Preview(source)
    server = PreviewServer(preview, "127.0.0.1", 0, lambda kind: None)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    preview.rebuild()
    yield source, preview, Client(server)
    server.stop()


def test_the_page_and_script_come_from_the_package_with_nothing_from_elsewhere(served):
    _, _, client = served
    for path, kind in (("/", "text/html"), ("/preview.js", "text/javascript"),
                       ("/preview.css", "text/css")):
        response, body = client.get(path)
        assert response.status == 200 and response.getheader("Content-Type").startswith(kind)
        assert b"http://" not in body and b"https://" not in body  # no CDN, works offline
        assert "default-src 'self'" in response.getheader("Content-Security-Policy")
    _, page = client.get("/")
    assert b'src="/preview.js"' in page and b'id="banner"' in page


def test_every_slide_is_sent_as_svg_with_number_source_notes_and_warnings(served):
    source, _, client = served
    state = client.json()
    assert state["count"] == 4 and [s["number"] for s in state["slides"]] == [1, 2, 3, 4]
    first, second, third = state["slides"][1:4]
    title = [t for t in ET.fromstring(first["svg"]).iter("{http://www.w3.org/2000/svg}text")
             if t.get("class") == "line"][0]
    assert "".join(title.itertext()) == "First slide"
    assert first["source"].endswith("deck.md:5") and first["notes"] == ["Say hello."]
    assert second["warnings"] and "'nope' is not a colour" in second["warnings"][0]
    assert second["warnings"][0].endswith("[background-color]") and not first["warnings"]
    picture = ET.fromstring(third["svg"]).find(".//{http://www.w3.org/2000/svg}image")
    response, body = client.get(picture.get("href"))
    assert response.status == 200 and response.getheader("Content-Type") == "image/png"
    assert body.startswith(b"\x89PNG")
    for family, url in state["fonts"].items():
        response, body = client.get(url)
        assert response.status == 200 and body[:4] in (b"\x00\x01\x00\x00", b"true")


@pytest.mark.parametrize("path", [
    "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/font/../../../etc/passwd.ttf",
    "/picture/../deck.md", "/source/deck.md", "/assets/photo.png", "/static/preview.js",
    "/font/dbf-0000000000.ttf", "/picture/" + "0" * 40, "//etc/passwd",
])
def test_nothing_else_is_served(served, path):
    _, _, client = served
    response, body = client.get(path)
    assert response.status == 404 and b"root:" not in body


def test_a_request_for_another_host_name_is_refused(served):
    _, _, client = served
    response, _ = client.get("/slides.json", {"Host": "attacker.example:80"})
    assert response.status == 403
    response, _ = client.get("/slides.json", {"Host": f"localhost:{client.port}"})
    assert response.status == 200
    for path in ("/download/pptx", "/slides.json", "/events"):
        response, _ = client.get(path, {"Sec-Fetch-Site": "cross-site"})
        assert response.status == 403  # another site's page cannot read it or start a build
    assert client.get("/slides.json", {"Sec-Fetch-Site": "same-origin"})[0].status == 200


def test_an_edit_sends_only_the_changed_slide(served):
    source, preview, client = served
    events = Events(client)
    try:
        name, state = events.next()
        assert name == "state" and state["count"] == 4 and len(state["slides"]) == 4
        source.write_text(source.read_text().replace("Some text.", "Other text."))
        preview.rebuild()
        name, change = events.next()
        assert name == "change" and change["count"] == 4 and change["error"] is None
        assert [s["number"] for s in change["slides"]] == [3]
        assert "Other text." in change["slides"][0]["svg"]
        assert change["keys"][:2] == state["keys"][:2] and change["keys"][3] == state["keys"][3]
    finally:
        events.close()


def test_a_broken_edit_shows_where_and_keeps_the_last_good_slides(served):
    source, preview, client = served
    before = client.json()
    source.write_text(source.read_text() + BROKEN)
    with pytest.raises(DeckError):
        preview.rebuild()
    state = client.json()
    assert state["error"]["where"].endswith("deck.md:23")
    assert "needs a region" in state["error"]["text"]
    assert state["keys"] == before["keys"] and state["count"] == 4
    source.write_text(source.read_text().replace(BROKEN, "\n## Fourth slide\n"))
    preview.rebuild()
    state = client.json()
    assert state["error"] is None and state["count"] == 5


def test_a_saved_file_is_noticed_by_the_watcher_and_downloads_are_built(project):
    source = project.deck(DECK.replace("![A picture](../assets/photo.png)", "Text."))
    session = PreviewSession(source, port=0, out_dir=project.root / "output", interval=0.05)
    session.start()
    client = Client(session.server)
    events = Events(client)
    try:
        state = events.next()[1]
        while state["version"] == 0:  # the first build, done by the watcher
            state = events.next()[1]
        assert state["count"] == 4
        source.write_text(source.read_text().replace("## Third slide", "## Renamed slide"))
        change = events.next()[1]
        assert [s["number"] for s in change["slides"]] == [4]
        assert "Renamed slide" in change["slides"][0]["svg"]
        response, body = client.get("/download/pptx")
        assert response.status == 200
        assert response.getheader("Content-Disposition") == 'attachment; filename="deck.pptx"'
        titles = [s.shapes.title.text for s in Presentation(io.BytesIO(body)).slides
                  if s.shapes.title is not None]
        assert "Renamed slide" in titles
        assert (project.root / "output" / "deck.pptx").read_bytes() == body
        response, body = client.get("/download/handout")
        assert response.status == 200 and body.startswith(b"%PDF")
    finally:
        events.close()
        session.stop()


def test_a_download_of_a_broken_deck_says_why(project):
    source = project.deck("## Slide\n\n::: resources\n:::\n")
    session = PreviewSession(source, port=0, out_dir=project.root / "output")
    session.server_thread = threading.Thread(target=session.server.serve_forever, daemon=True)
    session.server_thread.start()
    try:
        response, body = Client(session.server).get("/download/pptx")
        assert response.status == 409 and b"deck.md:3: '::: resources' needs a region" in body
    finally:
        session.server.stop()


def test_loopback_is_the_default_and_another_host_is_warned_about(project, monkeypatch):
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and not is_loopback("0.0.0.0")
    project.deck(DECK)
    monkeypatch.chdir(project.root)
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["preview", "--host", "0.0.0.0", "--port", str(port)])
    assert result.exit_code == 1
    assert "Warning: serving on 0.0.0.0" in result.output
    assert f"cannot serve on 0.0.0.0:{port}" in result.output and "--port 0" in result.output
    assert "Traceback" not in result.output


def test_the_command_names_its_options():
    result = CliRunner().invoke(main, ["preview", "--help"])
    assert result.exit_code == 0
    for option in ("--region", "--port", "--host", "--open", "--out-dir"):
        assert option in result.output


def test_a_saved_picture_redraws_its_slide(served):
    from PIL import Image
    source, preview, client = served
    before = client.json()
    old = ET.fromstring(before["slides"][3]["svg"]).find(".//{http://www.w3.org/2000/svg}image")
    Image.new("RGB", (300, 200), (200, 40, 40)).save(source.parent.parent / "assets" / "photo.png")
    events = Events(client)
    try:
        events.next()
        preview.rebuild()
        change = events.next()[1]
    finally:
        events.close()
    assert [s["number"] for s in change["slides"]] == [4]
    new = ET.fromstring(change["slides"][0]["svg"]).find(".//{http://www.w3.org/2000/svg}image")
    assert new.get("href") != old.get("href")
    response, body = client.get(new.get("href"))
    assert Image.open(io.BytesIO(body)).getpixel((10, 10)) == (200, 40, 40)
    assert client.get(old.get("href"))[0].status == 404  # only the current pictures are served


def test_a_long_deck_sends_the_top_of_the_page_first(project):
    from deckbuild.preview.state import FIRST_BATCH
    source = project.deck("".join(f"## Slide {n}\n\nText {n}.\n\n" for n in range(1, 15)))
    preview = Preview(source)
    events, first = preview.subscribe()
    assert first["count"] == 0 and first["version"] == 0
    preview.rebuild()
    top, rest = events.get_nowait(), events.get_nowait()
    assert top["count"] == rest["count"] == 14
    assert [s["number"] for s in top["slides"]] == list(range(1, FIRST_BATCH + 1))
    assert [s["number"] for s in rest["slides"]] == list(range(FIRST_BATCH + 1, 15))
    assert len(rest["keys"]) == 14 and preview.snapshot()["slides"][13]["title"] == "Slide 14"
    source.write_text(source.read_text().replace("Text 2.", "Text two."))
    preview.rebuild()
    change = events.get_nowait()
    assert [s["number"] for s in change["slides"]] == [2] and events.empty()


def test_a_translation_is_previewed_in_its_language_and_its_po_file_is_watched(project):
    """`--lang es`: the slides drawn from the PO file, which is one of the watched files."""
    import polib

    from deckbuild.translate import translate_source
    source = project.deck("---\ntitle: Welcome\n---\n\n## Naloxone saves lives\n\nCarry it.\n")
    po_path = translate_source(source, "es").path
    po = polib.pofile(str(po_path))
    spanish = {"Naloxone saves lives": "La naloxona salva vidas", "Carry it.": "Llévela."}
    for entry in po:
        entry.msgstr = spanish.get(entry.msgid, "")
    po.save(str(po_path))
    preview = Preview(source, lang="es")
    built = preview.rebuild()
    titles = [view["title"] for view in preview.slides]
    assert "La naloxona salva vidas" in titles
    assert "La naloxona salva vidas" in "".join(view["svg"] for view in preview.slides)
    assert po_path.resolve() in [Path(p).resolve() for p in built.inputs]
