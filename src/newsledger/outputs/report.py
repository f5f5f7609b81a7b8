"""The editors' correction log: loads entries from the analyst views only, and renders
the same entries as HTML, Markdown, CSV, JSON and an Atom feed (pure functions of ReportData).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from newsledger.store.warehouse import Warehouse, query_sql

STATUSES = ("silent_substantive", "declared_and_observed", "declared_unobserved", "routine")
STATUS_LABELS = {
    "declared_and_observed": "declared and observed",
    "declared_unobserved": "declared but unobserved",
    "silent_substantive": "silent substantive",
    "routine": "routine",
}
REVIEW_STATES = ("unreviewed", "needs-note", "reviewed", "dismissed")
PAGE_SIZE = 200
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
        ]
        return ", ".join(p for p in parts if p) or "all time, all outlets"


@dataclass(frozen=True)
class ReportPaths:
    html: Path
    markdown: Path
    csv: Path
    json: Path
    atom: Path


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


def _split_kinds(kind: str | None) -> tuple[str, ...]:
    return tuple(k for k in (kind or "").split(",") if k)


def _change_of(row: dict[str, Any]) -> EntryChange:
    ops = json.loads(row["word_ops"]) if isinstance(row["word_ops"], str) else row["word_ops"]
    word_ops = tuple(Segment(o["op"], o["text"]) for o in ops or [])
    return EntryChange(
        change_no=row["change_no"],
        field=row["field"],
        op=row["op"],
        kinds=_split_kinds(row["kind"]),
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
    period = [start, start, end, end, filters.outlet, filters.outlet]
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


# Rendering ------------------------------------------------------------------------------


def format_time(value: datetime | None) -> str:
    """'2024-03-23 14:05 UTC' (isoformat, not strftime: it is called for every entry)."""
    return value.astimezone(UTC).isoformat(" ", "minutes")[:16] + " UTC" if value else "—"


def iso_time(value: datetime | None) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else ""


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.replace("_", " "))


@cache
def kind_label(kind: str) -> str:
    return kind.replace("_", " ")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!])")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def markdown_escape(text: object) -> str:
    """Article text as literal Markdown: no emphasis, links or raw HTML can come through."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def markdown_diff(segments: Iterable[Segment]) -> str:
    """~~deleted~~ and **inserted** words; markers hug the words, spaces stay outside."""
    out = []
    for segment in segments:
        if segment.op == "gap":
            out.append(" … ")
            continue
        text = markdown_escape(segment.text) if segment.text.strip() else " "
        lead = " " if segment.text[:1].isspace() else ""
        trail = " " if segment.text[-1:].isspace() else ""
        if segment.op == "delete":
            out.append(f"{lead}~~{text}~~{trail}")
        elif segment.op == "insert":
            out.append(f"{lead}**{text}**{trail}")
        else:
            out.append(f"{lead}{text}{trail}")
    return re.sub(r" {2,}", " ", "".join(out)).strip()


_DIFF_TAGS = {"delete": ("<del>", "</del>"), "insert": ("<ins>", "</ins>"), "equal": ("", "")}


def diff_html(segments: Iterable[Segment]) -> Markup:
    """<del>/<ins> around escaped words: built here, not in a template macro, for speed."""
    parts = []
    for segment in segments:
        if segment.op == "gap":
            parts.append(
                f'<span class="gap" title="{len(segment.text)} unchanged characters">[…]</span>'
            )
            continue
        start, end = _DIFF_TAGS[segment.op]
        parts.append(f"{start}{escape(segment.text)}{end}")
    return Markup("".join(parts))


def entry_html(entry: Entry) -> Markup:
    """The Atom content of one entry: status line, notes and diffs, every text escaped."""
    head = [f"<strong>{escape(status_label(entry.status))}</strong>"]
    head.extend(str(escape(kind_label(kind))) for kind in entry.kinds)
    if entry.involves_reconstructed:
        head.append("reconstructed")
    reviewer = f" by {escape(entry.reviewed_by)}" if entry.reviewed_by else ""
    head.append(f"review: {escape(entry.review_state)}{reviewer}")
    parts = ["<p>" + " · ".join(head) + "</p>"]
    parts.extend(f"<blockquote>{escape(note)}</blockquote>" for note in entry.notes)
    parts.extend(f"<p>{diff_html(change.segments)}</p>" for change in entry.changes)
    return Markup("".join(parts))


def _xml_safe(value: object) -> object:
    # Control characters are not allowed in XML at all, escaped or not.
    if isinstance(value, Markup):
        return Markup(_XML_INVALID.sub("", value))
    return _XML_INVALID.sub("", value) if isinstance(value, str) else value


