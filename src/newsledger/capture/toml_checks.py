"""Checking a parsed TOML table against a spec of its keys: types, bounds, URLs, unknown and
missing keys, each found problem collected with its place rather than raised.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit


class Problems:
    """Every problem found so far, one "place: message" line each."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, place: str, message: str) -> None:
        self.lines.append(f"{place}: {message}")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _url_problem(value: str) -> str | None:
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in {"http", "https"}:
        shown = parts.scheme or "none"
        return f"URL {value!r} has scheme '{shown}'; use http or https"
    if not parts.hostname:
        return f"URL {value!r} has no host"
    return None


@dataclass(frozen=True)
class KeySpec:
    """What one key of a table must hold."""

    kind: str  # "str", "int", "number", "bool", "url", "str_list", "url_list"
    required: bool = False
    minimum: float = 0  # negative numbers never make sense here
    positive: bool = False  # zero is not allowed either


_TYPE_WORDS = {
    "str": "a string",
    "int": "an integer",
    "number": "a number",
    "bool": "true or false",
    "url": "a URL string",
    "str_list": "a list of strings",
    "url_list": "a list of URL strings",
}


def _check_value(place: str, key: str, value: object, spec: KeySpec, problems: Problems) -> bool:
    """Checks one value against its spec; True when it can be used."""
    where = f"{place}: '{key}'"
    ok_type: bool
    if spec.kind in {"str", "url"}:
        ok_type = isinstance(value, str)
    elif spec.kind == "int":
        ok_type = _is_int(value)
    elif spec.kind == "number":
        ok_type = is_number(value)
    elif spec.kind == "bool":
        ok_type = isinstance(value, bool)
    else:
        ok_type = isinstance(value, list) and all(isinstance(item, str) for item in value)
    if not ok_type:
        problems.lines.append(
            f"{where} must be {_TYPE_WORDS[spec.kind]}, got {type(value).__name__} {value!r}"
        )
        return False
    if spec.kind in {"int", "number"}:
        assert isinstance(value, int | float)
        if spec.positive and value <= 0:
            problems.lines.append(f"{where} must be greater than 0, got {value!r}")
            return False
        if value < spec.minimum:
            problems.lines.append(f"{where} must be at least {spec.minimum:g}, got {value!r}")
            return False
    if spec.kind == "str" and isinstance(value, str) and not value.strip():
        problems.lines.append(f"{where} must not be empty")
        return False
    if spec.kind == "url" and isinstance(value, str):
        url_problem = _url_problem(value)
        if url_problem:
            problems.lines.append(f"{where}: {url_problem}")
            return False
    if spec.kind == "url_list" and isinstance(value, list):
        good = True
        for index, item in enumerate(value):
            url_problem = _url_problem(item)
            if url_problem:
                problems.lines.append(f"{where}[{index}]: {url_problem}")
                good = False
        return good
    return True


def read_table(
    place: str,
    table: object,
    specs: Mapping[str, KeySpec],
    problems: Problems,
    raw_keys: tuple[str, ...] = (),
) -> dict[str, object]:
    """The valid values of one table; unknown, missing and ill-typed keys become problems.

    raw_keys are sub-tables the caller checks itself; they are passed through as found.
    """
    if not isinstance(table, dict):
        problems.add(place, f"must be a table, got {type(table).__name__}")
        return {}
    known = [*specs, *raw_keys]
    values: dict[str, object] = {}
    for key, value in table.items():
        if key in raw_keys:
            values[key] = value
        elif key in specs:
            if _check_value(place, key, value, specs[key], problems):
                values[key] = value
        else:
            close = difflib.get_close_matches(key, known, n=1)
            hint = (
                f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(known)}"
            )
            problems.add(place, f"unknown key '{key}'{hint}")
    for key, spec in specs.items():
        if spec.required and key not in table:
            problems.add(place, f"missing required key '{key}'")
    return values


def array_of_tables(key: str, value: object, problems: Problems) -> list[object]:
    if not isinstance(value, list):
        problems.add(key, f"must be an array of tables ([[{key}]]), got {type(value).__name__}")
        return []
    return value
