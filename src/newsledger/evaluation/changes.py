"""How well change intelligence does on a labelled set: notes found, kinds given, notes
linked to the right change, and the status of each transition.

The cases are data (`data/change_cases.jsonl`, one version pair a line) and run through
`pipeline.build_version_record`, the path every real version takes.

A case: `before` (paragraphs, or null for a first capture), `after`, optional
`before_title`/`after_title`/`before_byline`/`after_byline`, and `expected`:
- `notes`: every note in `after`, in order: `{type, wrong?, right?, date?}`;
- `changes`: every change the diff produces, as `{match, kinds, field?}`, where `match`
  is a piece of the changed sentence (its new text, or the old one for a removal);
- `links`: `{note, match, field?}`, `note` the 1-based place among the expected notes;
- `status`: the transition's status, or null when it is not a transition.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from newsledger.models import Change, CorrectionNote, Version, VersionRecord
from newsledger.runs.pipeline import build_version_record

TARGETS = {
    "note_precision": 0.95,
    "note_recall": 0.95,
    "link_accuracy": 0.9,
    "silent_substantive_f2": 0.8,
    "kinds_macro_f1": 0.85,
}
KINDS = (
    "numeric",
    "name_or_title",
    "quote",
    "attribution",
    "added",
    "removed",
    "cosmetic",
    "rewrite",
    "headline",
    "byline",
)
STATUSES = ("declared_and_observed", "declared_unobserved", "silent_substantive", "routine")


@dataclass
class Score:
    """True positives, false positives and false negatives of one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f_beta(self, beta: float = 1.0) -> float:
        p, r = self.precision, self.recall
        if p + r == 0:
            return 0.0
        return (1 + beta**2) * p * r / (beta**2 * p + r)

    @property
    def f1(self) -> float:
        return self.f_beta(1.0)

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass
class ChangeEvalResult:
    """Scores over the whole set, the misses to look at, and whether the targets hold."""

    cases: int = 0
    kinds: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    statuses: dict[str, Score] = field(default_factory=lambda: {s: Score() for s in STATUSES})
    notes: Score = field(default_factory=Score)
    linkable_notes: int = 0
    linked_right: int = 0
    stray_links: int = 0
    wrong_right_checked: int = 0
    wrong_right_agreed: int = 0
    dates_checked: int = 0
    dates_agreed: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def link_accuracy(self) -> float:
        return self.linked_right / self.linkable_notes if self.linkable_notes else 1.0

    @property
    def kinds_macro_f1(self) -> float:
        scored = [s for s in self.kinds.values() if s.support or s.fp]
        return sum(s.f1 for s in scored) / len(scored) if scored else 1.0

    @property
    def silent_substantive_f2(self) -> float:
        return self.statuses["silent_substantive"].f_beta(2.0)

    def metrics(self) -> dict[str, float]:
        return {
            "note_precision": self.notes.precision,
            "note_recall": self.notes.recall,
            "link_accuracy": self.link_accuracy,
            "silent_substantive_f2": self.silent_substantive_f2,
            "kinds_macro_f1": self.kinds_macro_f1,
        }

    @property
    def passed(self) -> bool:
        return all(self.metrics()[name] >= target for name, target in TARGETS.items())


def load_cases() -> list[dict[str, Any]]:
    """The labelled version pairs shipped with the package."""
    text = (
        resources.files("newsledger.evaluation")
        .joinpath("data/change_cases.jsonl")
        .read_text("utf-8")
    )
    return [json.loads(line) for line in text.splitlines() if line.strip()]


_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def _version(number: int, case: dict[str, Any], side: str) -> Version:
    return Version(
        report_id=case["id"],
        version_no=number,
        captured_at=_EPOCH,
        source="evaluation",
        paragraphs=tuple(case[side]),
        text_hash=f"{case['id']}-{side}",
        content_hash=f"{case['id']}-{side}",
        title=case.get(f"{side}_title"),
        byline=case.get(f"{side}_byline"),
    )


def run_case(case: dict[str, Any]) -> VersionRecord:
    """The record the pipeline builds for a case's `after` version."""
    previous = _version(1, case, "before") if case["before"] is not None else None
    return build_version_record(previous, _version(2, case, "after"))


def _matches(entry: dict[str, Any], change: Change) -> bool:
    text = f"{change.after_text or ''} || {change.before_text or ''}"
    return entry["match"] in text and entry.get("field", "body") == change.field


def _normal(text: str | None) -> str:
    return re.sub(r"[\W_]+", " ", (text or "").lower()).strip()


def _agrees(expected: str, found: str | None) -> bool:
    """Same phrase, or one inside the other ("the third floor" in "... on the third floor")."""
    want, got = _normal(expected), _normal(found)
    return bool(got) and (want == got or want in got or got in want)


def _pair_notes(
    expected: Sequence[dict[str, Any]], found: Sequence[CorrectionNote]
) -> dict[int, int]:
    """Expected note place -> found note place (both 1-based), in order, same type."""
    pairs: dict[int, int] = {}
    start = 0
    for i, want in enumerate(expected, start=1):
        for j in range(start, len(found)):
            if found[j].note_type == want["type"]:
                pairs[i] = j + 1
                start = j + 1
                break
    return pairs


