"""One-box mode: every flow on its schedule in one process, for users without a work pool.

The schedules match prefect.yaml; the deployments are its names with SERVE_SUFFIX, so serving
on a server that also holds prefect.yaml's deployments leaves those as they are. Prefect's serve
needs an API: a local `prefect server start` (see the README's operator section) or any server
PREFECT_API_URL points at. A line is printed as each served run ends (serve_watch.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from prefect import serve
from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.schedules import Cron, Interval

from flows.correction_log import correction_log_flow
from flows.ingest_feeds import ingest_feeds_flow, refetch_flow
from flows.ingest_seeds import ingest_seeds_flow
from flows.serve_watch import start_printing_finished_runs
from newsledger.config import load_settings

REPORT_TIMEZONE = "Europe/London"
# prefect.yaml's deployment names carry this in one-box mode: "ingest-feeds/ingest-feeds-serve".
SERVE_SUFFIX = "-serve"


def _say(line: str) -> None:
    print(line, flush=True)  # flushed: serve's output is often a log file, not a terminal


def serve_all(
    sources_path: str, db_path: str | None = None, say: Callable[[str], None] = _say
) -> None:
    # Prefect's runner starts each run in a scratch folder: paths are made absolute here,
    # and flows are found by module path (the package is installed), not by file path.
    # Settings: --db, else NEWSLEDGER_DB, NEWSLEDGER_REPORT_DIR, ..., else the defaults.
    settings = load_settings(db_path=db_path)
    db = str(settings.db_path.resolve())
    sources_path = str(Path(sources_path).resolve())
    seeds = str(settings.seeds_dir.resolve())
    reports = str(settings.report_dir.resolve())
    module = EntrypointType.MODULE_PATH
    deployments = [
        ingest_seeds_flow.to_deployment(
            name="ingest-seeds" + SERVE_SUFFIX,
            parameters={"seeds_dir": seeds, "db_path": db},
            entrypoint_type=module,
        ),
        ingest_feeds_flow.to_deployment(
            name="ingest-feeds" + SERVE_SUFFIX,
            schedule=Interval(900),
            parameters={"sources_path": sources_path, "db_path": db, "report_dir": reports},
            entrypoint_type=module,
        ),
        refetch_flow.to_deployment(
            name="refetch" + SERVE_SUFFIX,
            schedule=Interval(600),
            parameters={"sources_path": sources_path, "db_path": db, "report_dir": reports},
            entrypoint_type=module,
        ),
        correction_log_flow.to_deployment(
            name="correction-log" + SERVE_SUFFIX,
            schedule=Cron("0 6 * * *", timezone=REPORT_TIMEZONE),
            parameters={"db_path": db, "report_dir": reports},
            entrypoint_type=module,
        ),
    ]
    # to_deployment is sync here (no running event loop), whatever its declared union says.
    served = [cast(RunnerDeployment, d) for d in deployments]
    stop = start_printing_finished_runs([d.name for d in served], say)
    try:
        serve(*served)
    finally:
        stop.set()
