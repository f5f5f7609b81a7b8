"""The correction log's data: filters, entries, version timelines, stories and counts, read
from the analyst views only into frozen dataclasses (ReportData) that the renderers take as given.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any, NamedTuple

from newsledger.store.warehouse import Warehouse, query_sql

STATUSES = ("silent_substantive", "declared_and_observed", "declared_unobserved", "routine")
STATUS_LABELS = {
    "declared_and_observed": "declared and observed",
    "declared_unobserved": "declared but unobserved",
    "silent_substantive": "silent substantive",
    "routine": "routine",
}
# An unchanged run longer than this inside a changed sentence is shortened to its ends.
ELIDE_OVER = 220
ELIDE_KEEP = 80
REQUIRED_VIEWS = ("v_changes", "v_correction_log", "v_reviews", "v_versions")


class ReportError(RuntimeError):
    """The report cannot be built; the message says what to do."""


@dataclass(frozen=True)
class ReportFilters:
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    status: str | None = None
    # One report only (the web app's page per report).
    report_id: str | None = None

    def window(self) -> tuple[datetime | None, datetime | None]:
        """[since 00:00 UTC, the day after until 00:00 UTC): both dates inclusive."""
        start = datetime.combine(self.since, time(), UTC) if self.since else None
        end = datetime.combine(self.until + timedelta(days=1), time(), UTC) if self.until else None
        return start, end

    def describe(self) -> str:
        parts = [
            f"from {self.since.isoformat()}" if self.since else "",
            f"until {self.until.isoformat()}" if self.until else "",
            f"outlet {self.outlet}" if self.outlet else "",
            f"status {STATUS_LABELS.get(self.status, self.status)}" if self.status else "",
            f"report {self.report_id}" if self.report_id else "",
        ]
        return ", ".join(p for p in parts if p) or "all time, all outlets"


class Segment(NamedTuple):
    """A piece of a changed sentence: equal, delete or insert (word_ops), or gap (elided)."""

    op: str
    text: str


@dataclass(frozen=True)
class EntryChange:
    change_no: int
    field: str
    op: str
    kinds: tuple[str, ...]
    before_text: str | None
    after_text: str | None
    word_ops: tuple[Segment, ...]
    # As displayed: long unchanged runs shortened (see display_segments).
    segments: tuple[Segment, ...]

    @property
    def is_elided(self) -> bool:
        return any(s.op == "gap" for s in self.segments)


PAGE_CORRECTION_LABEL = "Correction in the page's structured data (schema.org)"


class PageCorrection(NamedTuple):
    """A correction the page declares in its structured data (schema.org `correction`), new
    in the entry's later version: shown beside the notes found in the text."""

    text: str
    published_at: datetime | None


@dataclass(frozen=True)
class Entry:
    """One version transition of one report, as the editors see it."""

    entry_id: str
    report_id: str
    outlet: str | None
    title: str | None
    url: str | None
    from_version: int | None
    to_version: int
    from_captured_at: datetime | None
    to_captured_at: datetime
    status: str
    kinds: tuple[str, ...]
    notes: tuple[str, ...]
    n_changes: int
    involves_reconstructed: bool
    review_status: str | None
    review_note: str | None
    reviewed_by: str | None
    reviewed_at: datetime | None
    changes: tuple[EntryChange, ...] = ()
    page_corrections: tuple[PageCorrection, ...] = ()
    # As the later version's page stated them (JSON-LD or meta tags), when it did.
    published_at: datetime | None = None
    modified_at: datetime | None = None

    @property
    def declared_notes(self) -> tuple[str, ...]:
        """The notes found in the text, then the page's structured corrections, labelled."""
        page = (f"{PAGE_CORRECTION_LABEL}: {c.text}" for c in self.page_corrections)
        return (*self.notes, *page)

    def page_statements(self) -> dict[str, Any]:
        """What the later version's page states about itself, as the JSON export gives it."""
        return {
            "page_corrections": [
                {"text": text, "published_at": _iso(at)} for text, at in self.page_corrections
            ],
            "published_at": _iso(self.published_at),
            "modified_at": _iso(self.modified_at),
        }

    @property
    def review_state(self) -> str:
        return self.review_status or "unreviewed"

    @property
    def is_pending(self) -> bool:
        return self.review_status in (None, "needs-note")

    @property
    def updated_at(self) -> datetime:
        """When the entry last changed: its capture, or a later review."""
        if self.reviewed_at and self.reviewed_at > self.to_captured_at:
            return self.reviewed_at
        return self.to_captured_at

    @property
    def report_anchor(self) -> str:
        return report_anchor(self.report_id)


@dataclass(frozen=True)
class TimelineVersion:
    version_no: int
    captured_at: datetime
    is_reconstructed: bool
    kind_counts: tuple[tuple[str, int], ...]
    entry_id: str | None

    @property
    def what_changed(self) -> str:
        """'2 numeric, 1 added', in the timeline's words."""
        if self.kind_counts:
            return ", ".join(f"{n} {kind_label(kind)}" for kind, n in self.kind_counts)
        return "first version" if self.version_no == 1 else "no sentence changed"


