"""Stories across outlets: claims per version, reports grouped by event, fact timelines.

Recomputed as a whole from the warehouse's versions (cheap at newsroom scale; see
docs/ARCHITECTURE.md for what changes past it) and swapped in in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsledger.facts import FactClaim, claims_of_paragraphs
from newsledger.segment import split_paragraphs
from newsledger.store import Warehouse, query_sql
from newsledger.stories import ReportText, VersionClaims, cluster_reports, fact_timeline


@dataclass(frozen=True)
class StoryCounts:
    stories: int
    reports: int
    claims: int
    timeline_rows: int


@dataclass(frozen=True)
class _VersionRow:
    report_id: str
    version_no: int
    captured_at: datetime
    outlet: str | None
    first_seen_at: datetime
    text: str


def refresh_stories(
    warehouse: Warehouse, threshold: float | None = None, window_days: float | None = None
) -> StoryCounts:
    rows = [_VersionRow(*r) for r in warehouse.fetch_all(query_sql("story_inputs"))]
    claims: dict[tuple[str, int], list[FactClaim]] = {
        (r.report_id, r.version_no): claims_of_paragraphs(split_paragraphs(r.text)) for r in rows
    }
    latest: dict[str, _VersionRow] = {}
    for row in rows:
        latest[row.report_id] = row
    texts = [
        ReportText(r.report_id, r.outlet, r.first_seen_at, r.text)
        for r in sorted(latest.values(), key=lambda r: (r.first_seen_at, r.report_id))
    ]
    options: dict[str, Any] = {}
    if threshold is not None:
        options["threshold"] = threshold
    if window_days is not None:
        options["window_days"] = window_days
    stories = cluster_reports(texts, **options) if texts else []

    story_of = {rid: story.story_id for story in stories for rid in story.report_ids}
    by_story: dict[str, list[VersionClaims]] = defaultdict(list)
    for row in rows:
        story_id = story_of.get(row.report_id)
        if story_id:
            by_story[story_id].append(
                VersionClaims(story_id, row.report_id, row.outlet, row.version_no,
                              row.captured_at, tuple(claims[(row.report_id, row.version_no)]))
            )  # fmt: skip
    claim_rows = [
        (rid, vno, n, c.quantity, c.qualifier, c.value, c.value_high, c.vague, c.phrase,
         c.sentence, c.sentence_no, c.background)
        for (rid, vno), found in claims.items()
        for n, c in enumerate(found, start=1)
    ]  # fmt: skip
    story_rows, member_rows, timeline_rows = [], [], []
    for story in stories:
        members = [latest[rid] for rid in story.report_ids]
        story_rows.append((story.story_id, min(m.first_seen_at for m in members),
                           max(m.captured_at for m in members), len(members)))  # fmt: skip
        shared = {s.report_id: s for s in story.syndicated}
        for rid in story.report_ids:
            link = shared.get(rid)
            member_rows.append((story.story_id, rid, link.source_report_id if link else None,
                                link.shared_sentences if link else None,
                                link.share if link else None))  # fmt: skip
        for n, t in enumerate(fact_timeline(by_story[story.story_id]), start=1):
            timeline_rows.append((t.story_id, n, t.quantity, t.qualifier, t.value, t.value_high,
                                  t.vague, t.outlet, t.report_id, t.version_no, t.captured_at,
                                  t.sentence, t.change))  # fmt: skip
    warehouse.replace_story_tables(claim_rows, story_rows, member_rows, timeline_rows)
    return StoryCounts(len(story_rows), len(latest), len(claim_rows), len(timeline_rows))
