"""Plain functions that chain the stages: captures -> versions -> changes -> warehouse.

Flows call these; they know nothing of Prefect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.capture.seeds import read_seeds
from newsledger.changes.diffing import diff_field, diff_sentences, number_changes
from newsledger.changes.kinds import label_changes
from newsledger.changes.links import link_notes
from newsledger.changes.notes import detect_correction_notes
from newsledger.changes.status import transition_status
from newsledger.changes.versioning import decide_versions, identify
from newsledger.models import (
    Capture,
    CaptureRecord,
    Change,
    IngestBatch,
    NoteLink,
    ReportRecord,
    SeedProblem,
    Version,
    VersionRecord,
)
from newsledger.runs.claims import settle_against
from newsledger.store.locking import writer_lock
from newsledger.store.warehouse import Warehouse
from newsledger.stories.facts import claims_of_paragraphs
from newsledger.text.segment import sentences_of


@dataclass
class BatchCounts:
    captures: int = 0
    new_versions: int = 0
    unchanged: int = 0
    already_seen: int = 0
    # Captured before the report's newest stored version: refused, never appended as newest.
    older_than_latest: int = 0
    # Pages whose canonical claim was not trusted (runs/claims.py), kept under their own URL.
    claims_refused: int = 0
    changes: int = 0
    corrections: int = 0
    reports: set[str] = field(default_factory=set)


def diff_versions(old: Version | None, new: Version) -> list[Change]:
    """Changes from `old` to `new`: title, byline, summary, then the body sentence by sentence."""
    if old is None:
        return []
    changes = [
        *diff_field(old.title, new.title, "title"),
        *diff_field(old.byline, new.byline, "byline"),
        *diff_field(old.summary, new.summary, "summary"),
        *diff_sentences(sentences_of(old.paragraphs), sentences_of(new.paragraphs)),
    ]
    return number_changes(changes)


def build_version_record(previous: Version | None, version: Version) -> VersionRecord:
    """Diff, labels, notes, links and status of a new version against the one before it."""
    changes = diff_versions(previous, version)
    labels = label_changes(changes)
    notes = detect_correction_notes(version.paragraphs)
    earlier = (
        {n.note_text for n in detect_correction_notes(previous.paragraphs)} if previous else set()
    )
    new_note_nos = frozenset(i for i, n in enumerate(notes, 1) if n.note_text not in earlier)
    new_notes = [n for i, n in enumerate(notes, 1) if i in new_note_nos]
    # Link only the new notes, but keep each link's note_no as its place among all notes.
    places = sorted(new_note_nos)
    links = [
        NoteLink(places[link.note_no - 1], link.change_no, link.score)
        for link in link_notes(new_notes, changes)
    ]
    is_transition = previous is not None or bool(new_notes)
    status = (
        transition_status(previous is None, new_notes, labels, links) if is_transition else None
    )
    return VersionRecord(
        version=version,
        from_version=previous.version_no if previous else None,
        changes=tuple(changes),
        notes=tuple(notes),
        new_note_nos=new_note_nos,
        labels=tuple(labels),
        links=tuple(links),
        status=status,
        claims=tuple(claims_of_paragraphs(version.paragraphs)),
    )


def _refuse_older(
    captures: list[Capture],
    latest: Version | None,
    seen_keys: set[str],
    batch: IngestBatch,
    counts: BatchCounts,
) -> list[Capture]:
    """The captures that may extend the report's history; each one captured before its newest
    stored version is recorded as `older_than_latest` instead.

    Placing it in time would renumber later versions and rewrite their changes, statuses and
    the entry ids editors' reviews refer to; appending it would file an old text as the newest
    (an import of old captures read as reversions). A capture seen before stays `already_seen`.
    """
    if latest is None:
        return captures
    kept = []
    for capture in captures:
        key, content = identify(capture)
        if capture.captured_at >= latest.captured_at or key in seen_keys:
            kept.append(capture)
            continue
        seen_keys.add(key)
        counts.captures += 1
        counts.older_than_latest += 1
        batch.captures.append(
            CaptureRecord(key, capture.report_id, capture.captured_at, capture.source, content,
                          "older_than_latest", None)
        )  # fmt: skip
    return kept


def build_batch(
    captures: Sequence[Capture],
    latest: dict[str, Version],
    seen_keys: set[str],
    counts: BatchCounts,
) -> IngestBatch:
    """Everything one batch of captures adds to the warehouse (pure: reads nothing).

    Each report's captures are taken in the order they were captured."""
    batch = IngestBatch()
    by_report: dict[str, list[Capture]] = {}
    for capture in captures:
        by_report.setdefault(capture.report_id, []).append(capture)
    for report_id, unordered in by_report.items():
        counts.reports.add(report_id)
        report_captures = sorted(unordered, key=lambda c: c.captured_at)
        previous = latest.get(report_id)
        if previous is None:
            first = report_captures[0]
            batch.reports.append(
                ReportRecord(report_id, first.outlet, first.url, first.label, first.captured_at)
            )
        report_captures = _refuse_older(report_captures, previous, seen_keys, batch, counts)
        for outcome in decide_versions(report_captures, previous, seen_keys):
            counts.captures += 1
            version = outcome.version
            batch.captures.append(
                CaptureRecord(
                    capture_key=outcome.capture_key,
                    report_id=report_id,
                    captured_at=outcome.capture.captured_at,
                    source=outcome.capture.source,
                    content_hash=outcome.content_hash,
                    outcome=outcome.outcome,
                    version_no=version.version_no if version else None,
                )
            )
            if outcome.outcome == "already_seen":
                counts.already_seen += 1
                continue
            if version is None:
                counts.unchanged += 1
                continue
            record = build_version_record(previous, version)
            batch.versions.append(record)
            counts.new_versions += 1
            counts.changes += len(record.changes)
            counts.corrections += len(record.notes)
            previous = version
    return batch