def _score_notes(
    case: dict[str, Any], record: VersionRecord, result: ChangeEvalResult
) -> dict[int, int]:
    expected = case["expected"]["notes"]
    pairs = _pair_notes(expected, record.notes)
    result.notes.tp += len(pairs)
    result.notes.fn += len(expected) - len(pairs)
    result.notes.fp += len(record.notes) - len(pairs)
    if len(pairs) != len(expected) or len(record.notes) != len(expected):
        found = [n.note_type for n in record.notes]
        result.misses.append(f"{case['id']}: notes {[n['type'] for n in expected]} found {found}")
    for i, j in pairs.items():
        want, note = expected[i - 1], record.notes[j - 1]
        for key, got in (("wrong", note.wrong_text), ("right", note.right_text)):
            if key in want:
                result.wrong_right_checked += 1
                if _agrees(want[key], got):
                    result.wrong_right_agreed += 1
                else:
                    result.misses.append(f"{case['id']}: {key} {want[key]!r} found {got!r}")
        if "date" in want:
            result.dates_checked += 1
            if want["date"] == note.note_date:
                result.dates_agreed += 1
            else:
                result.misses.append(f"{case['id']}: date {want['date']} found {note.note_date}")
    return pairs


def _score_kinds(case: dict[str, Any], record: VersionRecord, result: ChangeEvalResult) -> None:
    entries = case["expected"]["changes"]
    predicted: dict[int, set[str]] = {c.change_no: set() for c in record.changes}
    for label in record.labels:
        predicted[label.change_no].add(label.kind)
    used: set[int] = set()
    for change in record.changes:
        hits = [i for i, e in enumerate(entries) if _matches(e, change)]
        want = set(entries[hits[0]]["kinds"]) if hits else set()
        used.update(hits[:1])
        got = predicted[change.change_no]
        for kind in KINDS:
            score = result.kinds[kind]
            score.tp += kind in want and kind in got
            score.fp += kind in got and kind not in want
            score.fn += kind in want and kind not in got
        if want != got:
            text = change.after_text or change.before_text or ""
            result.misses.append(
                f"{case['id']}: change {text[:60]!r} kinds {sorted(want)} got {sorted(got)}"
            )
    for i, entry in enumerate(entries):
        if i not in used:
            for kind in entry["kinds"]:
                result.kinds[kind].fn += 1
            result.misses.append(f"{case['id']}: no change matches {entry['match']!r}")


def _score_links(
    case: dict[str, Any], record: VersionRecord, pairs: dict[int, int], result: ChangeEvalResult
) -> None:
    wanted: dict[int, set[int]] = {}
    for link in case["expected"]["links"]:
        numbers = {c.change_no for c in record.changes if _matches(link, c)}
        wanted.setdefault(link["note"], set()).update(numbers)
    found: dict[int, set[int]] = {}
    for link in record.links:
        found.setdefault(link.note_no, set()).add(link.change_no)
    for note, changes in wanted.items():
        result.linkable_notes += 1
        got = found.get(pairs.get(note, -1), set())
        if changes and got == changes:
            result.linked_right += 1
        else:
            result.misses.append(
                f"{case['id']}: note {note} links {sorted(got)} want {sorted(changes)}"
            )
    linked_places = {pairs.get(note) for note in wanted}
    result.stray_links += sum(len(v) for k, v in found.items() if k not in linked_places)


def _score_status(case: dict[str, Any], record: VersionRecord, result: ChangeEvalResult) -> None:
    want, got = case["expected"]["status"], record.status
    for status in STATUSES:
        score = result.statuses[status]
        score.tp += want == status and got == status
        score.fp += got == status and want != status
        score.fn += want == status and got != status
    if want != got:
        result.misses.append(f"{case['id']}: status {want} got {got}")


def evaluate_changes(cases: Sequence[dict[str, Any]] | None = None) -> ChangeEvalResult:
    """Runs every case through the pipeline and scores notes, kinds, links and statuses."""
    result = ChangeEvalResult()
    for case in load_cases() if cases is None else cases:
        record = run_case(case)
        result.cases += 1
        pairs = _score_notes(case, record, result)
        _score_kinds(case, record, result)
        _score_links(case, record, pairs, result)
        _score_status(case, record, result)
    return result


def _row(name: str, score: Score, extra: str = "") -> str:
    return (
        f"  {name:<24}{score.precision:>7.3f}{score.recall:>8.3f}{score.f1:>8.3f}"
        f"{score.support:>9}{extra}"
    )


def format_change_eval(result: ChangeEvalResult) -> str:
    """An aligned table: kinds, statuses, notes, links, and each target against its value."""
    header = f"  {'':<24}{'prec':>7}{'recall':>8}{'F1':>8}{'support':>9}"
    lines = [f"Change intelligence on {result.cases} labelled version pairs", "", "kinds", header]
    lines += [_row(kind, result.kinds[kind]) for kind in KINDS]
    lines += ["", "statuses", header]
    for status in STATUSES:
        score = result.statuses[status]
        extra = f"   F2 {score.f_beta(2.0):.3f}" if status == "silent_substantive" else ""
        lines.append(_row(status, score, extra))
    lines += ["", "notes", header, _row("note detection", result.notes)]
    lines += [
        "",
        f"  links right: {result.linked_right}/{result.linkable_notes}; "
        f"links from notes that describe no change: {result.stray_links}",
        f"  wrong/right text agreed: {result.wrong_right_agreed}/{result.wrong_right_checked}; "
        f"note dates agreed: {result.dates_agreed}/{result.dates_checked}",
        "",
        "targets",
    ]
    metrics = result.metrics()
    for name, target in TARGETS.items():
        verdict = "ok" if metrics[name] >= target else "MISSED"
        lines.append(f"  {name:<24}{metrics[name]:>7.3f}  target {target:.2f}  {verdict}")
    lines += ["", "passed" if result.passed else "FAILED: a target was missed"]
    return "\n".join(lines)
