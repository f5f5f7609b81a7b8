"""Draws the real headline and summary pairs that are labelled for `newsledger eval changes`:
strata by field, year and how much text changed; each pair's half (dev or test) from a hash.

The pairs are read in place from the real-data folder (never copied into the project); a
label names its pair by line number and a digest of the line, so a changed file is noticed.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

VERSIONS_FILE = Path("versions") / "bbc-2021-2022.jsonl"
SIMILARITY_BANDS = ((0.75, "small"), (0.4, "medium"), (0.0, "large"))


@dataclass(frozen=True)
class RealPair:
    line: int  # 1-based line in the versions file
    digest: str  # sha256 of the line's bytes, first 16 hex digits
    field: str  # "title" or "summary"
    before: str
    after: str
    before_time: str
    after_time: str


def line_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def read_pairs(realdata_dir: Path) -> list[RealPair]:
    """Every row of the versions file, in file order."""
    pairs = []
    path = realdata_dir / VERSIONS_FILE
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            raw = raw.rstrip("\n")
            row = json.loads(raw)
            pairs.append(
                RealPair(
                    number, line_digest(raw), row["field"], row["before"], row["after"],
                    row["before_time"], row["after_time"],
                )
            )  # fmt: skip
    return pairs


def similarity_band(pair: RealPair) -> str:
    ratio = SequenceMatcher(None, pair.before, pair.after, autojunk=False).ratio()
    return next(name for floor, name in SIMILARITY_BANDS if ratio >= floor)


def half_of(pair: RealPair) -> str:
    """dev or test, from the line's digest: fixed before any label or rule exists."""
    return "test" if int(pair.digest, 16) % 2 else "dev"


def draw_sample(pairs: Iterable[RealPair], per_stratum: int, seed: int = 2026) -> list[RealPair]:
    """`per_stratum` pairs from each (field, year, band) stratum, half dev and half test;
    a before/after text seen twice (the same edit on two links) is drawn once."""
    strata: dict[tuple[str, str, str, str], list[RealPair]] = {}
    seen: set[tuple[str, str]] = set()
    for pair in pairs:
        if (pair.before, pair.after) in seen or not pair.before.strip() or not pair.after.strip():
            continue
        seen.add((pair.before, pair.after))
        key = (pair.field, pair.after_time[:4], similarity_band(pair), half_of(pair))
        strata.setdefault(key, []).append(pair)
    rng = random.Random(seed)
    drawn: list[RealPair] = []
    for key in sorted(strata):
        members = strata[key]
        drawn += rng.sample(members, min(len(members), per_stratum // 2))
    return sorted(drawn, key=lambda p: p.line)
