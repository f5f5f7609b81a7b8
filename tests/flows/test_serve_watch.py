"""`newsledger serve` prints a line per finished run of its own deployments: each once, only
ended runs, none of prefect.yaml's deployments. Against the session's real Prefect server, with
runs moved through their states by the API (the runner itself is exercised by the slow
test in test_deployments_server.py)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from flows.serve_watch import FinishedRunPrinter
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.states import Completed, Failed, Running

from newsledger.runs.outcome import finished_run_line


def _finished_run(client: SyncPrefectClient, deployment_id: UUID, end: Any) -> UUID:
    run = client.create_flow_run_from_deployment(deployment_id)
    client.set_flow_run_state(run.id, Running())
    client.set_flow_run_state(run.id, end)
    return run.id


@pytest.mark.usefixtures("prefect_harness")
def test_each_finished_run_of_a_served_deployment_is_printed_once() -> None:
    lines: list[str] = []
    printer = FinishedRunPrinter(["refetch-serve"], lines.append)
    with get_client(sync_client=True) as client:
        flow_id = client.create_flow_from_name("refetch")
        served = client.create_deployment(flow_id, "refetch-serve")
        from_yaml = client.create_deployment(flow_id, "refetch")
        done = _finished_run(client, served, Completed(message="refetch: 1 new versions"))
        failed = _finished_run(client, served, Failed(message="refetch: boom"))
        _finished_run(client, from_yaml, Completed(message="not ours"))
        running = client.create_flow_run_from_deployment(served)
        client.set_flow_run_state(running.id, Running())

        printer.check()
        printer.check()  # nothing new: nothing printed again

        ended = [client.read_flow_run(run_id) for run_id in (done, failed)]
    assert lines == [
        finished_run_line(run.end_time, "refetch-serve", run.name, state, message)
        for run, state, message in zip(
            ended, ["Completed", "Failed"], ["refetch: 1 new versions", "refetch: boom"],
            strict=True,
        )
    ]  # fmt: skip
