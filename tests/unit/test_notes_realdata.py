"""Correction notes on the 40 real article pages, read in place, both as extracted articles and
as every block of text on the page: their footers carry "Corrections" and "Erramos" links and
their stories words such as "correction territory", none of which is a note. One page does
carry a note: yahoo-2's AP story ends "This version corrects the spelling of the region to
Tuva, not Tyva." (AP's own convention), and it is found with its wording."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from newsledger.changes.notes import detect_correction_notes
from newsledger.config import default_seeds_dir
from newsledger.evaluation.real_notes import load_note_labels, page_text_blocks, score_real_notes
from newsledger.text.extract import ExtractedArticle, extract_article
from support.public_corpus import realdata_names

PAGE_FILES = realdata_names("pages", (".html",))
# page -> (type, wrong, right) of each note it carries.
NOTES_ON_PAGES = {"yahoo-2.html": [("correction", "Tyva", "Tuva")]}


@cache
def paragraphs_of(realdata: Path, page: str) -> tuple[str, ...]:
    result = extract_article(
        (realdata / "pages" / page).read_bytes(), f"https://example.org/{page}"
    )
    return result.paragraphs if isinstance(result, ExtractedArticle) else ()


@pytest.mark.parametrize("page", PAGE_FILES)
def test_real_pages_carry_no_note_but_the_one_they_have(realdata: Path, page: str) -> None:
    notes = detect_correction_notes(paragraphs_of(realdata, page))
    found = [(n.note_type, n.wrong_text, n.right_text) for n in notes]
    assert found == NOTES_ON_PAGES.get(page, [])


@pytest.mark.parametrize("page", PAGE_FILES)
def test_menus_and_footers_of_real_pages_are_not_notes(realdata: Path, page: str) -> None:
    notes = detect_correction_notes(page_text_blocks((realdata / "pages" / page).read_bytes()))
    # A note's text also sits inside each block around it: one distinct note per page.
    found = {(n.note_type, n.wrong_text, n.right_text) for n in notes}
    assert found == set(NOTES_ON_PAGES.get(page, []))


def test_every_real_page_is_labelled(realdata: Path) -> None:
    labelled = load_note_labels()["pages"]
    assert sorted(labelled) == sorted(PAGE_FILES)
    assert {
        name: [(n["type"], n["wrong"], n["right"]) for n in entry["notes"]]
        for name, entry in labelled.items()
        if entry["notes"]
    } == NOTES_ON_PAGES


def test_real_note_evaluation_meets_its_targets(realdata: Path) -> None:
    result = score_real_notes(realdata, default_seeds_dir())
    assert (result.pages, result.labelled) == (len(PAGE_FILES) + 2, 2)
    assert result.missed == [] and result.false_alarms == []
    assert result.passed
