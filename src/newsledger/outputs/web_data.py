"""What the web app's pages show, read from the warehouse on every request: the correction log
narrowed by the page's filters (load_report_data plus the static page's kind, review and text
filters), one report with every version's full text, and the diff of any two of its versions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from newsledger.changes.diffing import diff_field, diff_sentences
from newsledger.models import Change
from newsledger.outputs.report_data import (
    STATUSES,
    Entry,
    ReportData,
    ReportFilters,
    Segment,
    load_report_data,
)
from newsledger.store.warehouse import Warehouse, query_sql
from newsledger.text.segment import sentences_of

LOG_PAGE_SIZE = 50
REVIEW_FILTERS = ("pending", "unreviewed", "needs-note", "reviewed", "dismissed")
# Unchanged sentences kept on each side of a change when a comparison is not shown whole.
CONTEXT_SENTENCES = 2


class WebInputError(ValueError):
    """A query parameter the page cannot use; the message names it and what it takes."""


@dataclass(frozen=True)
class LogQuery:
    """The log page's filters: the report's own (dates, outlet, status) plus kind, review
    state and free text, as the static page's script filters."""

    filters: ReportFilters
    kind: str | None = None
    review: str | None = None
    text: str | None = None
    page: int = 1

    def params(self, **changes: object) -> dict[str, str]:
        """The query string's parameters, with `changes` applied (None drops one)."""
        values: dict[str, object] = {
            "since": self.filters.since.isoformat() if self.filters.since else None,
            "until": self.filters.until.isoformat() if self.filters.until else None,
            "outlet": self.filters.outlet,
            "status": self.filters.status,
            "kind": self.kind,
            "review": self.review,
            "q": self.text,
            "page": self.page if self.page > 1 else None,
        }
        values.update(changes)
        return {k: str(v) for k, v in values.items() if v not in (None, "")}


def _date_param(params: Mapping[str, str], name: str) -> date | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise WebInputError(f"{name} {value!r} is not a date (want YYYY-MM-DD)") from None


def parse_log_query(params: Mapping[str, str]) -> LogQuery:
    """The log page's filters from its query string; empty values mean no filter."""

    def text(name: str) -> str | None:
        return params.get(name, "").strip() or None

    status, review = text("status"), text("review")
    if status is not None and status not in STATUSES:
        raise WebInputError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    if review is not None and review not in REVIEW_FILTERS:
        raise WebInputError(f"review {review!r} is not one of {', '.join(REVIEW_FILTERS)}")
    try:
        page = max(1, int(params.get("page") or 1))
    except ValueError:
        raise WebInputError(f"page {params.get('page')!r} is not a number") from None
    filters = ReportFilters(
        since=_date_param(params, "since"),
        until=_date_param(params, "until"),
        outlet=text("outlet"),
        status=status,
    )
    return LogQuery(filters, kind=text("kind"), review=review, text=text("q"), page=page)


def _search_text(entry: Entry) -> str:
    parts = [entry.title or "", entry.outlet or "", entry.report_id, entry.entry_id]
    parts += [entry.review_note or "", entry.reviewed_by or "", *entry.notes]
    for change in entry.changes:
        parts += [change.before_text or "", change.after_text or ""]
    return "\n".join(parts).lower()


def entry_matches(entry: Entry, query: LogQuery) -> bool:
    if query.kind and query.kind not in entry.kinds:
        return False
    if query.review == "pending" and not entry.is_pending:
        return False
    if query.review not in (None, "pending") and entry.review_state != query.review:
        return False
    return not query.text or query.text.lower() in _search_text(entry)


@dataclass(frozen=True)
class LogPage:
    data: ReportData
    matching: tuple[Entry, ...]
    shown: tuple[Entry, ...]
    page: int
    pages: int


