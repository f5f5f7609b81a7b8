"""Report ids as people type them: a whole id or any unique prefix of one, resolved against
the reports table, with one-line errors that list what an ambiguous prefix could mean.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsledger.store.warehouse import Warehouse, query_sql

# How many candidates an ambiguous prefix lists (the query fetches one more, to say "more").
SHOWN_CANDIDATES = 10


class ReportIdError(ValueError):
    """An id that names no report, or a prefix of several; the message is one line."""


def resolve_report_id(warehouse: Warehouse, given: str) -> str:
    """The report `given` names: the report with that id, else the one report it starts."""
    rows = warehouse.fetch_all(query_sql("report_ids_by_prefix"), [given, given])
    ids = [row[0] for row in rows]
    if not ids or not given:
        raise ReportIdError(f"no report {given!r}: list them with `newsledger reports`")
    if ids[0] == given or len(ids) == 1:
        return str(ids[0])
    shown = ", ".join(ids[:SHOWN_CANDIDATES])
    more = " and more" if len(ids) > SHOWN_CANDIDATES else ""
    raise ReportIdError(
        f"report id {given!r} is ambiguous: it starts {shown}{more}; type more of it"
    )


def resolve_report_ids(warehouse: Warehouse, given: Sequence[str]) -> list[str]:
    """Each typed id resolved, in order, duplicates dropped."""
    return list(dict.fromkeys(resolve_report_id(warehouse, text) for text in given))


def without_article(warehouse: Warehouse, report_ids: Sequence[str]) -> list[str]:
    """The ids among `report_ids` that no web article backs (nothing there to re-fetch)."""
    rows = warehouse.fetch_all(query_sql("report_ids_without_article"), [list(report_ids)])
    return [str(row[0]) for row in rows]
