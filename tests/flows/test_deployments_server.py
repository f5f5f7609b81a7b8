"""The operator's path for real: a Prefect server on 127.0.0.1, prefect.yaml deployed from a
fresh copy of the checkout, a process worker, and a flow run that writes the warehouse.

Runs the README's commands as an operator would type them in the copy, through the venv's
`prefect`; nothing in prefect.yaml is patched. About a minute on 2 cores (the server's start is
half of it), so it is marked slow; CI still runs it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsledger.store.warehouse import Warehouse

pytestmark = pytest.mark.slow

CHECKOUT = Path(__file__).resolve().parents[2]
PREFECT = Path(sys.executable).with_name("prefect")
NEWSLEDGER = Path(sys.executable).with_name("newsledger")
SERVER_START_LIMIT_S = 180.0
COMMAND_LIMIT_S = 120.0
RUN_LIMIT_S = 180.0
TERMINAL_STATES = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


@dataclass(frozen=True)
class Deployed:
    api_url: str
    checkout: Path
    env: dict[str, str]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _copy_checkout(target: Path) -> Path:
    """Tracked and untracked-but-not-ignored files only: no .venv, warehouse or .prefect."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=CHECKOUT, check=True, capture_output=True,
    ).stdout.decode()  # fmt: skip
    for relative in filter(None, listed.split("\0")):
        source = CHECKOUT / relative
        if source.is_file():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / relative)
    return target


def _environment(prefect_home: Path, api_url: str, checkout: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(prefect_home),
        PREFECT_API_URL=api_url,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_UI_ENABLED="false",
        # The worker asks for work every 2 s instead of 10 s: the run starts sooner.
        PREFECT_WORKER_QUERY_SECONDS="2",
        # The copy's own code, not the editable install's checkout, runs the flows.
        PYTHONPATH=os.pathsep.join([str(checkout), str(checkout / "src")]),
        # A stale PWD, as a program that starts `prefect deploy` may pass on: the deployment
        # must still record the checkout it was made from.
        PWD="/",
    )
    return env


def _prefect(deployed: Deployed, *args: str) -> str:
    done = subprocess.run(
        [str(PREFECT), *args], cwd=deployed.checkout, env=deployed.env,
        capture_output=True, text=True, timeout=COMMAND_LIMIT_S,
    )  # fmt: skip
    assert done.returncode == 0, f"prefect {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def _start_group(
    args: list[str], cwd: Path, env: dict[str, str], log: Path
) -> subprocess.Popen[bytes]:
    """In its own process group: a background Prefect worker ignores SIGINT, so the group
    is what gets signalled."""
    with log.open("wb") as out:
        return subprocess.Popen(
            args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _stop_group(process: subprocess.Popen[bytes], grace_s: float = 10.0) -> None:
    """SIGTERM to the group, then SIGKILL after `grace_s` (a worker can sit on SIGTERM)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if not _group_alive(process.pid):
            break
        os.killpg(process.pid, sig)
        deadline = time.monotonic() + grace_s
        while time.monotonic() < deadline:
            process.poll()  # reaps the leader, whose zombie would keep the group alive
            if not _group_alive(process.pid):
                break
            time.sleep(0.1)
    process.wait(timeout=grace_s)


def _wait_healthy(api_url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_LIMIT_S
    while time.monotonic() < deadline:
        assert server.poll() is None, f"prefect server exited:\n{log.read_text()}"
        try:
            if httpx.get(f"{api_url}/health", timeout=2).json() is True:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"prefect server not healthy after {SERVER_START_LIMIT_S:.0f} s")


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployed]:
    """A running server with the README's pool and deployments made from a fresh copy."""
    root = tmp_path_factory.mktemp("operator")
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    checkout = _copy_checkout(root / "checkout")
    env = _environment(root / "prefect-home", api_url, checkout)
    log = root / "server.log"
    server = _start_group(
        [str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        root, env, log,
    )  # fmt: skip
    try:
        _wait_healthy(api_url, server, log)
        result = Deployed(api_url, checkout, env)
        _prefect(result, "work-pool", "create", "newsledger", "--type", "process")
        _prefect(result, "--no-prompt", "deploy", "--all")
        yield result
    finally:
        _stop_group(server)
    assert not _group_alive(server.pid), "the prefect server outlived its test"


@pytest.fixture(scope="module")
def worker(deployed: Deployed) -> Iterator[subprocess.Popen[bytes]]:
    process = _start_group(
        [str(PREFECT), "worker", "start", "--pool", "newsledger"],
        deployed.checkout, deployed.env, deployed.checkout.parent / "worker.log",
    )  # fmt: skip
    try:
        yield process
    finally:
        _stop_group(process)
    assert not _group_alive(process.pid), "the prefect worker outlived its test"


def _deployments(api_url: str) -> dict[str, dict[str, Any]]:
    found = httpx.post(f"{api_url}/deployments/filter", json={}, timeout=10).json()
    return {d["name"]: d for d in found}


def _schedule(deployment: dict[str, Any]) -> list[tuple[str, object, str | None]]:
    plans = [s["schedule"] for s in deployment["schedules"]]
    return [
        ("interval", p["interval"], None) if "interval" in p else ("cron", p["cron"], p["timezone"])
        for p in plans
    ]


@pytest.mark.parametrize(
    ("name", "entrypoint", "schedule"),
    [
        ("ingest-seeds", "flows/ingest_seeds.py:ingest_seeds_flow", []),
        ("ingest-feeds", "flows/ingest_feeds.py:ingest_feeds_flow", [("interval", 900.0, None)]),
        ("refetch", "flows/ingest_feeds.py:refetch_flow", [("interval", 600.0, None)]),
        (
            "correction-log",
            "flows/correction_log.py:correction_log_flow",
            [("cron", "0 6 * * *", "Europe/London")],
        ),
        ("ingest-feeds-dask", "flows/dask_extract.py:ingest_feeds_dask_flow", []),
    ],
)
def test_deploy_all_creates_each_deployment_on_its_schedule(
    deployed: Deployed, name: str, entrypoint: str, schedule: list[tuple[str, object, str | None]]
) -> None:
    deployment = _deployments(deployed.api_url)[name]
    assert (deployment["entrypoint"], deployment["work_pool_name"]) == (entrypoint, "newsledger")
    assert _schedule(deployment) == schedule
    assert deployment["pull_steps"] == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(deployed.checkout)}}
    ]


