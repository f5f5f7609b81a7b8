"""How change kinds hold on real edits: labelled BBC headline and summary pairs, scored by half
(dev for tuning, test frozen before any rule changed; docs/LABELLING.md says how they were made).

Labels (`data/real_changes.jsonl`) name their pair by line and digest in the real-data folder;
the text is read in place from there and never stored in the project.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from newsledger.evaluation.real_sample import RealPair, read_pairs
from newsledger.models import Version, VersionRecord
from newsledger.runs.pipeline import build_version_record

MAIN_KINDS = ("numeric", "name_or_title", "quote", "attribution", "rewrite", "cosmetic")
FACT_KINDS = frozenset({"numeric", "name_or_title", "quote", "attribution"})
REAL_TARGETS = {
    "main_kind_agreement": 0.85,
    "substantive_precision": 0.85,
    "substantive_recall": 0.80,
}
_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


class RealDataMissing(Exception):
    """The real-data folder, or its versions file, is not where it was said to be."""


@dataclass
class RealChangeResult:
    """Scores of one half: main-kind agreement, the substantive flag, and field splits."""

    split: str
    pairs: int = 0
    agreed: int = 0
    substantive_tp: int = 0
    substantive_fp: int = 0
    substantive_fn: int = 0
    split_fields: int = 0  # a field both versions have, diffed as removed + added
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @property
    def main_kind_agreement(self) -> float:
        return self.agreed / self.pairs if self.pairs else 1.0

    @property
    def substantive_precision(self) -> float:
        flagged = self.substantive_tp + self.substantive_fp
        return self.substantive_tp / flagged if flagged else 1.0

    @property
    def substantive_recall(self) -> float:
        wanted = self.substantive_tp + self.substantive_fn
        return self.substantive_tp / wanted if wanted else 1.0

    def metrics(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in REAL_TARGETS}

    @property
    def passed(self) -> bool:
        held = all(self.metrics()[name] >= target for name, target in REAL_TARGETS.items())
        return held and self.split_fields == 0


def load_real_labels() -> list[dict[str, Any]]:
    """The labelled pairs shipped with the package (labels only, no article text)."""
    text = resources.files("newsledger.evaluation").joinpath("data/real_changes.jsonl")
    return [json.loads(line) for line in text.read_text("utf-8").splitlines() if line.strip()]


def _version(number: int, pair: RealPair, text: str) -> Version:
    return Version(
        report_id=f"real-{pair.line}",
        version_no=number,
        captured_at=_EPOCH,
        source="evaluation",
        paragraphs=(),
        text_hash=f"{pair.line}-{number}",
        content_hash=f"{pair.line}-{number}",
        title=text if pair.field == "title" else None,
        summary=text if pair.field == "summary" else None,
    )


def run_pair(pair: RealPair) -> VersionRecord:
    """The record the pipeline builds when a report's title or summary is edited."""
    return build_version_record(_version(1, pair, pair.before), _version(2, pair, pair.after))


def predicted_kinds(record: VersionRecord) -> list[str]:
    """The record's kinds in main-kind order; a field edit with no other kind is a rewrite."""
    found = {label.kind for label in record.labels}
    kinds = [kind for kind in MAIN_KINDS if kind in found]
    return kinds or ["rewrite"]


def score_real_pairs(
    realdata_dir: Path, labels: Sequence[dict[str, Any]] | None = None
) -> dict[str, RealChangeResult]:
    """dev and test results over the labelled pairs, read in place from `realdata_dir`."""
    try:
        pairs = {pair.line: pair for pair in read_pairs(realdata_dir)}
    except FileNotFoundError as error:
        raise RealDataMissing(f"no real headline histories at {error.filename}") from error
    results = {split: RealChangeResult(split) for split in ("dev", "test")}
    for label in load_real_labels() if labels is None else labels:
        pair = pairs.get(label["line"])
        if pair is None or pair.digest != label["digest"]:
            raise RealDataMissing(
                f"line {label['line']} of the versions file is not the one labelled"
            )
        result = results[label["split"]]
        record = run_pair(pair)
        kinds = predicted_kinds(record)
        result.pairs += 1
        result.split_fields += sum(c.op != "changed" for c in record.changes)
        result.confusion[(label["main_kind"], kinds[0])] += 1
        if kinds[0] == label["main_kind"]:
            result.agreed += 1
        else:
            result.misses.append(
                f"L{pair.line} {pair.field}: main {label['main_kind']} got {kinds}"
            )
        want, got = bool(label["substantive"]), record.status == "silent_substantive"
        result.substantive_tp += want and got
        result.substantive_fp += got and not want
        result.substantive_fn += want and not got
    return results


def format_real_eval(results: dict[str, RealChangeResult]) -> str:
    """One table per half: the targets, then where main kinds were confused."""
    lines = ["Change kinds on real BBC headline and summary edits (labelled, read in place)"]
    for split in ("dev", "test"):
        result = results[split]
        half = "development half" if split == "dev" else "test half (frozen; targets enforced)"
        lines += ["", f"{half}: {result.pairs} pairs"]
        metrics = result.metrics()
        for name, target in REAL_TARGETS.items():
            verdict = "ok" if metrics[name] >= target else "MISSED"
            lines.append(f"  {name:<24}{metrics[name]:>7.3f}  target {target:.2f}  {verdict}")
        verdict = "ok" if result.split_fields == 0 else "MISSED"
        lines.append(
            f"  {'fields split in two':<24}{result.split_fields:>7}  target 0     {verdict}"
        )
        confused = [(n, pair) for pair, n in result.confusion.items() if pair[0] != pair[1]]
        if confused:
            top = ", ".join(f"{a}→{b} {n}" for n, (a, b) in sorted(confused, reverse=True)[:6])
            lines.append(f"  most confused (label→rules): {top}")
    return "\n".join(lines)
