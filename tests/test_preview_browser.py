"""The preview in a real browser: headless Chromium from the system, driven by Selenium.

Skipped when the machine has no Chromium and ChromeDriver (Debian: `apt-get install
chromium chromium-driver`) or Selenium is not installed (the test extra has it).
The test works on a copy of the seed deck; with DECKBUILD_SCREENSHOT=1 (`make
screenshot`) it also writes the README's picture, docs/pictures/preview.png.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from deckbuild.preview import PreviewSession

ROOT = Path(__file__).resolve().parent.parent
BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(name)), None)
DRIVER = shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver", reason="needs Selenium (the test extra)")
pytestmark = pytest.mark.skipif(not (BROWSER and DRIVER),
                                reason="needs Chromium and ChromeDriver (chromium-driver)")
# As the machine's own notes say: without the background-networking flags Chromium keeps
# trying hosts this closed network refuses.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,860")
WAIT = 60.0  # seconds a step may take on a loaded machine before the test gives up


def wait_for(condition, what: str):
    """Polls `condition` until it is true (the page updates on its own); fails after WAIT."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"the page never showed {what}")


@pytest.fixture
def seed_copy(tmp_path):
    shutil.copytree(ROOT / "source", tmp_path / "source")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path / "source" / "harm-reduction.md"


@pytest.fixture
def browser(tmp_path):
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for flag in FLAGS + (f"--user-data-dir={tmp_path / 'chromium'}",):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    yield driver
    driver.quit()


def slide_title(driver, number: int) -> str:
    return driver.execute_script(
        "const t = document.querySelector('#slide-' + arguments[0] + ' svg text.line');"
        "return t ? t.textContent : '';", number)


def test_the_preview_shows_the_deck_and_follows_each_save(seed_copy, browser, tmp_path,
                                                          monkeypatch):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    monkeypatch.chdir(tmp_path)  # as a trainer runs it: in the project's folder
    session = PreviewSession(seed_copy, port=0, out_dir=tmp_path / "output", interval=0.05)
    session.start()
    try:
        browser.get(session.url)
        count = wait_for(lambda: browser.execute_script(
            "const body = document.body.dataset;"
            "return body.version > 0 && body.drawn === body.slides && body.slides"), "the slides")
        slides = browser.find_elements(By.CSS_SELECTOR, "main article.slide")
        assert len(slides) == int(count) == len(session.preview.slides) > 30
        assert slide_title(browser, 2) == "Agenda"
        source = slides[1].find_element(By.CSS_SELECTOR, ".source")
        agenda = seed_copy.read_text().split("\n").index("## Agenda {time=10m}") + 1
        assert source.text == f"source/harm-reduction.md:{agenda}"
        _screenshot(browser, tmp_path)
        browser.execute_script("window.scrollTo(0, 900); window.stillTheSamePage = true;")
        scrolled = browser.execute_script("return window.scrollY")

        seed_copy.write_text(seed_copy.read_text().replace("## Agenda", "## Agenda for today"))
        wait_for(lambda: slide_title(browser, 2) == "Agenda for today", "the edited title")
        assert browser.execute_script("return window.stillTheSamePage") is True  # no reload
        assert browser.execute_script("return window.scrollY") == scrolled
        assert not browser.find_element(By.ID, "banner").is_displayed()

        good = seed_copy.read_text()
        seed_copy.write_text(good + "\n## Broken {layout=nonsense}\n\nA slide.\n")
        banner = browser.find_element(By.ID, "banner")
        line = good.count("\n") + 2
        expected = f"harm-reduction.md:{line}: there is no layout 'nonsense'"
        # The watcher may catch the file half written (a banner of that moment) before the
        # whole save: wait for the banner of the saved file.
        wait_for(lambda: banner.is_displayed() and expected in banner.text, "the error banner")
        assert len(browser.find_elements(By.CSS_SELECTOR, "main article.slide")) == int(count)
        assert slide_title(browser, 2) == "Agenda for today"  # the last good slides stay

        seed_copy.write_text(good)
        wait_for(lambda: not banner.is_displayed(), "the banner go away once fixed")
        browser.find_element(By.ID, "view-single").click()
        browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_RIGHT)
        shown = [a.get_attribute("id") for a in
                 browser.find_elements(By.CSS_SELECTOR, "main article.slide") if a.is_displayed()]
        assert len(shown) == 1, browser.execute_script(
            "return [document.body.className, Array.from(document.querySelectorAll('.current'))"
            ".map(a => a.id + ' ' + getComputedStyle(a).display)]")
        browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    finally:
        session.stop()


def _screenshot(browser, tmp_path: Path) -> None:
    shot = tmp_path / "preview.png"
    browser.save_screenshot(str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")
    if os.environ.get("DECKBUILD_SCREENSHOT"):
        target = ROOT / "docs" / "pictures" / "preview.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target)
