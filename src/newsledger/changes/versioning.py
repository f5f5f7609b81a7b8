"""Decides whether a capture is a new version of its report; nothing else.

A capture is new only if its content (body, title, byline and summary after whitespace and
NFC normalisation) differs from the report's latest version. A capture already recorded
(same report, source, time and content) is skipped, so re-running input adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsledger.models import Capture, StructuredCorrection, Version
from newsledger.text.normalize import content_hash, normalize_field, sha256_hex, text_hash


@dataclass(frozen=True)
class CaptureOutcome:
    """What became of one capture: a new version, unchanged, or seen before."""

    capture: Capture
    capture_key: str
    content_hash: str
    outcome: str  # "new_version" | "unchanged" | "already_seen"
    version: Version | None = None


def capture_key(capture: Capture, content: str) -> str:
    """Identity of one observation; the same file read twice has the same key."""
    return sha256_hex(
        "\x1f".join([capture.report_id, capture.source, capture.captured_at.isoformat(), content])
    )


def version_content_hash(capture: Capture) -> str:
    """Hash of body, title, byline and, only when there is one, summary: a capture without
    a summary hashes as it did before summaries were read, so stored hashes still match."""
    content = content_hash(
        capture.paragraphs, normalize_field(capture.title), normalize_field(capture.byline)
    )
    summary = normalize_field(capture.summary)
    if summary is None:
        return content
    return sha256_hex("\x1f".join([content, "summary", summary]))


def identify(capture: Capture) -> tuple[str, str]:
    """(capture key, content hash) of a capture."""
    content = version_content_hash(capture)
    return capture_key(capture, content), content


def _iso_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def structured_corrections(capture: Capture) -> tuple[StructuredCorrection, ...]:
    """The capture's schema.org corrections, each with the date it states (if readable)."""
    dates = list(capture.page_correction_dates or ())
    dates += [""] * (len(capture.page_corrections or ()) - len(dates))
    return tuple(
        StructuredCorrection(text, _iso_time(when))
        for text, when in zip(capture.page_corrections or (), dates, strict=False)
        if text
    )


def decide_versions(
    captures: list[Capture], latest: Version | None, seen_keys: set[str]
) -> list[CaptureOutcome]:
    """Outcomes for one report's captures, taken in the order given."""
    outcomes: list[CaptureOutcome] = []
    current = latest
    for capture in captures:
        key, content = identify(capture)
        if key in seen_keys:
            outcomes.append(CaptureOutcome(capture, key, content, "already_seen"))
            continue
        seen_keys.add(key)
        if current is not None and current.content_hash == content:
            outcomes.append(CaptureOutcome(capture, key, content, "unchanged"))
            continue
        current = Version(
            report_id=capture.report_id,
            version_no=(current.version_no + 1) if current else 1,
            captured_at=capture.captured_at,
            source=capture.source,
            paragraphs=capture.paragraphs,
            text_hash=text_hash(capture.paragraphs),
            content_hash=content,
            title=normalize_field(capture.title),
            byline=normalize_field(capture.byline),
            is_reconstructed=capture.is_reconstructed,
            summary=normalize_field(capture.summary),
            published_at=capture.published_at,
            modified_at=capture.modified_at,
            structured_corrections=structured_corrections(capture),
        )
        outcomes.append(CaptureOutcome(capture, key, content, "new_version", current))
    return outcomes
