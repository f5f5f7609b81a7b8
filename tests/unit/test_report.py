"""The correction log rendered from a warehouse built from the seeds plus two fixture
reports (hostile markup, a silent numeric change): content, order, filters, escaping."""

from __future__ import annotations

import base64
import csv
import hashlib
import html as html_lib
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import feedparser
import markupsafe
import pytest

from newsledger.outputs.report import (
    entry_view,
    markdown_diff,
    render_atom,
    render_correction_log,
    render_csv,
    render_html,
    render_json,
    render_markdown,
    safe_link,
)
from newsledger.outputs.report_data import (
    ReportData,
    ReportError,
    ReportFilters,
    Segment,
    display_segments,
    load_report_data,
)
from newsledger.outputs.reviews import add_review
from newsledger.runs.pipeline import ingest_seed_folder
from newsledger.runs.synthetic import HOSTILE_SENTENCE, HOSTILE_TITLE, add_fixture_reports
from newsledger.store.warehouse import Warehouse

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KIRBY = "ap-moscow-concert-hall-attack"
HOSTILE = "fixture-hostile-markup"
SILENT = "fixture-silent-numeric"
GENERATED_AT = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def warehouse_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "warehouse.duckdb"
    ingest_seed_folder(SEEDS, path)
    with Warehouse.open(path) as warehouse:
        add_fixture_reports(warehouse)
    return path


@pytest.fixture(scope="module")
def data(warehouse_path: Path) -> ReportData:
    with Warehouse.open(warehouse_path, read_only=True) as warehouse:
        return load_report_data(warehouse, ReportFilters(), generated_at=GENERATED_AT)


def page_entries(data: ReportData) -> list[dict]:
    """What the page draws of each entry (entry_view), once its markup is checked to list
    every entry, script or not."""
    html = render_html(data)
    listed = re.findall(r'<li class="entry[^"]*" id="entry-([0-9a-f]+)"', html)
    assert listed == [e.entry_id for e in data.entries]
    return [entry_view(e) for e in data.entries]


def by_report(entries: list[dict], report_id: str, key: str = "report_id") -> dict:
    return next(e for e in entries if e[key] == report_id)


def test_entries_put_unreviewed_silent_substantive_first_then_newest(data: ReportData) -> None:
    assert [e.report_id for e in data.entries] == [SILENT, HOSTILE, KIRBY]


def test_summary_counts_the_period(data: ReportData) -> None:
    summary = data.summary
    assert (summary.n_reports, summary.n_versions, summary.n_entries) == (4, 7, 3)
    assert dict(summary.entries_by_status) == {
        "silent_substantive": 1,
        "declared_and_observed": 1,
        "declared_unobserved": 0,
        "routine": 1,
    }
    assert (summary.n_pending, summary.n_reconstructed) == (3, 1)
    assert dict(summary.changes_by_kind)["numeric"] == 1


def test_html_kirby_entry_has_status_badges_note_and_word_diff(data: ReportData) -> None:
    kirby = by_report(page_entries(data), KIRBY)
    assert (kirby["status"], kirby["status_label"]) == (
        "declared_and_observed",
        "declared and observed",
    )
    assert ["added", "added"] in kirby["kinds"]
    assert kirby["reconstructed"] is True
    assert kirby["review"] == "unreviewed"
    assert kirby["versions"] == "v1 → v2"
    assert kirby["notes"][0].startswith("This story was updated to correct that John Kirby")
    segments = kirby["changes"][0]["segments"]
    assert any(op == "delete" and "adviser" in text for op, text in segments)
    assert any(op == "insert" and "Council" in text for op, text in segments)


def test_html_summary_and_timeline_are_rendered_on_the_page(data: ReportData) -> None:
    html = render_html(data)
    assert '<dd id="n-reports">4</dd>' in html
    assert '<dd id="n-pending">3</dd>' in html
    assert 'id="visible-count"' in html
    assert '00:00 UTC</time> <span class="badge reconstructed">reconstructed</span>' in html
    assert "@media print" in html


def test_markdown_kirby_entry(data: ReportData) -> None:
    markdown = render_markdown(data)
    section = markdown.split("### Moscow concert hall attack (AP)")[1].split("###")[0]
    assert "- Status: declared and observed · kinds: added" in section
    assert "v1 (2024-03-23 00:00 UTC) → v2 (2024-03-23 00:00 UTC) · reconstructed" in section
    assert "**National Security Council**" in section
    assert "~~national security adviser~~" in section
    assert "> This story was updated to correct that John Kirby" in section