def plan_batch(
    warehouse: Warehouse, captures: Sequence[Capture], counts: BatchCounts
) -> IngestBatch:
    """What a batch of captures adds, versioned against what the warehouse already holds.

    Canonical claims are settled first (runs/claims.py). When any capture is a new version,
    the diffing (seconds for a very long text) runs with the file released, so readers are not
    locked out; it is opened again to write.
    """
    captures, refused = settle_against(warehouse, captures)
    counts.claims_refused += refused
    latest = warehouse.latest_versions(sorted({c.report_id for c in captures}))
    identities = [identify(c) for c in captures]
    seen = warehouse.seen_capture_keys([key for key, _ in identities])
    if not any(
        key not in seen
        and (c.report_id not in latest or latest[c.report_id].content_hash != content)
        for c, (key, content) in zip(captures, identities, strict=True)
    ):
        return build_batch(captures, latest, seen, counts)
    with warehouse.released():
        return build_batch(captures, latest, seen, counts)


def ingest_captures(warehouse: Warehouse, captures: Sequence[Capture]) -> BatchCounts:
    """Versions, diffs and stores one batch of captures in one transaction."""
    counts = BatchCounts()
    warehouse.write_batch(plan_batch(warehouse, captures, counts))
    return counts


@dataclass(frozen=True)
class SeedIngestResult:
    counts: BatchCounts
    problems: list[SeedProblem]


def store_captures(db_path: Path, captures: Sequence[Capture]) -> BatchCounts:
    """Versions and stores captures under the writer lock, then regroups stories when they
    are older than the newest version (new versions now, or a run that died before)."""
    from newsledger.runs.storylines import refresh_stories_if_stale

    with writer_lock(db_path), Warehouse.open(db_path, wait_s=30) as warehouse:
        counts = ingest_captures(warehouse, captures)
        refresh_stories_if_stale(warehouse)
    return counts


def ingest_seed_folder(seeds_dir: Path, db_path: Path) -> SeedIngestResult:
    captures, problems = read_seeds(seeds_dir)
    return SeedIngestResult(store_captures(db_path, captures), problems)
