"""Stories across outlets: reports grouped by event, and their fact timelines.

Claims are stored with each version at ingest; stories and timelines are recomputed from
the warehouse and swapped in in one transaction (see docs/ARCHITECTURE.md for the cost),
which records how many versions they were built from, so a rebuild a crash skipped is seen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsledger.store.warehouse import Warehouse, query_sql
from newsledger.stories.facts import FactClaim
from newsledger.stories.grouping import ReportText, VersionClaims, cluster_reports, fact_timeline


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


def stories_are_stale(warehouse: Warehouse) -> bool:
    """True when versions came in after stories and timelines were last built (or they never
    were): a run killed between its last batch and the rebuild, or a rebuild that failed."""
    return bool(warehouse.fetch_all(query_sql("check_derived_state")))


def refresh_stories_if_stale(warehouse: Warehouse) -> StoryCounts | None:
    """Rebuilds stories and timelines when they are older than the newest version."""
    return refresh_stories(warehouse) if stories_are_stale(warehouse) else None


def refresh_stories(
    warehouse: Warehouse, threshold: float | None = None, window_days: float | None = None
) -> StoryCounts:
    [(versions_seen,)] = warehouse.fetch_all(query_sql("versions_held"))
    rows = [_VersionRow(*r) for r in warehouse.fetch_all(query_sql("story_inputs"))]
    claims: dict[tuple[str, int], list[FactClaim]] = defaultdict(list)
    for report_id, version_no, *fields in warehouse.fetch_all(query_sql("story_claims")):
        quantity, qualifier, value, high, vague, phrase, sentence, sentence_no, background = fields
        claims[(report_id, version_no)].append(
            FactClaim(quantity, qualifier, value, high, vague, phrase, sentence, sentence_no,
                      background)
        )  # fmt: skip
    latest: dict[str, _VersionRow] = {}
    for row in rows:
        latest[row.report_id] = row
    text_of = dict(warehouse.fetch_all(query_sql("story_latest_texts")))
    texts = [
        ReportText(r.report_id, r.outlet, r.first_seen_at, text_of[r.report_id])
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
            found = tuple(claims.get((row.report_id, row.version_no), ()))
            by_story[story_id].append(
                VersionClaims(story_id, row.report_id, row.outlet, row.version_no,
                              row.captured_at, found)
            )  # fmt: skip
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
    warehouse.replace_story_tables(story_rows, member_rows, timeline_rows, versions_seen)
    n_claims = sum(len(found) for found in claims.values())
    return StoryCounts(len(story_rows), len(latest), n_claims, len(timeline_rows))
