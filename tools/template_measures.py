#!/usr/bin/env python3
"""Issue 11's "Done when" figures: the seed deck built with each template in a folder.

usage: .venv/bin/python tools/template_measures.py OUT [--templates DIR] [NAME...]

For every template (default ../shared/templates/*.pptx|potx) it makes a throwaway project
(the seed deck, the Connecticut region without its theme, `theme: template:` the file),
builds deck and handout, converts the deck with LibreOffice and measures:
  slides      count, and its ratio to the build without a template (within 15%)
  titles      titled slides whose title is in a title placeholder (title/ctrTitle)
  min pt      the smallest font size set in any slide's text
  broken      words broken inside (a zero-width space between two letters)
  audit       openxml-audit's exit status (0 = clean)
  LO          pages of LibreOffice's PDF (0 = it did not convert)
  contrast    the lowest contrast of any word against what it is drawn on, read from the
              pictures: LibreOffice's PDF of the deck at 200 dpi (3:1 for text of 18 pt and
              more), the handout at 300 dpi (its own text 4.5:1; a miniature's text by its
              size on the slide: a miniature is a picture of the slide, 3:1 for the slide's
              large text, 4.5:1 for the rest and the slide numbers)
The table goes to stdout (Markdown); OUT/measures.json keeps every low word.
PYTHONPATH chooses the deckbuild to build with (a checkout of an older commit gives "before").
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from lxml import etree
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared"))
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONHASHSEED": "0"}
LO_PROFILE = f"file:///tmp/lo-template-measures-{os.getpid()}"


def project(out: Path, templates) -> Path:
    """A project folder with the seed deck and one region per template (t-NAME)."""
    proj = out / "proj"
    shutil.rmtree(proj, ignore_errors=True)
    (proj / "source" / "regions").mkdir(parents=True)
    (proj / "assets").mkdir()
    shutil.copy(ROOT / "source" / "harm-reduction.md", proj / "source")
    region = (ROOT / "source" / "regions" / "connecticut.yaml").read_text(encoding="utf-8")
    region = re.sub(r"(?ms)^theme:.*?\n\n", "", region)
    (proj / "source" / "regions" / "t-none.yaml").write_text(region, encoding="utf-8")
    for template in templates:
        shutil.copy(template, proj / "assets" / template.name)
        text = f"{region}\ntheme:\n  template: assets/{template.name}\n"
        (proj / "source" / "regions" / f"t-{template.stem}.yaml").write_text(text, "utf-8")
    return proj


def build(proj: Path, name: str, out: Path):
    """Deck, handout and LibreOffice's PDF of the deck; (returncode, message)."""
    r = subprocess.run([sys.executable, "-m", "deckbuild", "build", "--force", "--region",
                        f"t-{name}", "--out-dir", str(out / "tpl"), "source/harm-reduction.md"],
                       cwd=proj, env=ENV, capture_output=True, text=True)
    (out / f"build-{name}.log").write_text(r.stdout + r.stderr, encoding="utf-8")
    deck = out / "tpl" / f"harm-reduction-t-{name}.pptx"
    if deck.exists():
        subprocess.run(["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out / "lo"), str(deck)],
                       capture_output=True, timeout=600)
    return r.returncode, (r.stderr or r.stdout).strip()[-300:]


def words(pdf: Path):
    """[(page, xmin, ymin, xmax, ymax, text)] in points, from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True))
    found = []
    for number, page in enumerate(root.iter("{*}page")):
        for w in page.iter("{*}word"):
            found.append((number, float(w.get("xMin")), float(w.get("yMin")),
                          float(w.get("xMax")), float(w.get("yMax")), w.text or ""))
    return found


def miniatures(pdf: Path):
    """{page: [(left, top, right, bottom, scale)]}: where the handout draws each slide
    small (pdftotext's points, y down), read from the content streams: the slide's clip
    rectangle, drawn under a scaling `cm`."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream
    reader = PdfReader(str(pdf))
    found = {}
    for number, page in enumerate(reader.pages):
        height = float(page.mediabox.height)
        ctm, stack, boxes = (1, 0, 0, 1, 0, 0), [], []
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q" and stack:
                ctm = stack.pop()
            elif op == b"cm":
                a, b, c, d, e, f = [float(v) for v in operands]
                A, B, C, D, E, F = ctm
                ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                       e * A + f * C + E, e * B + f * D + F)
            elif op == b"re" and 0 < ctm[0] < 0.9 and abs(ctm[0] - ctm[3]) < 1e-6:
                x, y, w, h = [float(v) for v in operands]
                left, right = sorted((ctm[0] * x + ctm[4], ctm[0] * (x + w) + ctm[4]))
                low, high = sorted((ctm[3] * y + ctm[5], ctm[3] * (y + h) + ctm[5]))
                box = (round(left, 1), round(height - high, 1), round(right, 1),
                       round(height - low, 1), ctm[0])
                if right - left > 100 and not any(
                        b[0] <= box[0] + 1 and box[2] <= b[2] + 1 and b[1] <= box[1] + 1
                        and box[3] <= b[3] + 1 for b in boxes):
                    boxes.append(box)  # the slide's clip: the whole miniature
        found[number] = boxes
    return found


def text_sizes(pdf: Path):
    """{page: [(x, baseline from the top, size on the page)]} of every text the PDF shows,
    from its text and transformation matrices (pypdf), for sizes exact where pdftotext's
    boxes only say how tall a font's ascent and descent are."""
    from pypdf import PdfReader
    found = {}
    for number, page in enumerate(PdfReader(str(pdf)).pages):
        height, shown = float(page.mediabox.height), []

        def visit(text, cm, tm, font, size):
            if not text.strip() or not size:
                return
            a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            shown.append((x, height - y, size * (a * a + b * b) ** 0.5))
        page.extract_text(visitor_text=visit)
        found[number] = shown
    return found


def shown_size(shown, box):
    """The size of the text shown where the word in `box` is (the nearest text drawn on its
    baseline that starts at or left of it), or None."""
    x0, y0, x1, y1 = box
    near = [(x0 - x, size) for x, y, size in shown
            if x <= x0 + 2 and y0 - 1 <= y <= y1 + 2]
    return min(near)[1] if near else None


def pages(pdf: Path, dpi: int):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), f"{tmp}/p"], check=True)
        files = sorted(Path(tmp).glob("p-*.png"), key=lambda f: int(f.stem.split("-")[-1]))
        return [Image.open(f).convert("RGB") for f in files]


