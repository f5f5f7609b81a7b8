"""The values that flow between stages: captures, versions, changes, notes.

Frozen dataclasses only, so a stage cannot change what another stage handed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

ChangeOp = Literal["added", "removed", "changed"]
WordOpKind = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class Capture:
    """One observation of a report's text, from a seed file, a fetched page or a WARC record."""

    report_id: str
    captured_at: datetime
    source: str
    paragraphs: tuple[str, ...]
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    url: str | None = None
    label: str | None = None
    is_reconstructed: bool = False
    # What the page states about itself (text/structured.py); seeds state none. Fields are
    # appended, never inserted: staged batches store a Capture as its tuple of fields.
    summary: str | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None
    # schema.org `correction`s in the page's JSON-LD, and the date each states (ISO 8601,
    # "" when none), index for index: plain strings, so staging keeps them as text lists.
    page_corrections: tuple[str, ...] = ()
    page_correction_dates: tuple[str, ...] = ()


@dataclass(frozen=True)
class StructuredCorrection:
    """A correction the page declares in its structured data (schema.org `correction`,
    often a CorrectionComment), as opposed to a note detected in its text."""

    text: str
    published_at: datetime | None = None


@dataclass(frozen=True)
class Version:
    """A capture whose content differed from the report's previous version."""

    report_id: str
    version_no: int
    captured_at: datetime
    source: str
    paragraphs: tuple[str, ...]
    text_hash: str
    content_hash: str
    title: str | None = None
    byline: str | None = None
    is_reconstructed: bool = False
    # The standfirst or summary, a single-value field like the title; part of the content
    # hash only when present (changes/versioning.py).
    summary: str | None = None
    # As the page stated them when this version was captured; not part of the content hash
    # (a page re-stamped with a new dateModified and nothing else is not a new version).
    published_at: datetime | None = None
    modified_at: datetime | None = None
    structured_corrections: tuple[StructuredCorrection, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class WordOp:
    op: WordOpKind
    text: str


@dataclass(frozen=True)
class Change:
    """One sentence-level hunk between two successive versions.

    Positions index the sentence lists of the two versions; `field` says whether the
    sentence is body text or metadata (title, byline).
    """

    change_no: int
    op: ChangeOp
    before_text: str | None
    after_text: str | None
    before_pos: int | None
    after_pos: int | None
    word_ops: tuple[WordOp, ...] = ()
    field: str = "body"


@dataclass(frozen=True)
class CorrectionNote:
    """A declared change: a correction, clarification, update or editor's note in the text."""

    note_type: str
    note_text: str
    paragraph_pos: int | None = None
    note_date: str | None = None
    wrong_text: str | None = None
    right_text: str | None = None


@dataclass(frozen=True)
class SeedProblem:
    """A seed file that could not be read, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class ChangeLabel:
    """One kind given to one change, with the tokens that made the classifier say so."""

    change_no: int
    kind: str
    evidence: str = ""


@dataclass(frozen=True)
class NoteLink:
    """A correction note (1-based place among its version's notes) and the change it describes."""

    note_no: int
    change_no: int
    score: float


@dataclass(frozen=True)
class VersionRecord:
    """A new version and everything derived from it, written together or not at all.

    `status` is None when the version is not a transition an editor reviews (a first
    version with no correction note).
    """

    version: Version
    from_version: int | None
    changes: tuple[Change, ...] = ()
    notes: tuple[CorrectionNote, ...] = ()
    new_note_nos: frozenset[int] = frozenset()
    labels: tuple[ChangeLabel, ...] = ()
    links: tuple[NoteLink, ...] = ()
    status: str | None = None
    claims: tuple[Any, ...] = ()  # FactClaim (facts.py), kept loose to spare models an import


@dataclass(frozen=True)
class CaptureRecord:
    """The trace of one capture: which report, when, from where, and what it became."""

    capture_key: str
    report_id: str
    captured_at: datetime
    source: str
    content_hash: str
    outcome: str
    version_no: int | None


@dataclass(frozen=True)
class ReportRecord:
    report_id: str
    outlet: str | None
    url: str | None
    label: str | None
    first_seen_at: datetime


@dataclass(frozen=True)
class FetchRecord:
    """One fetch attempt as the fetches table keeps it."""

    run_id: str
    purpose: str
    source_name: str | None
    url: str
    final_url: str | None
    fetched_at: datetime
    status: int | None
    n_bytes: int | None
    elapsed_ms: float | None
    attempts: int | None
    error_class: str | None
    error_message: str | None
    etag: str | None
    last_modified: str | None
    body_sha256: str | None
    warc_file: str | None
    warc_offset: int | None
    warc_length: int | None
    is_revisit: bool | None
    report_id: str | None
    outcome: str


@dataclass(frozen=True)
class ArticleRecord:
    """The watch state of one web report after a fetch."""

    report_id: str
    canonical_url: str
    fetch_url: str
    source_name: str | None
    first_seen_at: datetime
    last_fetched_at: datetime | None
    last_changed_at: datetime | None
    etag: str | None
    last_modified: str | None
    last_body_sha256: str | None


@dataclass(frozen=True)
class FeedStateRecord:
    feed_name: str
    url: str
    last_polled_at: datetime
    etag: str | None
    last_modified: str | None
    last_problem: str | None


@dataclass
class IngestBatch:
    """What one transaction writes."""

    reports: list[ReportRecord] = field(default_factory=list)
    captures: list[CaptureRecord] = field(default_factory=list)
    versions: list[VersionRecord] = field(default_factory=list)
    fetches: list[FetchRecord] = field(default_factory=list)
    articles: list[ArticleRecord] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)
    feed_states: list[FeedStateRecord] = field(default_factory=list)
