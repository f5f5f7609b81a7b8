"""Warehouse invariants: what must hold after any run, crashed or not.

Each check is one SQL file (queries/check_*.sql) returning (what, problem) rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsledger.store.warehouse import Warehouse, query_sql

CHECKS = (
    "version_numbers",
    "version_paragraphs",
    "text_hashes",
    "change_versions",
    "orphans",
    "duplicate_versions",
    "version_times",
    "derived_state",
)


@dataclass(frozen=True)
class Violation:
    check: str
    subject: str
    problem: str


def check_warehouse(warehouse: Warehouse) -> list[Violation]:
    """Every violation of every invariant, in check order."""
    violations: list[Violation] = []
    for name in CHECKS:
        for subject, problem in warehouse.fetch_all(query_sql(f"check_{name}")):
            violations.append(Violation(name, str(subject), str(problem)))
    return violations
