"""The kinds and evidence each change row carries (schema step 009): what v_changes used to
group out of change_kinds on every query, computed once when the change is written."""

from __future__ import annotations

from collections.abc import Iterable

from newsledger.models import ChangeLabel


def kinds_columns(
    labels: Iterable[ChangeLabel],
) -> dict[int, tuple[list[str] | None, list[str], list[str]]]:
    """Per change_no: (sorted kinds or None, kinds with evidence, their evidence), as
    fill_change_kinds.sql computes them from change_kinds rows (empty evidence is none)."""
    by_change: dict[int, dict[str, str]] = {}
    for label in labels:
        by_change.setdefault(label.change_no, {})[label.kind] = label.evidence
    columns: dict[int, tuple[list[str] | None, list[str], list[str]]] = {}
    for change_no, evidence in by_change.items():
        kinds = sorted(evidence)
        with_evidence = [k for k in kinds if evidence[k]]
        columns[change_no] = (kinds, with_evidence, [evidence[k] for k in with_evidence])
    return columns


NO_KINDS: tuple[None, list[str], list[str]] = (None, [], [])
