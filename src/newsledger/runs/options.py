"""What a live run is given and what it hands back: LiveRunOptions, the LiveCounts every step
returns and the run adds up (with the feeds that failed), and the run id stamped on each fetch
row."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from newsledger.runs.fetches import PageFetch
from newsledger.text.extract import ExtractedArticle, NoArticle

DEFAULT_BATCH_SIZE = 200


@dataclass(frozen=True)
class FeedFailure:
    """A feed whose poll failed this run: no response, an error status, or nothing readable.

    `failures_in_a_row` counts this poll and the failed polls of the feed just before it.
    """

    feed_name: str
    url: str
    problem: str
    failures_in_a_row: int = 1


@dataclass
class LiveCounts:
    """What a run did, for the summary line, the Prefect artifact and the benchmark."""

    feeds_polled: int = 0
    feeds_not_modified: int = 0
    pages_fetched: int = 0
    not_modified: int = 0
    unchanged: int = 0
    no_article: int = 0
    new_versions: int = 0
    changes: int = 0
    corrections: int = 0
    extractor_calls: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    new_reports: int = 0
    staged_batches: int = 0
    loaded_batches: int = 0
    feed_failures: list[FeedFailure] = field(default_factory=list)
    # Feeds in the sources file that were not due this run, and when the first of them is.
    feeds_not_due: int = 0
    next_poll_at: datetime | None = None

    def add(self, other: LiveCounts) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(mine, Counter):
                mine.update(value)
            elif name == "next_poll_at":
                self.next_poll_at = min((t for t in (mine, value) if t), default=None)
            else:
                setattr(self, name, mine + value)

    def as_dict(self) -> dict[str, object]:
        """Plain values only (JSON-ready): counters as dicts, failures as dicts, times as ISO."""
        plain: dict[str, object] = {}
        for name, value in vars(self).items():
            if isinstance(value, Counter):
                plain[name] = dict(value)
            elif name == "feed_failures":
                plain[name] = [asdict(failure) for failure in value]
            elif isinstance(value, datetime):
                plain[name] = value.isoformat()
            else:
                plain[name] = value
        return plain


def new_run_id(kind: str) -> str:
    return f"{kind}-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


ProgressCallback = Callable[[int, int], None]


PageExtractor = Callable[[Sequence[PageFetch]], dict[int, ExtractedArticle | NoArticle]]


@dataclass(frozen=True)
class LiveRunOptions:
    db_path: Path
    archive_root: Path | None
    batch_size: int = DEFAULT_BATCH_SIZE
    processes: int = 2
    max_workers: int = 8
    now: datetime | None = None
    # How long a run waits for another writer to finish before stepping aside.
    writer_wait_s: float = 60.0
    # How long a batch write waits for readers to let go of the file before staging.
    open_wait_s: float = 30.0
    # Regroup stories and fact timelines after the run (whole-warehouse work).
    refresh_stories: bool = True
    # Replaces in-process/pool extraction, e.g. with extraction on a Dask cluster.
    extract: PageExtractor | None = None

    @property
    def staging_root(self) -> Path:
        return self.db_path.parent / "staging"
