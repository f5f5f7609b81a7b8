"""One-box mode: every flow on its schedule in one process, for users without a work pool.

The schedules match prefect.yaml. Prefect's serve needs an API: a local `prefect server
start` (see the README's operator section) or any server PREFECT_API_URL points at.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from prefect import serve
from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.schedules import Cron, Interval

from flows.correction_log import correction_log_flow
from flows.ingest_feeds import ingest_feeds_flow, refetch_flow
from flows.ingest_seeds import ingest_seeds_flow
from newsledger.config import DEFAULT_DB, DEFAULT_REPORT_DIR, DEFAULT_SEEDS

REPORT_TIMEZONE = "Europe/London"


def serve_all(sources_path: str, db_path: str | None = None) -> None:
    # Prefect's runner starts each run in a scratch folder: paths are made absolute here,
    # and flows are found by module path (the package is installed), not by file path.
    db = str(Path(db_path or DEFAULT_DB).resolve())
    sources_path = str(Path(sources_path).resolve())
    seeds = str(DEFAULT_SEEDS.resolve())
    reports = str(DEFAULT_REPORT_DIR.resolve())
    module = EntrypointType.MODULE_PATH
    deployments = [
        ingest_seeds_flow.to_deployment(
            name="ingest-seeds",
            parameters={"seeds_dir": seeds, "db_path": db},
            entrypoint_type=module,
        ),
        ingest_feeds_flow.to_deployment(
            name="ingest-feeds",
            schedule=Interval(900),
            parameters={"sources_path": sources_path, "db_path": db},
            entrypoint_type=module,
        ),
        refetch_flow.to_deployment(
            name="refetch",
            schedule=Interval(600),
            parameters={"sources_path": sources_path, "db_path": db},
            entrypoint_type=module,
        ),
        correction_log_flow.to_deployment(
            name="correction-log",
            schedule=Cron("0 6 * * *", timezone=REPORT_TIMEZONE),
            parameters={"db_path": db, "report_dir": reports},
            entrypoint_type=module,
        ),
    ]
    # to_deployment is sync here (no running event loop), whatever its declared union says.
    serve(*[cast(RunnerDeployment, d) for d in deployments])
