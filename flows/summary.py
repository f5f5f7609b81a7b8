"""What a flow run reports: a markdown artifact in Prefect's UI and the same in its log."""

from __future__ import annotations

from typing import Any

from prefect import get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.states import Completed, State

from newsledger.runs.options import LiveCounts
from newsledger.runs.summary import summary_markdown


def publish_summary(counts: LiveCounts, title: str) -> dict[str, Any]:
    markdown = summary_markdown(counts, title)
    get_run_logger().info("%s", markdown)
    create_markdown_artifact(
        markdown=markdown, key=title.replace("_", "-"), description=f"{title} run summary"
    )
    return counts.as_dict()


def skipped(reason: str) -> State[Any]:
    """A non-failure end for a run that stepped aside for another writer."""
    get_run_logger().warning("skipped: %s", reason)
    return Completed(name="Skipped", message=f"skipped: {reason}")
