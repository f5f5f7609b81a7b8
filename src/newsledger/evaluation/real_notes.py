"""How correction-note detection holds on real published text: the real article pages (read in
place, through extraction, as a run reads them) and the seed reports, against hand labels.

Real notes are rare, so the negatives carry most of the weight: every block of text on every
page (menus, footers, "Corrections" links, teasers) is also run through detection, and any note
found there that is not a labelled one counts as a false alarm.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import lxml.html

from newsledger.capture.seeds import parse_seed
from newsledger.changes.notes import detect_correction_notes
from newsledger.evaluation.real_changes import RealDataMissing
from newsledger.models import CorrectionNote
from newsledger.text.extract import ExtractedArticle, extract_article

NOTE_TARGETS = {"note_precision": 0.90, "note_recall": 0.90, "kept_through_extraction": 0.90}
# Elements whose text is a block a reader sees: paragraphs, list items, links, headings, cells.
BLOCK_TAGS = ("p", "li", "a", "h1", "h2", "h3", "h4", "div", "span", "td", "figcaption", "small")

NoteKey = tuple[str, str | None, str | None]


@dataclass
class RealNoteResult:
    """Notes found against notes labelled, over articles and over every block of their pages."""

    pages: int = 0
    blocks: int = 0
    labelled: int = 0
    found: int = 0  # labelled notes detected in the extracted article
    kept: int = 0  # labelled notes whose wrong and right words survived extraction
    false_alarms: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def note_precision(self) -> float:
        flagged = self.found + len(self.false_alarms)
        return self.found / flagged if flagged else 1.0

    @property
    def note_recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def kept_through_extraction(self) -> float:
        return self.kept / self.labelled if self.labelled else 1.0

    def metrics(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in NOTE_TARGETS}

    @property
    def passed(self) -> bool:
        return all(self.metrics()[name] >= target for name, target in NOTE_TARGETS.items())


def load_note_labels() -> dict[str, Any]:
    """Page name -> digest and labelled notes (no text from the pages is kept)."""
    text = resources.files("newsledger.evaluation").joinpath("data/real_notes.json")
    return dict(json.loads(text.read_text("utf-8")))


def page_text_blocks(html: bytes) -> list[str]:
    """Every block of text on a page, menus and footers included, in document order."""
    tree = lxml.html.document_fromstring(html.decode("utf-8", "replace").lstrip("\ufeff"))
    for code in tree.xpath("//script|//style|//noscript"):
        code.drop_tree()
    blocks = (" ".join(el.text_content().split()) for el in tree.iter(*BLOCK_TAGS))
    return [text for text in blocks if text]


def _key(note: CorrectionNote) -> NoteKey:
    return (note.note_type, note.wrong_text, note.right_text)


def _label_key(label: dict[str, Any]) -> NoteKey:
    return (label["type"], label.get("wrong"), label.get("right"))


def _score_text(
    result: RealNoteResult,
    name: str,
    paragraphs: Sequence[str],
    blocks: Sequence[str],
    labels: Sequence[dict[str, Any]],
) -> None:
    wanted = {_label_key(label) for label in labels}
    found = {_key(note) for note in detect_correction_notes(paragraphs)}
    result.labelled += len(wanted)
    result.found += len(wanted & found)
    result.missed += [f"{name}: {key}" for key in sorted(wanted - found, key=str)]
    result.false_alarms += [f"{name}: {key}" for key in sorted(found - wanted, key=str)]
    # A labelled note's text also sits inside every block around it: those are not alarms.
    in_blocks = {_key(note) for note in detect_correction_notes(blocks)}
    text = " ".join(paragraphs)
    result.kept += sum(1 for _, wrong, right in wanted if f"{wrong}" in text and f"{right}" in text)
    result.false_alarms += [
        f"{name} (page block): {key}" for key in sorted(in_blocks - wanted - found, key=str)
    ]
    result.blocks += len(blocks)


def score_real_notes(realdata_dir: Path, seeds_dir: Path | None = None) -> RealNoteResult:
    """Scores detection on every labelled real page (and the seed reports, when given)."""
    labels = load_note_labels()
    pages_dir = realdata_dir / "pages"
    if not pages_dir.is_dir():
        raise RealDataMissing(f"no real article pages at {pages_dir}")
    result = RealNoteResult()
    for name, entry in sorted(labels["pages"].items()):
        path = pages_dir / name
        if not path.is_file():
            raise RealDataMissing(f"labelled page {name} is not in {pages_dir}")
        raw = path.read_bytes()
        if hashlib.sha256(raw).hexdigest()[:16] != entry["sha256"]:
            raise RealDataMissing(f"{path} is not the page that was labelled")
        article = extract_article(raw, f"https://example.org/{name}")
        paragraphs = article.paragraphs if isinstance(article, ExtractedArticle) else ()
        result.pages += 1
        _score_text(result, name, paragraphs, page_text_blocks(raw), entry["notes"])
    for name, notes in sorted(labels.get("seeds", {}).items()):
        if seeds_dir is None or not (seeds_dir / name).is_file():
            continue
        seed = parse_seed((seeds_dir / name).read_bytes())
        result.pages += 1
        _score_text(result, f"seeds/{name}", seed.paragraphs, (), notes)
    return result


def format_real_note_eval(result: RealNoteResult) -> str:
    lines = [
        "Correction notes on real published text (labelled, read in place)",
        "",
        f"{result.pages} pages, {result.labelled} real notes; {result.blocks} blocks of page "
        "text (menus, footers, teasers) checked for false alarms",
    ]
    for name, value in result.metrics().items():
        target = NOTE_TARGETS[name]
        verdict = "ok" if value >= target else "MISSED"
        lines.append(f"  {name:<25} {value:.3f}  target {target:.2f}  {verdict}")
    lines += [f"  missed: {miss}" for miss in result.missed]
    lines += [f"  false alarm: {alarm}" for alarm in result.false_alarms]
    return "\n".join(lines)
