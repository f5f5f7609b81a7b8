"""The package tree says what the architecture says: stages import one way, modules stay small.

Stages, lowest first: models/config, then text, then capture, changes, stories and store (each
on its own), then outputs, then runs, then evaluation and bench, then cli. A module may import
its own stage and the stages listed for it below; lazy imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "src" / "newsledger"
MAX_MODULE_LINES = 500

BASE = {"models", "config"}
ALLOWED_IMPORTS: dict[str, set[str]] = {
    "models": set(),
    "config": set(),
    "text": BASE,
    "capture": BASE | {"text"},
    "changes": BASE | {"text"},
    "stories": BASE | {"text"},
    "store": BASE | {"text"},
    "outputs": BASE | {"text", "capture", "changes", "stories", "store"},
    "runs": BASE | {"text", "capture", "changes", "stories", "store", "outputs"},
    "evaluation": BASE | {"text", "capture", "changes", "stories", "store", "outputs", "runs"},
    "bench": BASE | {"text", "capture", "changes", "stories", "store", "outputs", "runs"},
    "cli": BASE
    | {"text", "capture", "changes", "stories", "store", "outputs", "runs", "evaluation", "bench"},
}


def stage_of(module_file: Path, package_dir: Path) -> str:
    """`text/extract.py` -> "text"; `models.py` -> "models"; `cli/__init__.py` -> "cli"."""
    first = module_file.relative_to(package_dir).parts[0]
    return first.removesuffix(".py")


def imported_stages(module_file: Path, package_dir: Path) -> list[tuple[int, str]]:
    """(line, stage) of every newsledger import in a module, absolute or relative."""
    tree = ast.parse(module_file.read_text("utf-8"), str(module_file))
    here = ["newsledger", *module_file.relative_to(package_dir).with_suffix("").parts]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name.split(".") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = here[: len(here) - node.level]
                targets = [base + (node.module.split(".") if node.module else [])]
            else:
                targets = [node.module.split(".")] if node.module else []
            if targets and targets[0] == ["newsledger"]:  # from newsledger import text
                targets = [["newsledger", alias.name] for alias in node.names]
        else:
            continue
        found += [(node.lineno, t[1]) for t in targets if t[0] == "newsledger" and len(t) > 1]
    return found


def forbidden_imports(package_dir: Path) -> list[str]:
    """One line per import that runs up the stages (or from a stage the rules do not know)."""
    problems = []
    for module_file in sorted(package_dir.rglob("*.py")):
        stage = stage_of(module_file, package_dir)
        if stage == "__init__":
            continue
        allowed = ALLOWED_IMPORTS.get(stage)
        if allowed is None:
            problems.append(f"{module_file.relative_to(package_dir)}: unknown stage {stage!r}")
            continue
        for line, target in imported_stages(module_file, package_dir):
            if target != stage and target not in allowed:
                rel = module_file.relative_to(package_dir)
                problems.append(f"{rel}:{line}: {stage} imports {target}")
    return problems


def test_no_stage_imports_a_higher_one() -> None:
    assert forbidden_imports(PACKAGE_DIR) == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (
            "text/extract.py",
            "from newsledger.capture.fetch import Fetcher\n",
            "text imports capture",
        ),
        ("store/warehouse.py", "import newsledger.changes.kinds\n", "store imports changes"),
        (
            "changes/diffing.py",
            "def f():\n    from newsledger.runs import live\n",
            "changes imports runs",
        ),
        ("outputs/report.py", "from newsledger import cli\n", "outputs imports cli"),
        ("stories/facts.py", "from ..outputs import report\n", "stories imports outputs"),
    ],
)
def test_an_upward_import_is_caught(
    tmp_path: Path, module: str, source: str, expected: str
) -> None:
    target = tmp_path / module
    target.parent.mkdir(parents=True)
    target.write_text(source, "utf-8")
    (problem,) = forbidden_imports(tmp_path)
    assert problem.endswith(expected)


def test_a_downward_import_is_allowed(tmp_path: Path) -> None:
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "live.py").write_text("from newsledger.text import extract\n", "utf-8")
    assert forbidden_imports(tmp_path) == []


def test_every_stage_package_says_what_it_owns_and_may_import() -> None:
    packages = sorted(p for p in PACKAGE_DIR.iterdir() if (p / "__init__.py").is_file())
    undocumented = [
        p.name
        for p in packages
        if "may import"
        not in (ast.get_docstring(ast.parse((p / "__init__.py").read_text())) or "").lower()
    ]
    assert [p.name for p in packages if p.name not in ALLOWED_IMPORTS] == []
    assert undocumented == []


def test_no_module_is_over_the_size_limit() -> None:
    sizes = {
        str(path.relative_to(PACKAGE_DIR)): len(path.read_text("utf-8").splitlines())
        for path in PACKAGE_DIR.rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES} == {}
