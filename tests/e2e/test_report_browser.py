"""The correction-log page in headless Chromium, opened from disk: it draws, filters,
pages, and runs none of the markup an article smuggles in.

Needs Debian's chromium at /usr/bin/chromium (CI: .ci/install-browser) and the playwright
package; Playwright's own browser download is never used. Missing either fails under CI
and skips elsewhere."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsledger.outputs.report import render_correction_log
from newsledger.outputs.report_data import ReportFilters
from newsledger.runs.pipeline import ingest_seed_folder
from newsledger.runs.synthetic import (
    HOSTILE_SENTENCE,
    add_fixture_reports,
    build_synthetic_warehouse,
)
from newsledger.store.warehouse import Warehouse

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KIRBY_ENTRY = "3c2c3314fdf5"


def require_browser() -> None:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium, or .ci/install-browser)")
    if importlib.util.find_spec("playwright") is None:
        missing.append("the playwright package (pip install playwright; no `playwright install`)")
    if not missing:
        return
    reason = "browser test needs " + " and ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # launch() gives every run a fresh temporary profile.
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser-report")
    db_path = folder / "warehouse.duckdb"
    ingest_seed_folder(SEEDS, db_path)
    with Warehouse.open(db_path) as warehouse:
        add_fixture_reports(warehouse)
        return render_correction_log(warehouse, folder / "out", ReportFilters()).html


def open_page(chromium: Any, html: Path, problems: list[str]) -> Any:
    """A new page on the report; console errors, page errors and any non-file request are
    collected in `problems` (a Content-Security-Policy violation shows up there too)."""
    context = chromium.new_context(viewport={"width": 1100, "height": 1400})
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning")
            else None
        ),
    )
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith("file://")
            else problems.append(f"request: {request.url}")
        ),
    )
    page.goto(html.as_uri())
    return page


@pytest.fixture
def page(chromium: Any, report_html: Path) -> Iterator[Any]:
    problems: list[str] = []
    opened = open_page(chromium, report_html, problems)
    yield opened
    opened.context.close()
    assert problems == []


def shown_entries(page: Any) -> int:
    return page.locator("#entries > li.entry:visible").count()


def test_screenshot_is_a_real_picture(page: Any, tmp_path: Path) -> None:
    shot = tmp_path / "correction-log.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000


def test_kirby_entry_is_visible_with_badges_and_diff(page: Any) -> None:
    entry = page.locator(f"#entry-{KIRBY_ENTRY}")
    assert entry.is_visible()
    assert entry.locator(".badge.status").inner_text() == "declared and observed"
    assert entry.locator(".badge.reconstructed").inner_text() == "reconstructed"
    assert entry.locator(".badge.review").inner_text() == "unreviewed"
    assert "Council" in entry.locator("ins").all_inner_texts()[1]
    assert "adviser" in entry.locator("del").first.inner_text()
    assert (
        entry.locator("blockquote.note")
        .inner_text()
        .startswith("This story was updated to correct that John Kirby")
    )


def test_every_entry_is_shown_at_first(page: Any) -> None:
    assert page.locator("#visible-count").inner_text() == "3"
    assert shown_entries(page) == 3


@pytest.mark.parametrize(
    ("control", "value", "expected"),
    [
        ("#f-status", "silent_substantive", 1),
        ("#f-status", "declared_unobserved", 0),
        ("#f-outlet", "Fixture Gazette", 2),
        ("#f-kind", "numeric", 1),
        ("#f-review", "pending", 3),
        ("#f-review", "reviewed", 0),
    ],
)
def test_select_filters_change_the_visible_count(
    page: Any, control: str, value: str, expected: int
) -> None:
    from playwright.sync_api import expect

    page.select_option(control, value)
    expect(page.locator("#visible-count")).to_have_text(str(expected))
    assert shown_entries(page) == expected
    assert page.locator("#no-match").is_visible() is (expected == 0)


@pytest.mark.parametrize(("text", "expected"), [("kirby", 1), ("VALLEY", 1), ("no such", 0)])
def test_free_text_filters_entries(page: Any, text: str, expected: int) -> None:
    from playwright.sync_api import expect

    page.fill("#f-text", text)
    expect(page.locator("#visible-count")).to_have_text(str(expected))
    assert shown_entries(page) == expected


def test_injected_markup_is_shown_and_never_runs(page: Any) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.title().startswith("Correction log")
    assert page.locator("#entries img").count() == 0
    assert page.locator("#entries script").count() == 0
    assert page.locator("ins", has_text="window.__pwned = 1").inner_text() == HOSTILE_SENTENCE
    assert page.get_by_text('Bridge <b>opening</b> & "ceremony"').first.is_visible()


def test_many_entries_are_paged(chromium: Any, tmp_path: Path) -> None:
    db_path = tmp_path / "synthetic.duckdb"
    build_synthetic_warehouse(db_path, 450)
    with Warehouse.open(db_path, read_only=True) as warehouse:
        html = render_correction_log(warehouse, tmp_path / "out", ReportFilters()).html
    problems: list[str] = []
    page = open_page(chromium, html, problems)
    assert page.locator("#visible-count").inner_text() == "450"
    assert shown_entries(page) == 200
    assert page.locator(".page-info").first.inner_text() == "Showing 1–200 · page 1 of 3"
    page.locator(".pager .next").first.click()
    assert page.locator(".page-info").first.inner_text() == "Showing 201–400 · page 2 of 3"
    assert shown_entries(page) == 200
    page.context.close()
    assert problems == []


def test_without_javascript_every_entry_is_readable(chromium: Any, report_html: Path) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(report_html.as_uri())
    assert page.locator("#visible-count").inner_text() == "3"
    assert shown_entries(page) == 3
    kirby = page.locator(f"#entry-{KIRBY_ENTRY}")
    assert kirby.locator(".badge.status").inner_text() == "declared and observed"
    assert "adviser" in kirby.locator("del").first.inner_text()
    assert page.locator("#f-outlet").is_visible() is False  # filters need the script
    context.close()


def test_legend_and_tooltips_explain_the_labels(page: Any) -> None:
    legend = page.locator("#legend")
    assert legend.is_visible()
    assert "silent substantive" in legend.inner_text()
    assert "newsledger web" in legend.inner_text()
    status = page.locator(f"#entry-{KIRBY_ENTRY} .badge.status")
    assert status.get_attribute("title").startswith("A new correction or update note")
    kind = page.locator(f"#entry-{KIRBY_ENTRY} .badge.kind").first
    assert kind.get_attribute("title")
