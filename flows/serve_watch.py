"""`newsledger serve`'s own voice: a line per finished run of the deployments it serves.

Prefect's runner says nothing about a run that went well, and the command line keeps Prefect's
logging at WARNING. This thread asks the API, every few seconds, for the served deployments'
runs that have ended since the last look, and prints each once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from uuid import UUID

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    DeploymentFilter,
    DeploymentFilterName,
    FlowRunFilter,
    FlowRunFilterEndTime,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import StateType
from prefect.client.schemas.sorting import FlowRunSort

from newsledger.runs.outcome import finished_run_line

POLL_S = 3.0
FINAL_STATES = [StateType.COMPLETED, StateType.FAILED, StateType.CRASHED, StateType.CANCELLED]
log = logging.getLogger(__name__)


class FinishedRunPrinter:
    """Prints each run of the named deployments that ends after it was created, once."""

    def __init__(self, deployment_names: Sequence[str], say: Callable[[str], None]) -> None:
        self.names = list(deployment_names)
        self.say = say
        self.since = datetime.now(UTC)
        self.seen: set[UUID] = set()
        self.deployments: dict[UUID, str] = {}

    def check(self) -> None:
        """One look at the API: print the runs that ended since the last one."""
        with get_client(sync_client=True) as client:
            runs = client.read_flow_runs(
                deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=self.names)),
                flow_run_filter=FlowRunFilter(
                    state=FlowRunFilterState(type=FlowRunFilterStateType(any_=FINAL_STATES)),
                    end_time=FlowRunFilterEndTime.model_validate({"after_": self.since}),
                ),
                sort=FlowRunSort.END_TIME_DESC,
                limit=200,
            )
            for run in sorted(runs, key=lambda r: r.end_time or self.since):
                if run.id in self.seen or run.deployment_id is None:
                    continue
                self.seen.add(run.id)
                if run.deployment_id not in self.deployments:
                    deployment = client.read_deployment(run.deployment_id)
                    self.deployments[run.deployment_id] = deployment.name
                state = run.state
                self.say(
                    finished_run_line(
                        run.end_time,
                        self.deployments[run.deployment_id],
                        run.name,
                        (state.name if state else None) or "?",
                        state.message if state else None,
                    )
                )

    def watch(self, stop: threading.Event, poll_s: float = POLL_S) -> None:
        while not stop.wait(poll_s):
            try:
                self.check()
            except Exception as error:  # the server restarting: the next look catches up
                log.debug("could not read finished runs: %s", error)


def start_printing_finished_runs(
    deployment_names: Sequence[str], say: Callable[[str], None]
) -> threading.Event:
    """Starts the watcher as a daemon thread; set the returned event to stop it."""
    stop = threading.Event()
    printer = FinishedRunPrinter(deployment_names, say)
    threading.Thread(
        target=printer.watch, args=(stop,), name="newsledger-finished-runs", daemon=True
    ).start()
    return stop
