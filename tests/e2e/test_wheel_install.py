"""A non-editable install works outside a checkout: every module imports from the wheel, every
command's --help starts, and the demo runs on the seeds the wheel carries.

The wheel is built here without network (hatchling is a dev dependency) and unpacked into a temp
folder that goes first on PYTHONPATH; the third-party packages come from the project's venv.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from newsledger.cli import build_parser

CHECKOUT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple]:
    """Every command and sub-command the parser lists, e.g. ("ingest", "seeds")."""
    paths = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                paths += command_paths(sub, (*prefix, name))
    return paths


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, unpacked as an install would lay it out."""
    build = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(build), str(CHECKOUT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = build.glob("newsledger-*.whl")
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def run_installed(site: Path, cwd: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "NEWSLEDGER_DB": str(cwd / "w.duckdb")}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def test_the_wheel_carries_the_sql_templates_seeds_and_flows(installed: Path) -> None:
    package = installed / "newsledger"
    assert sorted(p.name for p in (package / "seeds").glob("*.txt")) == sorted(
        p.name for p in (CHECKOUT / "seeds").glob("*.txt")
    )
    assert (package / "store" / "queries" / "insert_version.sql").is_file()
    assert (package / "outputs" / "templates" / "correction-log.html.j2").is_file()
    assert sorted((package / "warehouse" / "schema").glob("*.sql"))
    assert (installed / "flows" / "ingest_seeds.py").is_file()


def test_every_module_imports_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    code = (
        "import importlib, pkgutil, newsledger, flows\n"
        f"assert newsledger.__file__.startswith({str(installed)!r}), newsledger.__file__\n"
        "for package in (newsledger, flows):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        if not info.name.endswith('__main__'):\n"
        "            importlib.import_module(info.name)\n"
        "print('ok')\n"
    )
    done = run_installed(installed, tmp_path, code)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "ok", "")


def test_every_command_help_starts_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    paths = command_paths(build_parser())
    assert len(paths) > 15
    code = (
        "import contextlib, io, json, sys\n"
        "from newsledger.cli import main\n"
        "failed = []\n"
        f"for path in {[list(p) for p in paths]!r}:\n"
        "    out = io.StringIO()\n"
        "    try:\n"
        "        with contextlib.redirect_stdout(out):\n"
        "            main([*path, '--help'])\n"
        "    except SystemExit as stop:\n"
        "        if stop.code == 0 and 'usage: newsledger' in out.getvalue():\n"
        "            continue\n"
        "    failed.append(path)\n"
        "print(json.dumps(failed))\n"
    )
    done = run_installed(installed, tmp_path, code)
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr


def test_demo_runs_on_the_seeds_inside_the_wheel(installed: Path, tmp_path: Path) -> None:
    code = "import sys; from newsledger.cli import main; sys.exit(main(['demo']))"
    done = run_installed(installed, tmp_path, code)
    assert done.returncode == 0, done.stderr
    assert "new versions: 3" in done.stdout
    assert "ap-moscow-concert-hall-attack v1→v2: declared_and_observed" in done.stdout
    assert (tmp_path / "reports" / "correction-log.html").is_file()