@dataclass(frozen=True)
class ReportTimeline:
    report_id: str
    outlet: str | None
    title: str | None
    url: str | None
    versions: tuple[TimelineVersion, ...]

    @property
    def anchor(self) -> str:
        return report_anchor(self.report_id)


@dataclass(frozen=True)
class Summary:
    n_reports: int
    n_versions: int
    n_entries: int
    changes_by_kind: tuple[tuple[str, int], ...]
    entries_by_status: tuple[tuple[str, int], ...]
    n_pending: int
    n_reconstructed: int


@dataclass(frozen=True)
class StorySection:
    """One story: its reports (and which carry another's text) and its key figures' lines."""

    story_id: str
    members: tuple[tuple[str, str | None, str | None], ...]
    figure_lines: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return "story-" + self.story_id


@dataclass(frozen=True)
class ReportData:
    filters: ReportFilters
    generated_at: datetime
    summary: Summary
    entries: tuple[Entry, ...]
    timelines: tuple[ReportTimeline, ...]
    outlets: tuple[str, ...] = field(default=())
    kinds: tuple[str, ...] = field(default=())
    stories: tuple[StorySection, ...] = field(default=())


def report_anchor(report_id: str) -> str:
    return "report-" + hashlib.sha256(report_id.encode("utf-8")).hexdigest()[:12]


# Here rather than with the renderers: TimelineVersion.what_changed speaks the same words.
@cache
def kind_label(kind: str) -> str:
    return kind.replace("_", " ")


def display_segments(word_ops: Sequence[Segment]) -> tuple[Segment, ...]:
    """Word ops as displayed: long unchanged runs keep their ends and lose the middle."""
    segments: list[Segment] = []
    last = len(word_ops) - 1
    for index, op in enumerate(word_ops):
        text = op.text
        if op.op != "equal" or len(text) <= ELIDE_OVER:
            segments.append(Segment(op.op, text))
            continue
        head = text[:ELIDE_KEEP] if index > 0 else ""
        tail = text[-ELIDE_KEEP:] if index < last else ""
        middle = text[len(head) : len(text) - len(tail)]
        segments.extend(
            s
            for s in (Segment("equal", head), Segment("gap", middle), Segment("equal", tail))
            if s.text
        )
    return tuple(segments)


def _utc(value: datetime | None) -> datetime | None:
    # The queries hand over naive UTC times: DuckDB converts those far faster than zoned ones.
    return value.replace(tzinfo=UTC) if value is not None else None


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


def _aware_utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return _utc(value)
    return value.astimezone(UTC)


def _page_corrections(values: Sequence[dict[str, Any]] | None) -> tuple[PageCorrection, ...]:
    return tuple(PageCorrection(v["text"], _aware_utc(v["published_at"])) for v in values or ())


def _change_of(row: dict[str, Any]) -> EntryChange:
    ops = json.loads(row["word_ops"]) if isinstance(row["word_ops"], str) else row["word_ops"]
    word_ops = tuple(Segment(o["op"], o["text"]) for o in ops or [])
    return EntryChange(
        change_no=row["change_no"],
        field=row["field"],
        op=row["op"],
        kinds=tuple(row["kinds"] or ()),
        before_text=row["before_text"],
        after_text=row["after_text"],
        word_ops=word_ops,
        segments=display_segments(word_ops),
    )


def _check_views(warehouse: Warehouse) -> None:
    present = {row[0] for row in warehouse.fetch_all("SELECT view_name FROM duckdb_views()")}
    missing = [v for v in REQUIRED_VIEWS if v not in present]
    if missing:
        raise ReportError(
            f"warehouse {warehouse.path} lacks view(s) {', '.join(missing)}: "
            "open it once for writing (e.g. run an ingest) to apply the newer schema"
        )