def load_log_page(warehouse: Warehouse, query: LogQuery) -> LogPage:
    data = load_report_data(warehouse, query.filters)
    matching = tuple(e for e in data.entries if entry_matches(e, query))
    pages = max(1, -(-len(matching) // LOG_PAGE_SIZE))
    page = min(query.page, pages)
    start = (page - 1) * LOG_PAGE_SIZE
    return LogPage(data, matching, matching[start : start + LOG_PAGE_SIZE], page, pages)


@dataclass(frozen=True)
class VersionText:
    version_no: int
    captured_at: datetime
    is_reconstructed: bool
    source: str | None
    title: str | None
    byline: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class ReportPage:
    report_id: str
    outlet: str | None
    title: str | None
    url: str | None
    versions: tuple[VersionText, ...]
    data: ReportData  # the report's entries (transitions), with their reviews

    def version(self, version_no: int) -> VersionText | None:
        return next((v for v in self.versions if v.version_no == version_no), None)


def load_report_page(warehouse: Warehouse, report_id: str) -> ReportPage | None:
    """The report with every version's full text; None when the warehouse has no such report."""
    rows = warehouse.fetch_dicts(query_sql("web_report_versions"), [report_id])
    if not rows:
        return None
    versions = tuple(
        VersionText(
            version_no=r["version_no"],
            captured_at=r["captured_at"].replace(tzinfo=UTC),
            is_reconstructed=bool(r["is_reconstructed"]),
            source=r["source"],
            title=r["title"],
            byline=r["byline"],
            # v_versions joins a version's paragraphs with one blank line.
            paragraphs=tuple(p for p in (r["text"] or "").split("\n\n") if p),
        )
        for r in rows
    )
    last = rows[-1]
    data = load_report_data(warehouse, ReportFilters(report_id=report_id))
    return ReportPage(report_id, last["outlet"], last["title"], last["url"], versions, data)


@dataclass(frozen=True)
class DiffRow:
    """One row of a comparison: an unchanged sentence, a change, or unchanged ones left out.

    `before`/`after` hold the row's segments on each side (equal+delete on the left,
    equal+insert on the right); `inline` holds both in reading order."""

    kind: str  # "equal", "changed", "added", "removed", "gap"
    field: str
    before: tuple[Segment, ...]
    after: tuple[Segment, ...]
    inline: tuple[Segment, ...]
    skipped: int = 0


@dataclass(frozen=True)
class Comparison:
    old: VersionText
    new: VersionText
    rows: tuple[DiffRow, ...]
    n_changes: int
    whole: bool


def _change_row(change: Change) -> DiffRow:
    inline: tuple[Segment, ...]
    if change.op == "added":
        inline = (Segment("insert", change.after_text or ""),)
        return DiffRow("added", change.field, (), inline, inline)
    if change.op == "removed":
        inline = (Segment("delete", change.before_text or ""),)
        return DiffRow("removed", change.field, inline, (), inline)
    inline = tuple(Segment(op.op, op.text) for op in change.word_ops)
    before = tuple(s for s in inline if s.op != "insert")
    after = tuple(s for s in inline if s.op != "delete")
    return DiffRow("changed", change.field, before, after, inline)


def _equal_row(sentence: str) -> DiffRow:
    same = (Segment("equal", sentence),)
    return DiffRow("equal", "body", same, same, same)


def _body_rows(old: Sequence[str], new: Sequence[str]) -> list[DiffRow]:
    """Every sentence of both versions in reading order: unchanged sentences run in step
    between the changes diff_sentences finds, so they pair up one to one."""
    rows: list[DiffRow] = []
    i = j = 0
    for change in diff_sentences(old, new):
        stop_i = change.before_pos if change.before_pos is not None else None
        stop_j = change.after_pos if change.after_pos is not None else None
        while (stop_i is None or i < stop_i) and (stop_j is None or j < stop_j):
            rows.append(_equal_row(new[j]))
            i, j = i + 1, j + 1
        rows.append(_change_row(change))
        i += change.before_pos is not None
        j += change.after_pos is not None
    rows.extend(_equal_row(sentence) for sentence in new[j:])
    return rows


def _with_context(rows: list[DiffRow], keep: int) -> list[DiffRow]:
    """Runs of unchanged sentences cut to `keep` at each end that touches a change."""
    out: list[DiffRow] = []
    run: list[DiffRow] = []

    def flush(at_start: bool, at_end: bool) -> None:
        head = 0 if at_start else keep
        tail = 0 if at_end else keep
        if len(run) <= head + tail:
            out.extend(run)
        else:
            out.extend(run[:head])
            skipped = len(run) - head - tail
            out.append(DiffRow("gap", "body", (), (), (), skipped=skipped))
            out.extend(run[len(run) - tail :])
        run.clear()

    for row in rows:
        if row.kind == "equal":
            run.append(row)
            continue
        flush(at_start=not out, at_end=False)
        out.append(row)
    flush(at_start=not out, at_end=True)
    return out


def compare_versions(old: VersionText, new: VersionText, whole: bool = False) -> Comparison:
    """The diff from `old` to `new` (any two versions, either order): title, byline, then the
    body sentence by sentence, with unchanged sentences kept whole or cut to some context."""
    fields = [
        _change_row(c)
        for c in (*diff_field(old.title, new.title, "title"),
                  *diff_field(old.byline, new.byline, "byline"))
    ]  # fmt: skip
    body = _body_rows(sentences_of(old.paragraphs), sentences_of(new.paragraphs))
    n_changes = len(fields) + sum(row.kind != "equal" for row in body)
    rows = body if whole else _with_context(body, CONTEXT_SENTENCES)
    return Comparison(old, new, tuple(fields + rows), n_changes, whole)


def version_pair(
    page: ReportPage, params: Mapping[str, str]
) -> tuple[VersionText, VersionText] | None:
    """The two versions the page's compare form asks for (`a`, `b`); by default the last two.
    None for a report with a single version."""
    if len(page.versions) < 2:
        return None

    def pick(name: str, default: VersionText) -> VersionText:
        raw = params.get(name, "").strip()
        if not raw:
            return default
        try:
            found = page.version(int(raw.removeprefix("v")))
        except ValueError:
            found = None
        if found is None:
            numbers = ", ".join(str(v.version_no) for v in page.versions)
            raise WebInputError(f"version {raw!r} is not one of this report's ({numbers})")
        return found

    return pick("a", page.versions[-2]), pick("b", page.versions[-1])


def queued_by_entry(queued: Sequence[Any]) -> dict[str, list[Any]]:
    """Queued reviews grouped by entry id, oldest first."""
    grouped: dict[str, list[Any]] = {}
    for review in queued:
        grouped.setdefault(review.entry_id, []).append(review)
    return grouped
