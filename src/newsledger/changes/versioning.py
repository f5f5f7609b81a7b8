"""Decides whether a capture is a new version of its report; nothing else.

A capture is new only if its content (body, title, byline after whitespace and NFC
normalisation) differs from the report's latest version. A capture already recorded
(same report, source, time and content) is skipped, so re-running input adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsledger.models import Capture, Version
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


def identify(capture: Capture) -> tuple[str, str]:
    """(capture key, content hash) of a capture."""
    content = content_hash(
        capture.paragraphs, normalize_field(capture.title), normalize_field(capture.byline)
    )
    return capture_key(capture, content), content


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
        )
        outcomes.append(CaptureOutcome(capture, key, content, "new_version", current))
    return outcomes
