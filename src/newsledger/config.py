"""Settings: one frozen object built from arguments and the environment, when asked.

Nothing is read at import time, so tests can point every path at a temp folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

DEFAULT_DB = Path("warehouse/newsledger.duckdb")
DEFAULT_SEEDS = Path("seeds")
DEFAULT_REPORT_DIR = Path("reports")

# Prefect stays quiet and offline: no analytics, no telemetry, a patient ephemeral server.
PREFECT_OFFLINE_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    # The command line prints its own summary; Prefect's per-run chatter is for its UI.
    "PREFECT_LOGGING_LEVEL": "WARNING",
}


@dataclass(frozen=True)
class Settings:
    db_path: Path = DEFAULT_DB
    seeds_dir: Path = DEFAULT_SEEDS
    report_dir: Path = DEFAULT_REPORT_DIR


def load_settings(
    env: Mapping[str, str] | None = None,
    db_path: str | Path | None = None,
    seeds_dir: str | Path | None = None,
    report_dir: str | Path | None = None,
) -> Settings:
    """Arguments win over the environment (NEWSLEDGER_DB, ...), which wins over defaults."""
    env = os.environ if env is None else env
    return Settings(
        db_path=Path(db_path or env.get("NEWSLEDGER_DB") or DEFAULT_DB),
        seeds_dir=Path(seeds_dir or env.get("NEWSLEDGER_SEEDS") or default_seeds_dir()),
        report_dir=Path(report_dir or env.get("NEWSLEDGER_REPORT_DIR") or DEFAULT_REPORT_DIR),
    )


def apply_prefect_offline_env(env: dict[str, str] | None = None) -> None:
    """Sets the offline Prefect defaults, keeping any value the user set."""
    target = os.environ if env is None else env
    for key, value in PREFECT_OFFLINE_ENV.items():
        target.setdefault(key, value)
    if "PREFECT_HOME" not in target:
        target["PREFECT_HOME"] = str(Path.cwd() / ".prefect")


def default_seeds_dir() -> Path:
    """seeds/ in the working folder (a checkout); else the copy inside an installed wheel."""
    if DEFAULT_SEEDS.is_dir():
        return DEFAULT_SEEDS
    packaged = Path(str(resources.files("newsledger"))) / "seeds"
    return packaged if packaged.is_dir() else DEFAULT_SEEDS


def warehouse_sql_dir() -> Path:
    """warehouse/ with schema/ and views/: inside the wheel, or at the top of a checkout."""
    packaged = Path(str(resources.files("newsledger"))) / "warehouse"
    if (packaged / "schema").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "warehouse"
