"""Where the real feeds and pages are: read in place, never copied into the project.

They live in `../shared/realdata` beside the checkout (CI and every development machine have
it; a user's clone does not), or wherever NEWSLEDGER_REALDATA points. Tests reach them through
the `realdata` fixture in tests/conftest.py, which skips with a reason when they are absent;
parametrised tests list their cases with `realdata_names`, which gives one skipped case then.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REALDATA_ENV = "NEWSLEDGER_REALDATA"
_CHECKOUT = Path(__file__).resolve().parents[2]


def realdata_dir() -> Path:
    """The real-data folder: NEWSLEDGER_REALDATA, else ../shared/realdata beside the checkout."""
    configured = os.environ.get(REALDATA_ENV)
    return Path(configured) if configured else _CHECKOUT.parent / "shared" / "realdata"


def missing_reason() -> str | None:
    """Why the real data cannot be used, or None when it is there."""
    folder = realdata_dir()
    if (folder / "pages").is_dir() and (folder / "feeds").is_dir():
        return None
    return f"real data not found at {folder} (set {REALDATA_ENV} to the shared/realdata folder)"


def realdata_names(subfolder: str, suffixes: tuple[str, ...]) -> list[object]:
    """File names in a real-data subfolder for parametrize; one skipped case when it is absent."""
    reason = missing_reason()
    if reason is not None:
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no-realdata")]
    return sorted(p.name for p in (realdata_dir() / subfolder).iterdir() if p.suffix in suffixes)
