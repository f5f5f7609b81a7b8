"""Reading TOML and checking a parsed table against a spec of its keys: types, bounds, URLs,
unknown and missing keys, each found problem collected with its place rather than raised.
"""

from __future__ import annotations

import difflib
import math
import reprlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

# A wrong value is quoted in its problem line, shortened: a 10,000-item list is one line too.
_shown = reprlib.Repr()
_shown.maxstring = _shown.maxother = 60
_shown.maxlist = _shown.maxdict = 6
_shown.maxlevel = 3


def load_toml(text: str) -> dict[str, Any]:
    """tomllib.loads, with nesting too deep for its recursive parser reported as the
    TOMLDecodeError any other unreadable file gets, not as a RecursionError."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError(
            "arrays or inline tables nested too deeply to read (flatten them)"
        ) from None


class Problems:
    """Every problem found so far, one "place: message" line each."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, place: str, message: str) -> None:
        self.lines.append(f"{place}: {message}")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    """An int or a finite float: TOML's nan and inf are never a usable setting."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


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
        if isinstance(value, float) and not math.isfinite(value):
            problems.lines.append(f"{where} must be a finite number, got {value!r}")
            return False
        ok_type = is_number(value)
    elif spec.kind == "bool":
        ok_type = isinstance(value, bool)
    else:
        ok_type = isinstance(value, list) and all(isinstance(item, str) for item in value)
    if not ok_type:
        problems.lines.append(
            f"{where} must be {_TYPE_WORDS[spec.kind]}, "
            f"got {type(value).__name__} {_shown.repr(value)}"
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
