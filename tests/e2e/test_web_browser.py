"""`newsledger web` in Debian's Chromium, as an editor uses it: load the log, filter it, open
a report, compare two of its versions, record a review and see it after a reload, and send
a review while an ingest holds the writer lock, which is queued and lands once it lets go.

Needs /usr/bin/chromium and the playwright package, like test_report_browser.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsledger.runs.pipeline import ingest_seed_folder
from newsledger.runs.synthetic import add_fixture_reports
from newsledger.store.locking import writer_lock
from newsledger.store.warehouse import Warehouse
from support.web_server import WebServer, wait_until
from tests.e2e.test_report_browser import CHROMIUM, CHROMIUM_ARGS, require_browser

pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KIRBY = "ap-moscow-concert-hall-attack"
KIRBY_ENTRY = "3c2c3314fdf5"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web-browser") / "warehouse.duckdb"
    ingest_seed_folder(SEEDS, path)
    with Warehouse.open(path) as warehouse:
        add_fixture_reports(warehouse)
    return path


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[WebServer]:
    with WebServer(db) as running:
        yield running


@pytest.fixture
def page(chromium: Any, server: WebServer) -> Iterator[Any]:
    """The log in a fresh browser context; console errors, page errors (a refused style or
    script under the Content-Security-Policy among them) and requests leaving the app are
    collected and must stay empty."""
    problems: list[str] = []
    context = chromium.new_context(viewport={"width": 1100, "height": 1400})
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning")
            else None
        ),
    )
    opened.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((server.url, "data:"))
            else problems.append(f"request: {request.url}")
        ),
    )
    opened.goto(server.url)
    yield opened
    context.close()
    assert problems == []


def shown_entries(page: Any) -> int:
    return page.locator("#entries > li.entry").count()


def entry(page: Any, entry_id: str) -> Any:
    return page.locator(f"#entry-{entry_id}")


def test_the_log_loads_with_every_entry_and_the_legend(page: Any) -> None:
    assert page.locator("#visible-count").inner_text() == "3"
    assert shown_entries(page) == 3
    kirby = entry(page, KIRBY_ENTRY)
    assert kirby.locator(".badge.status").inner_text() == "declared and observed"
    assert kirby.locator(".badge.status").get_attribute("title")
    page.locator("#legend > summary").click()
    assert page.locator("#legend").get_by_text("silent substantive").first.is_visible()


def test_filters_narrow_the_log_and_clear_again(page: Any) -> None:
    from playwright.sync_api import expect

    page.select_option("#f-status", "silent_substantive")
    page.click("#f-apply")
    expect(page.locator("#visible-count")).to_have_text("1")
    assert shown_entries(page) == 1
    page.fill("#f-text", "no such words anywhere")
    page.click("#f-apply")
    expect(page.locator("#no-match")).to_be_visible()
    page.click("a.reset")
    expect(page.locator("#visible-count")).to_have_text("3")


def test_open_a_report_and_compare_two_versions(page: Any) -> None:
    from playwright.sync_api import expect

    entry(page, KIRBY_ENTRY).get_by_role(
        "link", name="Every version, and a diff of any two"
    ).click()
    expect(page.locator("#report-title")).to_have_text("Moscow concert hall attack (AP)")
    assert page.locator("details.version").count() == 2
    side = page.locator("#diff")
    assert side.locator("del").first.inner_text() == "national security adviser"
    page.select_option("#compare-a", "2")
    page.select_option("#compare-b", "1")
    page.select_option("#compare-mode", "inline")
    page.click("#compare-go")
    expect(page.locator("#compare-summary")).to_contain_text("v2 (")
    inline = page.locator("div.diff-inline#diff")
    assert "National Security Council" in inline.locator("del").all_inner_texts()
    assert "national security adviser" in inline.locator("ins").all_inner_texts()


def review(page: Any, entry_id: str, status: str, reviewer: str, note: str = "") -> None:
    form = entry(page, entry_id).locator("form.review-form")
    form.locator("select[name=status]").select_option(status)
    form.locator("input[name=note]").fill(note)
    form.locator("input[name=reviewer]").fill(reviewer)
    form.get_by_role("button", name="Record review").click()


def test_record_a_review_and_see_it_after_a_reload(page: Any) -> None:
    from playwright.sync_api import expect

    review(page, KIRBY_ENTRY, "reviewed", "Ana Editor", "note matches the edit")
    expect(page.locator("#notice")).to_have_text("Review stored.")
    page.reload()
    kirby = entry(page, KIRBY_ENTRY)
    assert kirby.locator(".badge.review").inner_text() == "reviewed"
    assert kirby.locator("p.review").inner_text().startswith("Review: reviewed by Ana Editor")
    assert kirby.locator("p.review").inner_text().endswith(": note matches the edit")
    # The name is remembered for the next form in this browser.
    assert kirby.locator("input[name=reviewer]").input_value() == "Ana Editor"


def test_a_review_sent_while_an_ingest_writes_lands_afterwards(page: Any, db: Path) -> None:
    from playwright.sync_api import expect

    silent = page.locator("#entries > li.entry[data-status=silent_substantive]")
    silent_id = silent.get_attribute("data-entry-id")
    with writer_lock(db):  # what an ingest run holds while it writes
        review(page, silent_id, "needs-note", "Ben Desk")
        expect(page.locator("#notice")).to_contain_text("Review queued")
        assert entry(page, silent_id).locator(".badge.queued").inner_text() == "review queued"
        assert entry(page, silent_id).locator(".badge.review").inner_text() == "unreviewed"
    # The writer is free: the app stores the queued review; a reload shows it stored.

    def stored() -> bool:
        page.reload()
        return entry(page, silent_id).locator(".badge.review").inner_text() == "needs-note"

    wait_until(stored, "the queued review shows as stored after a reload")
    shown = entry(page, silent_id)
    assert shown.locator(".badge.queued").count() == 0
    assert shown.locator("p.review").inner_text().startswith("Review: needs-note by Ben Desk")
    assert page.locator("#queued-notice").count() == 0
