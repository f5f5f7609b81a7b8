"""Correction notes: the conventions found, their dates, what they say was wrong and right,
and the text that mentions the words without being a note."""

from __future__ import annotations

import pytest

from newsledger.changes.note_dates import find_date
from newsledger.changes.note_wording import wrong_and_right
from newsledger.changes.notes import detect_correction_notes

STORY = "The council voted on Tuesday to close the library."


@pytest.mark.parametrize(
    ("paragraph", "note_type"),
    [
        (
            "This story was updated to correct that John Kirby is a spokesman for the White "
            "House National Security Council, not the White House national security adviser.",
            "correction",
        ),
        (
            "Correction: An earlier version of this article misstated the age of the victim.",
            "correction",
        ),
        (
            "An earlier version of this article incorrectly said the bridge opened in 1962.",
            "correction",
        ),
        ("A previous version of this story misidentified the airline.", "correction"),
        ("An earlier version of this article misspelled the name of the mayor.", "correction"),
        (
            "Clarification: The £2m figure includes pledges that have not yet been paid.",
            "clarification",
        ),
        ("Editor's note: This article contains descriptions of violence.", "editors_note"),
        ("Editor’s Note: The headline of this article was changed.", "editors_note"),
        ("This article has been amended to clarify that the grant was a loan.", "clarification"),
        ("This article has been amended to correct the date of the hearing.", "correction"),
        ("Update: Police said two of the injured had died in hospital.", "update"),
        ("UPDATE (March 24, 2024): The museum has reopened.", "update"),
        ("Updated at 14:05 BST: The Met Office has extended the warning.", "update"),
        ("This story has been updated.", "update"),
        ("(Corrects spelling of minister's surname in paragraph 2)", "correction"),
        ("(Updates with ministry comment in fourth paragraph.)", "update"),
        ("• This article was amended on 2 September 2023 to correct a figure.", "correction"),
        ("_Correction: A previous version of this story gave the wrong score._", "correction"),
    ],
)
def test_note_conventions_are_found_with_their_type(paragraph: str, note_type: str) -> None:
    notes = detect_correction_notes([STORY, paragraph])
    assert [(n.note_type, n.paragraph_pos) for n in notes] == [(note_type, 1)]