def test_csv_kirby_row(data: ReportData) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(data))))
    assert [r["report_id"] for r in rows] == [SILENT, HOSTILE, KIRBY]
    kirby = by_report(rows, KIRBY)
    assert kirby["entry_id"] == "3c2c3314fdf5"
    assert (kirby["from_version"], kirby["to_version"]) == ("1", "2")
    assert kirby["to_captured_at"] == "2024-03-23T00:00:00Z"
    assert kirby["status"] == "declared_and_observed"
    assert "added" in kirby["kinds"].split(";")
    assert kirby["notes"].startswith("This story was updated to correct that John Kirby")
    assert (kirby["n_changes"], kirby["involves_reconstructed"]) == ("2", "true")
    assert (kirby["review_status"], kirby["reviewed_by"]) == ("", "")


def test_json_kirby_entry_with_changes(data: ReportData) -> None:
    document = json.loads(render_json(data))
    assert document["summary"]["entries"] == 3
    kirby = by_report(document["entries"], KIRBY)
    assert kirby["status"] == "declared_and_observed"
    assert kirby["review_state"] == "unreviewed"
    assert [c["op"] for c in kirby["changes"]] == ["changed", "added"]
    assert {"op": "insert", "text": "National Security Council"} in kirby["changes"][0]["word_ops"]
    timeline = by_report(document["timelines"], KIRBY)
    assert [v["is_reconstructed"] for v in timeline["versions"]] == [True, False]


def test_atom_parses_without_errors(data: ReportData) -> None:
    feed = feedparser.parse(render_atom(data))
    assert feed.bozo == 0
    assert [e.id for e in feed.entries] == [
        f"urn:newsledger:entry:{e.entry_id}" for e in data.entries
    ]
    kirby = feed.entries[2]
    assert kirby.updated == "2024-03-23T00:00:00Z"
    assert "Council" in kirby.content[0].value


def test_atom_entry_updates_when_a_later_review_lands(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    ingest_seed_folder(SEEDS, path)
    reviewed_at = datetime(2024, 6, 2, 8, 30, tzinfo=UTC)
    with Warehouse.open(path) as warehouse:
        add_review(warehouse, "3c2c3314fdf5", "reviewed", None, "ana", at=reviewed_at)
        feed = feedparser.parse(render_atom(load_report_data(warehouse, ReportFilters())))
    assert feed.bozo == 0
    assert feed.entries[0].updated == "2024-06-02T08:30:00Z"
    assert feed.feed.updated == "2024-06-02T08:30:00Z"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (ReportFilters(outlet="Associated Press"), [KIRBY]),
        (ReportFilters(outlet="Fixture Gazette"), [SILENT, HOSTILE]),
        (ReportFilters(status="routine"), [HOSTILE]),
        (ReportFilters(since=date(2024, 3, 23)), [HOSTILE, KIRBY]),
        (ReportFilters(until=date(2024, 3, 22)), [SILENT]),
        (ReportFilters(since=date(2024, 3, 23), until=date(2024, 3, 23)), [KIRBY]),
        (ReportFilters(outlet="Nobody"), []),
    ],
)
def test_filters_select_entries(
    warehouse_path: Path, filters: ReportFilters, expected: list[str]
) -> None:
    with Warehouse.open(warehouse_path, read_only=True) as warehouse:
        data = load_report_data(warehouse, filters)
    assert [e.report_id for e in data.entries] == expected


def test_unknown_status_filter_is_one_clear_error(warehouse_path: Path) -> None:
    with (
        Warehouse.open(warehouse_path, read_only=True) as warehouse,
        pytest.raises(ReportError, match=r"^status 'silent' is not one of silent_substantive, "),
    ):
        load_report_data(warehouse, ReportFilters(status="silent"))


def test_render_correction_log_writes_five_files(warehouse_path: Path, tmp_path: Path) -> None:
    with Warehouse.open(warehouse_path, read_only=True) as warehouse:
        paths = render_correction_log(warehouse, tmp_path / "out", ReportFilters())
    written = [paths.html, paths.markdown, paths.csv, paths.json, paths.atom]
    assert [p.name for p in written] == [
        "correction-log.html",
        "correction-log.md",
        "correction-log.csv",
        "correction-log.json",
        "correction-log.atom",
    ]
    assert all(p.stat().st_size > 500 for p in written)


