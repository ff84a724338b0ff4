"""The web UI in a real browser: Debian's headless chromium driven by Playwright, against
`newstrace serve`'s app on a loopback port, over our sample reports and a hostile one.
Screenshots of each page visited are kept in build/screenshots/ (their folder is printed).
No browser is ever downloaded: a machine without /usr/bin/chromium fails with the command
that installs it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from newstrace.serve import create_app
from web_reports import HOSTILE, build_database

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-extensions"]
# Milliseconds a page or element may take: generous on a loaded 2-core machine.
WAIT_MS = 20_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a free loopback port, served by uvicorn in a thread; its base address."""
    folder = tmp_path_factory.mktemp("browser")
    db = str(folder / "web.db")
    build_database(folder, db)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests drive Debian's chromium "
                    "(apt-get install -y chromium, or make system-packages); they never "
                    "download a browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every dialog and console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(WAIT_MS)
    opened.dialogs = []
    opened.errors = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message),
                                        dialog.dismiss()))
    opened.on("console", lambda message: message.type == "error"
              and opened.errors.append(message.text))
    yield opened
    context.close()


def shoot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


def test_search_then_reach_an_entity(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "Šakalienė")
    page.click("form.search button")
    page.wait_for_url("**/search?q=*")
    shoot(page, "search")
    page.click("ul.entities a:has-text('Šakalienė')")
    page.wait_for_url("**/entities/*")
    assert "Dovilė Šakalienė" in page.inner_text("h1")
    assert page.locator("ul.statements li").count() >= 2
    shoot(page, "entity")
    # the style sheet applies under the pages' policy, which refused nothing of ours
    header = "getComputedStyle(document.querySelector('header.top')).backgroundColor"
    assert page.evaluate(header) == "rgb(23, 36, 58)"
    assert page.errors == []


def test_from_an_entity_to_a_statement_to_its_sentence(server: str, page: Any) -> None:
    page.goto(server + "/search?q=Šakalienė")
    page.click("ul.entities a:has-text('Šakalienė')")
    said = page.locator("ul.statements a.quote", has_text="first task")
    words = said.inner_text().strip("“”")
    said.click()
    page.wait_for_url("**/statements/*")
    assert page.locator("ol.chain li").count() >= 2
    assert "Šakalienė" in page.inner_text("ol.chain li.speaker")
    shoot(page, "statement")
    page.click("a.source")
    page.wait_for_url("**/documents/*mark=*")
    marked = page.locator(".doc-text .target")
    assert marked.count() >= 1
    assert words in "".join(marked.all_inner_texts())
    assert marked.first.is_visible() and page.locator("#mark").count() == 1
    shoot(page, "document")


def test_a_treaty_on_the_day_chosen_and_its_evidence(server: str, page: Any) -> None:
    page.goto(server + "/treaties")
    page.click("ul.treaties a:text-is('Ottawa Treaty')")
    page.fill("input[name=on]", "2025-06-01")
    page.click("form.day button")
    page.wait_for_url("**on=2025-06-01")
    estonia = page.locator("table.states tr", has_text="Estonia")
    assert "withdrawal decided 2025-05-09" in estonia.inner_text()
    shoot(page, "treaty")
    estonia.locator("a").first.click()
    page.wait_for_url("**/documents/*mark=*")
    marked = "".join(page.locator(".doc-text .target").all_inner_texts())
    assert marked == "Estonia's parliament voted on 9 May to withdraw from the Ottawa Convention."
    vote = page.locator("aside a[href^='/events/']").first.get_attribute("href")
    page.goto(server + vote)
    shoot(page, "event")
    assert page.locator("table.reports tr").count() >= 2


def test_a_hostile_report_renders_inert(server: str, page: Any) -> None:
    document = f"/documents/{HOSTILE['id']}"
    page.goto(server + document)
    statement = page.locator("ul.statements a").first.get_attribute("href")
    for address in (document, "/search?q=never+run", statement):
        page.goto(server + address)
        assert "<script>" in page.inner_text("main"), address  # shown as text, not run
        assert page.evaluate("window.pwned") is None, address
    page.goto(server + document)
    # The javascript: address of the document and the link in its text are plain text.
    assert page.locator("a[href^='javascript']").count() == 0
    page.locator("text=read more").first.click()
    page.wait_for_timeout(200)
    shoot(page, "hostile")
    assert page.evaluate("window.pwned") is None
    assert page.dialogs == []