def _environment(autoescape: bool, finalize: Any = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsledger.outputs", "templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    env.filters.update(
        time=format_time,
        iso=iso_time,
        status_label=status_label,
        kind_label=kind_label,
        md=markdown_escape,
        md_diff=markdown_diff,
        diff_html=diff_html,
        entry_html=entry_html,
        safe_link=safe_link,
    )
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return env


@cache
def _html_env() -> jinja2.Environment:
    return _environment(autoescape=True)


@cache
def _xml_env() -> jinja2.Environment:
    return _environment(autoescape=True, finalize=_xml_safe)


@cache
def _text_env() -> jinja2.Environment:
    return _environment(autoescape=False)


@cache
def _asset(name: str) -> str:
    return resources.files("newsledger.outputs").joinpath("templates", name).read_text("utf-8")


def _csp_hash(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def safe_link(url: str | None) -> str | None:
    """The URL if it is http(s); anything else (javascript:, data:) is not made a link."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def _version_span(entry: Entry) -> str:
    if entry.from_version is None:
        return f"v{entry.to_version}"
    return f"v{entry.from_version} → v{entry.to_version}"


def _review_text(entry: Entry) -> str:
    if entry.review_status is None:
        return "Not reviewed yet."
    note = f": {entry.review_note}" if entry.review_note else ""
    when = format_time(entry.reviewed_at)
    return f"Review: {entry.review_status} by {entry.reviewed_by}, {when}{note}"


def entry_view(entry: Entry) -> dict[str, Any]:
    """What the page's script needs to draw one entry: text only, labels already made."""
    times = (
        [(entry.from_captured_at, format_time(entry.from_captured_at))]
        if entry.from_captured_at
        else []
    )
    times.append((entry.to_captured_at, format_time(entry.to_captured_at)))
    return {
        "id": entry.entry_id,
        "anchor": entry.report_anchor,
        "outlet": entry.outlet or "unknown outlet",
        "title": entry.title or entry.report_id,
        "report_id": entry.report_id,
        "url": safe_link(entry.url),
        "versions": _version_span(entry),
        "times": [[iso_time(at), label] for at, label in times],
        "status": entry.status,
        "status_label": status_label(entry.status),
        "kinds": [[kind, kind_label(kind)] for kind in entry.kinds],
        "reconstructed": entry.involves_reconstructed,
        "review": entry.review_state,
        "review_text": _review_text(entry),
        "attention": entry.status == "silent_substantive" and entry.is_pending,
        "notes": list(entry.notes),
        "n_changes": entry.n_changes,
        "changes": [_change_view(change) for change in entry.changes],
    }


def _change_view(change: EntryChange) -> dict[str, Any]:
    meta = [change.op]
    if change.field != "body":
        meta.append(change.field)
    meta.extend(kind_label(k) for k in change.kinds if k != change.op)
    elided = change.is_elided
    return {
        "meta": " · ".join(meta),
        "segments": [[s.op, s.text] for s in change.segments],
        # The whole sentences only when the diff line leaves words out.
        "before": change.before_text if elided else None,
        "after": change.after_text if elided else None,
    }


def render_html(data: ReportData) -> str:
    """One self-contained page; a Content-Security-Policy allows only its own style and script."""
    css, js = _asset("correction-log.css"), _asset("correction-log.js")
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "base-uri 'none'; form-action 'none'"
    )
    template = _html_env().get_template("correction-log.html.j2")
    return template.render(
        data=data,
        entries=[entry_view(e) for e in data.entries],
        css=css,
        js=js,
        csp=csp,
        page_size=PAGE_SIZE,
        review_states=REVIEW_STATES,
    )


def render_markdown(data: ReportData) -> str:
    return _text_env().get_template("correction-log.md.j2").render(data=data)


def render_atom(data: ReportData) -> str:
    updated = max((e.updated_at for e in data.entries), default=data.generated_at)
    return _xml_env().get_template("correction-log.atom.j2").render(data=data, updated=updated)


CSV_COLUMNS = (
    "entry_id",
    "report_id",
    "outlet",
    "title",
    "url",
    "from_version",
    "to_version",
    "from_captured_at",
    "to_captured_at",
    "status",
    "kinds",
    "notes",
    "n_changes",
    "involves_reconstructed",
    "review_status",
    "reviewed_by",
    "reviewed_at",
)


def render_csv(data: ReportData) -> str:
    """One row per entry; kinds joined by ';', notes by newlines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in data.entries:
        writer.writerow(
            [
                e.entry_id,
                e.report_id,
                e.outlet or "",
                e.title or "",
                e.url or "",
                "" if e.from_version is None else e.from_version,
                e.to_version,
                iso_time(e.from_captured_at),
                iso_time(e.to_captured_at),
                e.status,
                ";".join(e.kinds),
                "\n".join(e.notes),
                e.n_changes,
                str(e.involves_reconstructed).lower(),
                e.review_status or "",
                e.reviewed_by or "",
                iso_time(e.reviewed_at),
            ]
        )
    return buffer.getvalue()


def _change_json(change: EntryChange) -> dict[str, Any]:
    return {
        "change_no": change.change_no,
        "field": change.field,
        "op": change.op,
        "kinds": list(change.kinds),
        "before_text": change.before_text,
        "after_text": change.after_text,
        "word_ops": [{"op": o.op, "text": o.text} for o in change.word_ops],
    }


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "entry_id": entry.entry_id,
        "report_id": entry.report_id,
        "outlet": entry.outlet,
        "title": entry.title,
        "url": entry.url,
        "from_version": entry.from_version,
        "to_version": entry.to_version,
        "from_captured_at": iso_time(entry.from_captured_at) or None,
        "to_captured_at": iso_time(entry.to_captured_at),
        "status": entry.status,
        "kinds": list(entry.kinds),
        "notes": list(entry.notes),
        "n_changes": entry.n_changes,
        "involves_reconstructed": entry.involves_reconstructed,
        "review_state": entry.review_state,
        "review_status": entry.review_status,
        "review_note": entry.review_note,
        "reviewed_by": entry.reviewed_by,
        "reviewed_at": iso_time(entry.reviewed_at) or None,
        "updated_at": iso_time(entry.updated_at),
        "changes": [_change_json(c) for c in entry.changes],
    }


def _timeline_json(timeline: ReportTimeline) -> dict[str, Any]:
    return {
        "report_id": timeline.report_id,
        "outlet": timeline.outlet,
        "title": timeline.title,
        "url": timeline.url,
        "versions": [
            {
                "version_no": v.version_no,
                "captured_at": iso_time(v.captured_at),
                "is_reconstructed": v.is_reconstructed,
                "changes_by_kind": dict(v.kind_counts),
                "entry_id": v.entry_id,
            }
            for v in timeline.versions
        ],
    }


def render_json(data: ReportData) -> str:
    document = {
        "generated_at": iso_time(data.generated_at),
        "filters": {
            "since": data.filters.since.isoformat() if data.filters.since else None,
            "until": data.filters.until.isoformat() if data.filters.until else None,
            "outlet": data.filters.outlet,
            "status": data.filters.status,
        },
        "summary": {
            "reports": data.summary.n_reports,
            "versions": data.summary.n_versions,
            "entries": data.summary.n_entries,
            "changes_by_kind": dict(data.summary.changes_by_kind),
            "entries_by_status": dict(data.summary.entries_by_status),
            "pending_reviews": data.summary.n_pending,
            "involving_reconstructed": data.summary.n_reconstructed,
        },
        "entries": [_entry_json(e) for e in data.entries],
        "timelines": [_timeline_json(t) for t in data.timelines],
        "stories": [
            {
                "story_id": story.story_id,
                "reports": [
                    {"report_id": r, "outlet": o, "shares_text_with": src}
                    for r, o, src in story.members
                ],
                "figures": list(story.figure_lines),
            }
            for story in data.stories
        ],
    }
    return json.dumps(document, ensure_ascii=False) + "\n"


def write_report(data: ReportData, out_dir: Path) -> ReportPaths:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = ReportPaths(
        html=out_dir / "correction-log.html",
        markdown=out_dir / "correction-log.md",
        csv=out_dir / "correction-log.csv",
        json=out_dir / "correction-log.json",
        atom=out_dir / "correction-log.atom",
    )
    paths.html.write_text(render_html(data), "utf-8")
    paths.markdown.write_text(render_markdown(data), "utf-8")
    paths.csv.write_text(render_csv(data), "utf-8", newline="")
    paths.json.write_text(render_json(data), "utf-8")
    paths.atom.write_text(render_atom(data), "utf-8")
    return paths


def render_correction_log(
    warehouse: Warehouse, out_dir: Path, filters: ReportFilters
) -> ReportPaths:
    """Writes correction-log.{html,md,csv,json,atom} into out_dir and returns their paths."""
    return write_report(load_report_data(warehouse, filters), out_dir)