def test_deploy_all_makes_exactly_five_deployments(deployed: Deployed) -> None:
    assert sorted(_deployments(deployed.api_url)) == [
        "correction-log", "ingest-feeds", "ingest-feeds-dask", "ingest-seeds", "refetch",
    ]  # fmt: skip


def _wait_for_run(api_url: str, run_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + RUN_LIMIT_S
    while time.monotonic() < deadline:
        run: dict[str, Any] = httpx.get(f"{api_url}/flow_runs/{run_id}", timeout=10).json()
        if run["state_type"] in TERMINAL_STATES:
            return run
        time.sleep(1)
    raise AssertionError(f"flow run {run_id} did not finish within {RUN_LIMIT_S:.0f} s")


def test_worker_runs_ingest_seeds_into_the_checkouts_warehouse(
    deployed: Deployed, worker: subprocess.Popen[bytes]
) -> None:
    output = _prefect(deployed, "deployment", "run", "ingest-seeds/ingest-seeds")
    match = re.search(r"UUID: ([0-9a-f-]{36})", output)
    assert match, output
    run = _wait_for_run(deployed.api_url, match.group(1))
    worker_log = (deployed.checkout.parent / "worker.log").read_text(errors="replace")
    assert (run["state_type"], run["state_name"]) == ("COMPLETED", "Completed"), worker_log
    with Warehouse.open(deployed.checkout / "warehouse" / "newsledger.duckdb", read_only=True) as w:
        versions = w.fetch_all(
            "SELECT report_id, version_no FROM v_versions ORDER BY report_id, version_no"
        )
    assert versions == [
        ("ap-moscow-concert-hall-attack", 1),
        ("ap-moscow-concert-hall-attack", 2),
        ("nzherald-moscow-concert-hall-attack", 1),
    ]


def _wait_for_text(path: Path, text: str) -> str:
    deadline = time.monotonic() + COMMAND_LIMIT_S
    while time.monotonic() < deadline:
        shown = path.read_text(errors="replace") if path.exists() else ""
        if text in shown:
            return shown
        time.sleep(0.5)
    raise AssertionError(f"{text!r} not in {path} after {COMMAND_LIMIT_S:.0f} s:\n{shown}")


SERVED = ["correction-log-serve", "ingest-feeds-serve", "ingest-seeds-serve", "refetch-serve"]


def test_newsledger_serve_runs_a_deployment_in_its_own_process(
    deployed: Deployed, tmp_path: Path
) -> None:
    """One-box mode: `newsledger serve` registers every flow under its own name (prefect.yaml's
    deployments stay as they were), runs what is triggered and prints a line when it ends."""
    before = {
        name: (d["entrypoint"], d["work_pool_name"], _schedule(d))
        for name, d in _deployments(deployed.api_url).items()
    }
    log = tmp_path / "serve.log"
    serve = _start_group(
        [str(NEWSLEDGER), "serve", "--db", str(tmp_path / "s.duckdb")],
        deployed.checkout, deployed.env, log,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + COMMAND_LIMIT_S
        while time.monotonic() < deadline:
            assert serve.poll() is None, log.read_text(errors="replace")
            if set(SERVED) <= set(_deployments(deployed.api_url)):
                break
            time.sleep(1)
        output = _prefect(deployed, "deployment", "run", "ingest-seeds/ingest-seeds-serve")
        match = re.search(r"UUID: ([0-9a-f-]{36})", output)
        assert match, output
        run = _wait_for_run(deployed.api_url, match.group(1))
        logs = httpx.post(
            f"{deployed.api_url}/logs/filter",
            json={"logs": {"flow_run_id": {"any_": [match.group(1)]}}},
            timeout=10,
        ).json()
        why = log.read_text(errors="replace") + "\n".join(str(e.get("message")) for e in logs)
        assert (run["state_type"], run["state_name"]) == ("COMPLETED", "Completed"), why
        line = f"ingest-seeds-serve: run '{run['name']}' Completed"
        serve_log = _wait_for_text(log, line)
    finally:
        _stop_group(serve)
    assert not _group_alive(serve.pid), "newsledger serve outlived its test"
    [printed] = [entry for entry in serve_log.splitlines() if line in entry]
    assert re.fullmatch(r"\d\d:\d\d:\d\d UTC " + re.escape(line) + "(: .+)?", printed), printed
    after = _deployments(deployed.api_url)
    assert sorted(after) == sorted([*before, *SERVED])
    assert {
        name: (d["entrypoint"], d["work_pool_name"], _schedule(d))
        for name, d in after.items()
        if name in before
    } == before
    with Warehouse.open(tmp_path / "s.duckdb", read_only=True) as w:
        assert w.fetch_all("SELECT count(*) FROM v_versions") == [(3,)]