def _luminance(rgb):
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@lru_cache(maxsize=None)
def ratio(a, b):
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def word_contrast(image, box, dpi):
    """(ratio, text colour, ground) of one word: the ground is the commonest colour around
    it, the text the colour farthest from it that 3% of the pixels reach (not stray ones)."""
    s = dpi / 72
    x0, y0, x1, y1 = [int(v * s) for v in box]
    crop = image.crop((max(x0 - 2, 0), max(y0 - 2, 0), x1 + 2, y1 + 2))
    colours = crop.getcolors(maxcolors=1 << 20)
    if not colours:
        return None
    bins = {}
    for count, p in colours:
        q = tuple(v // 8 * 8 for v in p)
        n, sums = bins.get(q, (0, (0, 0, 0)))
        bins[q] = (n + count, tuple(a + b * count for a, b in zip(sums, p)))
    n, sums = max(bins.values(), key=lambda v: v[0])
    ground = tuple(round(v / n) for v in sums)
    total = sum(c for c, _ in colours)
    seen, text = 0, None
    for count, p in sorted(colours, key=lambda cp: ratio(cp[1], ground)):
        seen += count
        if seen >= total * 0.97:
            text = p
            break
    hexof = "%02X%02X%02X".__mod__
    return ratio(text, ground), hexof(text), hexof(ground)


def contrast_report(pdf: Path, dpi: int, large_at: float, small: bool = False):
    """(words, [(page, word, ratio, colour, ground, pt)] below 4.5:1 or 3:1 when large).
    `small` (a handout): a word in a miniature is large when it is on the slide (its size
    divided by the miniature's scale); the handout's own text needs 4.5:1 at any size."""
    images = pages(pdf, dpi)
    minis = miniatures(pdf) if small else {}
    sizes = text_sizes(pdf) if small else {}
    low, total = [], 0
    for page, x0, y0, x1, y1, text in words(pdf):
        if not re.search(r"\w", text):
            continue
        total += 1
        got = word_contrast(images[page], (x0, y0, x1, y1), dpi)
        if got is None:
            continue
        size = (y1 - y0) / 1.3
        mid = ((x0 + x1) / 2, (y0 + y1) / 2)
        for left, top, right, bottom, scale in minis.get(page, ()):
            if left <= mid[0] <= right and top <= mid[1] <= bottom:
                exact = shown_size(sizes.get(page, ()), (x0, y0, x1, y1))
                size = (exact if exact else size) / scale  # its size on the slide
                break
        else:
            if small:
                size = 0.0  # the handout's own text
        if got[0] < (3.0 if size >= large_at - 0.5 else 4.5):
            low.append((page + 1, text, round(got[0], 2), got[1], got[2], round(size)))
    return total, low


def titles(proj: Path, name: str):
    """The fitted deck's slide titles ('' for none), asked of the deckbuild being measured."""
    code = ("import json,sys; from pathlib import Path; from deckbuild.errors import Findings;"
            "from deckbuild.layout.fit import fit_deck; from deckbuild.model import plain;"
            "from deckbuild.read import read_deck;"
            f"d=read_deck(Path('source/harm-reduction.md'), region='t-{name}', "
            "findings=Findings()); f=fit_deck(d, Findings());"
            "print(json.dumps([plain(s.title) for s in f.slides]))")
    r = subprocess.run([sys.executable, "-c", code], cwd=proj, env=ENV, capture_output=True,
                       text=True, check=True)
    return json.loads(r.stdout)


def _clean(text):
    return re.sub("[\u200b\u2060\u00ad]", "", text).strip()


def deck_measures(path: Path, slide_titles):
    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER
    prs = Presentation(str(path))
    found, missing, sizes, broken = 0, [], [], []
    title_types = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    for number, (slide, title) in enumerate(zip(prs.slides, slide_titles), 1):
        for run in slide._element.iter(f"{A}rPr", f"{A}endParaRPr"):
            if run.get("sz"):
                sizes.append((int(run.get("sz")) / 100, number))
        for shape in slide.shapes:
            if shape.has_text_frame:
                for word in shape.text_frame.text.split():
                    if re.search(r"[^\W\d_][\u200b\u00ad][^\W\d_]", word):
                        broken.append((number, word.replace("\u200b", "|")))
        if not title:
            continue
        if any(s.placeholder_format.type in title_types
               and _clean(s.text_frame.text) == _clean(title) for s in slide.placeholders):
            found += 1
        else:
            missing.append((number, title[:40]))
    return dict(slides=len(prs.slides), titled=sum(1 for t in slide_titles if t),
                title_in_placeholder=found, missing_title=missing,
                min_size=min(sizes) if sizes else None, broken=broken)


def audit(path: Path):
    tool = Path("/work/tools-venv/bin/openxml-audit")
    args = [str(tool)] if tool.exists() else [sys.executable, "-m", "openxml_audit"]
    r = subprocess.run(args + ["-q", str(path)], capture_output=True, text=True)
    return r.returncode, (r.stdout + r.stderr).strip()[:400]


def measure(proj: Path, out: Path, name: str, baseline: int):
    rc, message = build(proj, name, out)
    deck = out / "tpl" / f"harm-reduction-t-{name}.pptx"
    if rc or not deck.exists():
        return dict(build=message)
    m = deck_measures(deck, titles(proj, name))
    m["slide_ratio"] = round(m["slides"] / baseline, 2)
    m["audit"] = audit(deck)
    lo = out / "lo" / deck.with_suffix(".pdf").name
    m["libreoffice_pages"] = len(words_pages(lo)) if lo.exists() else 0
    m["deck_words"], m["deck_low"] = contrast_report(lo, 200, 18.0) if lo.exists() else (0, [])
    handout = deck.with_name(f"harm-reduction-t-{name}-handout.pdf")
    m["handout_words"], m["handout_low"] = contrast_report(handout, 300, 18.0, small=True)
    return m


def words_pages(pdf: Path):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return range(int(re.search(r"Pages:\s+(\d+)", out).group(1)))


def row(name, m):
    if "build" in m:
        return f"| {name} | build failed: {m['build'][:60]} |"
    low = lambda rows: min((r[2] for r in rows), default=None)  # noqa: E731
    deck_low, hand_low = low(m["deck_low"]), low(m["handout_low"])
    size = m["min_size"][0] if m["min_size"] else "-"
    return (f"| {name} | {m['slides']} ({m['slide_ratio']}x) | {m['title_in_placeholder']}/"
            f"{m['titled']} | {size} | {len(m['broken'])} | {m['audit'][0]} | "
            f"{m['libreoffice_pages']} | {len(m['deck_low'])}/{m['deck_words']}"
            f"{f' (min {deck_low})' if deck_low else ''} | {len(m['handout_low'])}/"
            f"{m['handout_words']}{f' (min {hand_low})' if hand_low else ''} |")


def main(argv):
    out = Path(argv[0]).resolve()
    folder = SHARED / "templates"
    if "--templates" in argv:
        folder = Path(argv[argv.index("--templates") + 1])
    names = [a for a in argv[1:] if not a.startswith("--") and a != str(folder)]
    templates = sorted(t for t in folder.iterdir() if t.suffix in (".pptx", ".potx")
                       and (not names or t.stem in names))
    out.mkdir(parents=True, exist_ok=True)
    proj = project(out, templates)
    build(proj, "none", out)
    baseline = len(titles(proj, "none"))
    report = {}
    print(f"No template: {baseline} slides\n")
    print("| template | slides | titles in placeholder | min pt | broken words | audit rc "
          "| LO pages | deck words < 4.5 (3 large) | handout words < 4.5 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for template in templates:
        report[template.stem] = m = measure(proj, out, template.stem, baseline)
        print(row(template.stem, m), flush=True)
        (out / "measures.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