def load_report_data(
    warehouse: Warehouse, filters: ReportFilters, generated_at: datetime | None = None
) -> ReportData:
    """Everything the correction log shows, read from the views in a handful of queries."""
    _check_views(warehouse)
    if filters.status is not None and filters.status not in STATUSES:
        raise ReportError(f"status {filters.status!r} is not one of {', '.join(STATUSES)}")
    start, end = filters.window()
    period = [start, start, end, end, filters.outlet, filters.outlet, *[filters.report_id] * 2]
    rows = warehouse.fetch_dicts(
        query_sql("report_entries"), [*period, filters.status, filters.status]
    )
    change_rows = warehouse.fetch_dicts(
        query_sql("report_changes"),
        [[r["report_id"] for r in rows], [r["to_version"] for r in rows]],
    )
    changes: dict[tuple[str, int], list[EntryChange]] = {}
    for row in change_rows:
        changes.setdefault((row["report_id"], row["to_version"]), []).append(_change_of(row))
    entries = tuple(
        Entry(
            entry_id=r["entry_id"],
            report_id=r["report_id"],
            outlet=r["outlet"],
            title=r["title"],
            url=r["url"],
            from_version=r["from_version"],
            to_version=r["to_version"],
            from_captured_at=_utc(r["from_captured_at"]),
            to_captured_at=r["to_captured_at"].replace(tzinfo=UTC),
            status=r["status"],
            kinds=tuple(r["kinds"]),
            notes=tuple(r["notes"]),
            n_changes=r["n_changes"],
            involves_reconstructed=bool(r["involves_reconstructed"]),
            review_status=r["review_status"],
            review_note=r["review_note"],
            reviewed_by=r["reviewed_by"],
            reviewed_at=_utc(r["reviewed_at"]),
            changes=tuple(changes.get((r["report_id"], r["to_version"]), ())),
            page_corrections=_page_corrections(r["structured_corrections"]),
            published_at=_utc(r["published_at"]),
            modified_at=_utc(r["modified_at"]),
        )
        for r in rows
    )
    version_rows = warehouse.fetch_dicts(query_sql("report_versions"), period)
    timelines = _timelines(warehouse, version_rows, entries)
    return ReportData(
        filters=filters,
        generated_at=(generated_at or datetime.now(UTC)).astimezone(UTC),
        summary=summarise(entries, version_rows),
        entries=entries,
        timelines=timelines,
        outlets=tuple(sorted({e.outlet for e in entries if e.outlet})),
        kinds=tuple(sorted({k for e in entries for k in e.kinds})),
        stories=_stories(warehouse, [t.report_id for t in timelines]),
    )


def _stories(warehouse: Warehouse, report_ids: Sequence[str]) -> tuple[StorySection, ...]:
    """Stories with a report in the period; figures as `killed: ≥ 40 (…) → > 60 (…)`."""
    from newsledger.stories.grouping import TimelineRow, format_story_timeline

    present = {row[0] for row in warehouse.fetch_all("SELECT view_name FROM duckdb_views()")}
    if "v_stories" not in present or not report_ids:
        return ()
    sections = []
    for row in warehouse.fetch_dicts(query_sql("report_stories"), [list(report_ids)]):
        timeline = [
            TimelineRow(story_id=row["story_id"], **{**t, "captured_at": _utc(t["captured_at"])})
            for t in row["timeline"] or []
        ]
        lines = format_story_timeline(timeline).splitlines()[1:]
        sections.append(
            StorySection(
                story_id=row["story_id"],
                members=tuple(
                    (m["report_id"], m["outlet"], m["shares_text_with"]) for m in row["members"]
                ),
                figure_lines=tuple(line.strip() for line in lines),
            )
        )
    return tuple(sections)


def _timelines(
    warehouse: Warehouse, version_rows: list[dict[str, Any]], entries: Sequence[Entry]
) -> tuple[ReportTimeline, ...]:
    report_ids = list(dict.fromkeys(r["report_id"] for r in version_rows))
    kind_counts: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for row in warehouse.fetch_dicts(query_sql("report_version_kinds"), [report_ids]):
        kind_counts.setdefault((row["report_id"], row["to_version"]), []).append(
            (row["kind"], row["n"])
        )
    entry_ids = {(e.report_id, e.to_version): e.entry_id for e in entries}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in version_rows:
        grouped.setdefault(row["report_id"], []).append(row)
    return tuple(
        ReportTimeline(
            report_id=report_id,
            outlet=rows[-1]["outlet"],
            title=rows[-1]["title"],
            url=rows[-1]["url"],
            versions=tuple(
                TimelineVersion(
                    version_no=r["version_no"],
                    captured_at=r["captured_at"].replace(tzinfo=UTC),
                    is_reconstructed=bool(r["is_reconstructed"]),
                    kind_counts=tuple(kind_counts.get((report_id, r["version_no"]), ())),
                    entry_id=entry_ids.get((report_id, r["version_no"])),
                )
                for r in rows
            ),
        )
        for report_id, rows in grouped.items()
    )


def summarise(entries: Sequence[Entry], version_rows: Sequence[dict[str, Any]]) -> Summary:
    """Counts for the period: reports, versions, changes by kind, entries by status."""
    by_kind = Counter(k for e in entries for c in e.changes for k in (c.kinds or ("unclassified",)))
    by_status = Counter(e.status for e in entries)
    statuses = [*STATUSES, *sorted(set(by_status) - set(STATUSES))]
    return Summary(
        n_reports=len({r["report_id"] for r in version_rows}),
        n_versions=len(version_rows),
        n_entries=len(entries),
        changes_by_kind=tuple(sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
        entries_by_status=tuple((s, by_status.get(s, 0)) for s in statuses),
        n_pending=sum(e.is_pending for e in entries),
        n_reconstructed=sum(e.involves_reconstructed for e in entries),
    )