# Escaping -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["<script>window", "</script><img", "<img src=x", "<b>opening</b>", "javascript:"]
)
def test_html_never_carries_article_markup_raw(data: ReportData, raw: str) -> None:
    assert raw not in render_html(data)


def test_html_keeps_hostile_text_as_text(data: ReportData) -> None:
    html = render_html(data)
    hostile = by_report(page_entries(data), HOSTILE)
    assert hostile["title"] == HOSTILE_TITLE
    assert hostile["url"] is None
    assert hostile["changes"][0]["segments"] == (("insert", HOSTILE_SENTENCE),)
    assert f"<ins>{markupsafe.escape(HOSTILE_SENTENCE)}</ins>" in html
    assert "Bridge &lt;b&gt;opening&lt;/b&gt; &amp; &#34;ceremony&#34;" in html


def test_html_policy_allows_exactly_its_own_script(data: ReportData) -> None:
    html = render_html(data)
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    assert f"script-src 'sha256-{digest}';" in html_lib.unescape(policy.group(1))


def test_markdown_escapes_hostile_text(data: ReportData) -> None:
    markdown = render_markdown(data)
    assert "<script>" not in markdown
    assert r"**\<script\>window.\_\_pwned = 1; document.title" in markdown
    assert r"### Bridge \<b\>opening\</b\> & " in markdown


def test_atom_escapes_hostile_text(data: ReportData) -> None:
    feed = feedparser.parse(render_atom(data))
    hostile = next(e for e in feed.entries if e.title.startswith("Bridge"))
    assert hostile.title.startswith('Bridge <b>opening</b> & "ceremony"')
    assert "links" not in hostile or all("javascript" not in link.href for link in hostile.links)


# Pure helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ops", "expected"),
    [
        ([("equal", "a"), ("delete", "b")], [("equal", "a"), ("delete", "b")]),
        (
            [("insert", "new "), ("equal", "x" * 300)],
            [("insert", "new "), ("equal", "x" * 80), ("gap", "x" * 220)],
        ),
        (
            [("equal", "y" * 300), ("delete", "old")],
            [("gap", "y" * 220), ("equal", "y" * 80), ("delete", "old")],
        ),
        (
            [("delete", "a"), ("equal", "z" * 400), ("insert", "b")],
            [
                ("delete", "a"),
                ("equal", "z" * 80),
                ("gap", "z" * 240),
                ("equal", "z" * 80),
                ("insert", "b"),
            ],
        ),
    ],
)
def test_display_segments_shortens_only_long_unchanged_runs(
    ops: list[tuple[str, str]], expected: list[tuple[str, str]]
) -> None:
    assert display_segments([Segment(*op) for op in ops]) == tuple(Segment(*op) for op in expected)


@pytest.mark.parametrize(
    ("ops", "expected"),
    [
        (
            [("equal", "The "), ("delete", "old"), ("insert", "new"), ("equal", " plan.")],
            "The ~~old~~**new** plan.",
        ),
        (
            [("equal", "Kirby,"), ("insert", " spokesman for"), ("equal", " the")],
            "Kirby, **spokesman for** the",
        ),
        ([("insert", "*shout* [link](x)")], r"**\*shout\* \[link\](x)**"),
    ],
)
def test_markdown_diff(ops: list[tuple[str, str]], expected: str) -> None:
    assert markdown_diff([Segment(*op) for op in ops]) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://apnews.com/a", "https://apnews.com/a"),
        (" http://x.org/ ", "http://x.org/"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,hi", None),
        (None, None),
    ],
)
def test_safe_link(url: str | None, expected: str | None) -> None:
    assert safe_link(url) == expected


def test_csv_file_opens_in_excel_as_utf8_with_the_changed_sentences(
    warehouse_path: Path, tmp_path: Path
) -> None:
    with Warehouse.open(warehouse_path, read_only=True) as warehouse:
        paths = render_correction_log(warehouse, tmp_path / "out", ReportFilters())
    raw = paths.csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    kirby = by_report(list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))), KIRBY)
    before, after = kirby["before_text"].split("\n"), kirby["after_text"].split("\n")
    assert len(before) == len(after) == 2  # line N of each is change N
    assert "national security adviser" in before[0]
    assert "National Security Council" in after[0]
    assert before[1] == ""  # the second change added a sentence: nothing before it
    assert after[1].startswith("This story was updated to correct that John Kirby")
