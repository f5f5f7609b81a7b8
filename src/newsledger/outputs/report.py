"""The correction log written out: one ReportData rendered as HTML, Markdown, CSV, JSON and
an Atom feed (pure functions), and render_correction_log, which loads it and writes all five.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from newsledger.outputs.legend import (
    KIND_HELP,
    RECONSTRUCTED_HELP,
    REVIEW_HELP,
    kind_help,
    review_help,
    status_help,
)
from newsledger.outputs.report_data import (
    STATUS_LABELS,
    STATUSES,
    Entry,
    EntryChange,
    ReportData,
    ReportError,
    ReportFilters,
    ReportTimeline,
    Segment,
    kind_label,
    load_report_data,
)
from newsledger.outputs.terminal import os_reason, spreadsheet_cell
from newsledger.store.warehouse import Warehouse

REVIEW_STATES = ("unreviewed", "needs-note", "reviewed", "dismissed")
PAGE_SIZE = 200


@dataclass(frozen=True)
class ReportPaths:
    html: Path
    markdown: Path
    csv: Path
    json: Path
    atom: Path


def format_time(value: datetime | None) -> str:
    """'2024-03-23 14:05 UTC' (isoformat, not strftime: it is called for every entry)."""
    return value.astimezone(UTC).isoformat(" ", "minutes")[:16] + " UTC" if value else "—"


def iso_time(value: datetime | None) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else ""


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.replace("_", " "))


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
    parts.extend(f"<blockquote>{escape(note)}</blockquote>" for note in entry.declared_notes)
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
        status_help=status_help,
        kind_help=kind_help,
        review_help=review_help,
    )
    env.globals.update(
        statuses=STATUSES,
        kind_helps=sorted(KIND_HELP.items()),
        review_helps=list(REVIEW_HELP.items()),
        reconstructed_help=RECONSTRUCTED_HELP,
    )
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return env


@cache
def html_environment() -> jinja2.Environment:
    """The HTML templates' environment (autoescape on); `newsledger web` renders with it too."""
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


def entry_view(entry: Entry, queued: Sequence[Any] = ()) -> dict[str, Any]:
    """What the entry template draws (correction-log-entry.html.j2): text, labels made here.
    `queued`: reviews of the entry still waiting for the writer (the web app shows them)."""
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
        "from_version": entry.from_version,
        "to_version": entry.to_version,
        "times": [[iso_time(at), label] for at, label in times],
        "status": entry.status,
        "status_label": status_label(entry.status),
        "kinds": [[kind, kind_label(kind)] for kind in entry.kinds],
        "reconstructed": entry.involves_reconstructed,
        "review": entry.review_state,
        "review_text": _review_text(entry),
        "attention": entry.status == "silent_substantive" and entry.is_pending,
        "notes": list(entry.notes),
        "page_corrections": entry.page_corrections,
        "published_at": entry.published_at,
        "modified_at": entry.modified_at,
        "n_changes": entry.n_changes,
        "changes": [_change_view(change) for change in entry.changes],
        "queued": list(queued),
    }


def _change_view(change: EntryChange) -> dict[str, Any]:
    meta = [change.op]
    if change.field != "body":
        meta.append(change.field)
    meta.extend(kind_label(k) for k in change.kinds if k != change.op)
    elided = change.is_elided
    return {
        "meta": " · ".join(meta),
        "segments": change.segments,
        # The whole sentences only when the diff line leaves words out.
        "before": change.before_text if elided else None,
        "after": change.after_text if elided else None,
    }


def render_html(data: ReportData) -> str:
    """One self-contained page that lists every entry (readable without its script, which
    filters and pages them); a Content-Security-Policy allows only its own style and script."""
    css, js = _asset("correction-log.css"), _asset("correction-log.js")
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "base-uri 'none'; form-action 'none'"
    )
    template = html_environment().get_template("correction-log.html.j2")
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
    "before_text",
    "after_text",
)


def change_lines(entry: Entry, side: str) -> str:
    """The entry's changed sentences as they were ("before") or became ("after"): one line
    a change, in change order, empty where that side has none (an added sentence has no
    before), so line N of before_text and of after_text is the same change."""
    lines = []
    for change in entry.changes:
        text = change.before_text if side == "before" else change.after_text
        field = "" if change.field == "body" else f"[{change.field}] "
        lines.append(f"{field}{text}" if text else "")
    return "\n".join(lines)


def render_csv(data: ReportData) -> str:
    """One row per entry; kinds joined by ';', notes by newlines, changed sentences one a
    line (change_lines). A text cell that a spreadsheet would run as a formula starts with
    a single quote (spreadsheet_cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in data.entries:
        row: list[object] = [
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
            change_lines(e, "before"),
            change_lines(e, "after"),
        ]
        writer.writerow([spreadsheet_cell(cell) for cell in row])
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
        **entry.page_statements(),
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
    """Writes the five files into out_dir; ReportError when the folder cannot take them."""
    try:
        return _write_files(data, out_dir)
    except OSError as error:
        raise ReportError(
            f"cannot write the report into {out_dir}: {os_reason(error)} "
            "(pass --out DIR, a folder you can write)"
        ) from None


def _write_files(data: ReportData, out_dir: Path) -> ReportPaths:
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
    # With a byte-order mark: Excel reads the file as UTF-8 only then ("Weizsäcker").
    paths.csv.write_text(render_csv(data), "utf-8-sig", newline="")
    paths.json.write_text(render_json(data), "utf-8")
    paths.atom.write_text(render_atom(data), "utf-8")
    return paths


def render_correction_log(
    warehouse: Warehouse, out_dir: Path, filters: ReportFilters
) -> ReportPaths:
    """Writes correction-log.{html,md,csv,json,atom} into out_dir and returns their paths."""
    return write_report(load_report_data(warehouse, filters), out_dir)