@pytest.mark.parametrize(
    ("paragraph", "iso"),
    [
        (
            "Correction, March 24, 2024: An earlier version of this article misstated a date.",
            "2024-03-24",
        ),
        (
            "Correction (24/03/2024): An earlier version of this article said it was Leeds.",
            "2024-03-24",
        ),
        (
            "Correction (03/24/2024): An earlier version of this article said it was Leeds.",
            "2024-03-24",
        ),
        ("This article was corrected on 24 March 2024 to show the right score.", "2024-03-24"),
        (
            "This article was amended on 5 May 2024. An earlier version said it was Friday.",
            "2024-05-05",
        ),
        ("UPDATE (Sept. 5, 2024): The road has reopened.", "2024-09-05"),
        ("Correction: An earlier version of this article said the bridge opened in 1962.", None),
        ("Updated at 14:05 BST: The warning now covers Cornwall.", None),
    ],
)
def test_a_note_date_is_the_one_its_label_or_wording_gives(paragraph: str, iso: str | None) -> None:
    [note] = detect_correction_notes([paragraph])
    assert note.note_date == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("March 24, 2024", "2024-03-24"),
        ("24th March 2024", "2024-03-24"),
        ("2024-03-24", "2024-03-24"),
        ("31/02/2024", None),
        ("March 24", None),
    ],
)
def test_find_date_reads_full_dates_only(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_a_dated_label_line_and_the_note_body_after_it_are_one_note() -> None:
    paragraphs = [
        STORY,
        "Correction: March 24, 2024",
        "An earlier version of this article misstated the name of the venue. It is Crocus City "
        "Hall, not Crocus Town Hall.",
    ]
    [note] = detect_correction_notes(paragraphs)
    assert (note.note_type, note.paragraph_pos, note.note_date) == ("correction", 1, "2024-03-24")
    assert note.note_text.startswith("Correction: March 24, 2024 An earlier version")
    assert (note.wrong_text, note.right_text) == ("Crocus Town Hall", "Crocus City Hall")


def test_a_corrections_and_clarifications_heading_joins_the_note_under_it() -> None:
    paragraphs = [
        STORY,
        "Corrections and clarifications",
        "• An earlier version of this article said the strike would affect 40 hospitals. The "
        "correct figure is 14.",
    ]
    [note] = detect_correction_notes(paragraphs)
    assert (note.note_type, note.paragraph_pos) == ("correction", 1)
    assert (note.wrong_text, note.right_text) == ("the strike would affect 40 hospitals", "14")


@pytest.mark.parametrize(
    ("body", "wrong", "right"),
    [
        (
            "This story was updated to correct that John Kirby is a spokesman for the White "
            "House National Security Council, not the White House national security adviser.",
            "the White House national security adviser",
            "a spokesman for the White House National Security Council",
        ),
        ("She was 34, not 43.", "43", "34"),
        (
            "This story has been corrected to show that 14 people were killed, not 40.",
            "40",
            "14 people were killed",
        ),
        (
            "This story corrects paragraph 3 to show revenue was $1.5 billion, not $15 billion)",
            "$15 billion",
            "$1.5 billion",
        ),
        (
            "An earlier version of this article misspelled the surname of the chief constable, "
            "Sarah Crew, as Crewe.",
            "Crewe",
            "Sarah Crew",
        ),
        (
            "An earlier version of this article misspelled the name of Ukraine's president as "
            "Zelensky.",
            "Zelensky",
            None,
        ),
        (
            "This article was amended to correct the spelling of Aymenn Jawad al-Tamimi's name.",
            None,
            "Aymenn Jawad al-Tamimi",
        ),
        (
            "An earlier version of this article incorrectly said the bridge was built in 1962. It "
            "was built in 1926.",
            "the bridge was built in 1962",
            "built in 1926",
        ),
        (
            "An earlier version of this article misidentified the baker as Tom Harlow. He is Tim "
            "Harlow.",
            "Tom Harlow",
            "Tim Harlow",
        ),
        (
            "A previous version of this story misidentified the airline. It was Lufthansa.",
            None,
            "Lufthansa",
        ),
        (
            "An earlier version of this article misquoted Dr Patel. She said “we are not yet "
            "at the peak”, not “we are past the peak”.",
            "we are past the peak",
            "we are not yet at the peak",
        ),
        ("This story has been updated with additional reporting.", None, None),
    ],
)
def test_wrong_and_right_text_come_from_the_note_wording(
    body: str, wrong: str | None, right: str | None
) -> None:
    assert wrong_and_right(body) == (wrong, right)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The Times issued a correction on Tuesday after a photograph was wrongly captioned.",
        "In an editor's note, the magazine said the article did not meet its standards.",
        "The editor's note published alongside the article has since been removed.",
        "Corrections",
        "Report a correction or typo",
        "Read our corrections policy",
        "Updated 10:42 GMT",
        "Updated at 09.12 BST",
        "Last updated: 24 March 2024, 08:30",
        "Published 23 March 2024. Updated 24 March 2024.",
        "Last modified on Sun 24 Mar 2024 09.15 GMT",
        "Correction officers at the state prison staged a walkout on Monday.",
        "Update your device by going to Settings, then General, then Software Update.",
        "Clarification is being sought on how the new grades will be published, the unions said.",
        "An earlier version of the bill was rejected by the House in December.",
        "A correction notice published last year had already flagged problems with two images.",
    ],
)
def test_text_that_only_mentions_corrections_is_not_a_note(paragraph: str) -> None:
    assert detect_correction_notes([STORY, paragraph]) == []


def test_a_label_line_with_no_note_body_after_it_is_a_footer_not_a_note() -> None:
    assert detect_correction_notes([STORY, "Correction: March 24, 2024", "Contact us"]) == []
