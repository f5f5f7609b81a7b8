"""Change kinds with their evidence, notes linked to the changes they describe, transition
statuses, and the seeds' AP pair end to end through the pipeline."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsledger.capture.seeds import parse_seed
from newsledger.changes.diffing import diff_field, diff_sentences, number_changes
from newsledger.changes.kinds import label_changes
from newsledger.changes.links import link_notes
from newsledger.changes.notes import detect_correction_notes
from newsledger.changes.status import SUBSTANTIVE_KINDS, transition_status
from newsledger.changes.words import edit_distance
from newsledger.models import Change, ChangeLabel, CorrectionNote, NoteLink, Version
from newsledger.runs.pipeline import build_version_record

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KIRBY_BEFORE = (
    "John Kirby, the White House national security adviser, said he couldn't talk about the "
    "details yet, but the images are simply horrifying."
)
KIRBY_AFTER = (
    "John Kirby, spokesman for the White House National Security Council, said he couldn't "
    "talk about the details yet, but the images are simply horrifying."
)
AP_NOTE = (
    "This story was updated to correct that John Kirby is a spokesman for the White House "
    "National Security Council, not the White House national security adviser."
)


def kinds_of(before: str | None, after: str | None, field: str = "body") -> list[tuple[str, str]]:
    if field == "body":
        changes = diff_sentences([before] if before else [], [after] if after else [])
    else:
        changes = diff_field(before, after, field)
    return [(label.kind, label.evidence) for label in label_changes(number_changes(changes))]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            "Gunmen killed at least 40 people, officials said.",
            "Gunmen killed more than 60 people, officials said.",
            [("numeric", "40 → 60")],
        ),
        (
            "Dozens of people were killed.",
            "More than 60 people were killed.",
            [("numeric", "dozens → 60")],
        ),
        (
            "The club was fined $1.5m for breaching rules.",
            "The club was fined $15m for breaching rules.",
            [("numeric", "$1.5m → $15m")],
        ),
        (
            "The prime minister will meet the king on Tuesday.",
            "The prime minister will meet the king on Wednesday.",
            [("numeric", "tuesday → wednesday")],
        ),
        (KIRBY_BEFORE, KIRBY_AFTER, [("name_or_title", "adviser → Council, spokesman")]),
        (
            "The man was arrested at a house in Leeds on Wednesday.",
            "The man was arrested at a house in Bradford on Wednesday.",
            [("name_or_title", "Leeds → Bradford")],
        ),
        (
            "Mykhailo Podoliak denied any involvement.",
            "Mykhailo Podolyak denied any involvement.",
            [("name_or_title", "Podoliak → Podolyak")],
        ),
        (
            '"We will not talk to people who threaten our staff," the chief executive said.',
            '"We will not talk to people who intimidate our staff," the chief executive said.',
            [("quote", "threaten → intimidate")],
        ),
        (
            "“It was chaos,” she said. “People were running everywhere.”",
            "“It was chaos,” she said. “People were screaming everywhere.”",
            [("quote", "running → screaming")],
        ),
        (
            "Two of the injured were in a critical condition, police said.",
            "Two of the injured were in a critical condition, a hospital spokesman said.",
            [("name_or_title", "- → spokesman"), ("attribution", "police → hospital, spokesman")],
        ),
        (
            "The former president said the election had been rigged.",
            "The former president claimed without evidence that the election had been rigged.",
            [("attribution", "say → claimed")],
        ),
        (
            "The goverment said it would publish the report.",
            "The government said it would publish the report.",
            [("cosmetic", "goverment → government")],
        ),
        (
            "The museum attracts more than a milion visitors.",
            "The museum attracts more than a million visitors.",
            [("cosmetic", "milion → million")],
        ),
        (
            "The minister on Friday said the talks had been constructive.",
            "The minister said on Friday the talks had been constructive.",
            [("cosmetic", "punctuation, capitalisation or word order")],
        ),
        (
            "The national health service is under strain.",
            "The National Health Service is under strain.",
            [("cosmetic", "punctuation, capitalisation or word order")],
        ),
        (
            "Updated 10:42 GMT",
            "Updated 11:15 GMT",
            [("cosmetic", "timestamp label: Updated 10:42 GMT → Updated 11:15 GMT")],
        ),
        (
            "It is thought that the fire may have been started deliberately.",
            "The fire may have been started deliberately.",
            [("rewrite", "It is thought that the → The")],
        ),
        (
            None,
            "A second lorry has overturned on the northbound carriageway.",
            [("added", "A second lorry has overturned on the northbound carriageway.")],
        ),
        (
            "The airline did not respond to a request for comment.",
            None,
            [("removed", "The airline did not respond to a request for comment.")],
        ),
    ],
)
def test_each_body_change_gets_its_kinds_with_the_tokens_as_evidence(
    before: str | None, after: str | None, expected: list[tuple[str, str]]
) -> None:
    assert kinds_of(before, after) == expected


def test_a_speaker_whose_name_is_respelt_is_not_a_new_speaker() -> None:
    kinds = kinds_of(
        "Mykhailo Podoliak, an adviser to the president, denied any involvement.",
        "Mykhailo Podolyak, an adviser to the president, denied any involvement.",
    )
    assert [kind for kind, _ in kinds] == ["name_or_title"]


@pytest.mark.parametrize(
    ("before", "after", "field", "expected"),
    [
        (
            "Storm leaves 3,000 homes without power",
            "Storm leaves 30,000 homes without power",
            "title",
            [
                (
                    "headline",
                    "Storm leaves 3,000 homes without power → "
                    "Storm leaves 30,000 homes without power",
                ),
                ("numeric", "3,000 → 30,000"),
            ],
        ),
        (
            "Retailer to shut 20 stores, puting 500 jobs at risk",
            "Retailer to shut 20 stores, putting 500 jobs at risk",
            "title",
            [
                (
                    "headline",
                    "Retailer to shut 20 stores, puting 500 jobs at risk → "
                    "Retailer to shut 20 stores, putting 500 jobs at risk",
                ),
                ("cosmetic", "puting → putting"),
            ],
        ),
        (
            "By Jane Doe",
            "By Jane Doe and Omar Aziz",
            "byline",
            [("byline", "By Jane Doe → By Jane Doe and Omar Aziz")],
        ),
    ],
)
def test_title_and_byline_changes_are_headline_and_byline(
    before: str, after: str, field: str, expected: list[tuple[str, str]]
) -> None:
    assert kinds_of(before, after, field) == expected


def test_a_reworded_headline_is_headline_only() -> None:
    kinds = kinds_of(
        "Rates on hold as Bank waits for clearer signs",
        "Rates on hold as Bank waits for clearer signals",
        "title",
    )
    assert [kind for kind, _ in kinds] == ["headline"]


def test_an_added_sentence_replacing_a_removed_one_carries_the_changed_figures() -> None:
    changes = number_changes(
        diff_sentences(
            ["Health officials said more than 145 people were injured."],
            ["Health officials published a list of 145 injured, 115 of them hospitalized."],
        )
    )
    labels = [(label.change_no, label.kind, label.evidence) for label in label_changes(changes)]
    assert labels[1:] == [
        (2, "added", "Health officials published a list of 145 injured, 115 of them hospitalized."),
        (2, "numeric", "- → 115"),
        (2, "attribution", "say → -"),
    ]


def _kirby_changes() -> list[Change]:
    return number_changes(
        diff_sentences(
            ["Gunmen stormed a concert hall.", KIRBY_BEFORE],
            ["Gunmen stormed a concert hall.", KIRBY_AFTER, AP_NOTE],
        )
    )


def test_the_ap_note_links_to_the_kirby_change_not_to_its_own_paragraph() -> None:
    notes = detect_correction_notes([AP_NOTE])
    assert link_notes(notes, _kirby_changes()) == [NoteLink(1, 1, 1.0)]


def test_a_note_describing_no_edit_links_to_nothing() -> None:
    notes = detect_correction_notes(
        ["Correction: An earlier version of this story gave the wrong date for the hearing."]
    )
    changes = number_changes(
        diff_sentences(["The defendent denies all charges."], ["The defendant denies all charges."])
    )
    assert link_notes(notes, changes) == []


def test_a_note_about_the_headline_links_to_the_title_changes() -> None:
    notes = detect_correction_notes(["Editor's note: The headline of this article was changed."])
    changes = number_changes(
        [*diff_field("Families plunged into poverty", "Families face worst squeeze", "title")]
    )
    # A rewritten headline is one changed field, so the note links to that one change.
    assert [(link.note_no, link.change_no) for link in link_notes(notes, changes)] == [(1, 1)]


NOTE = CorrectionNote("correction", "Correction: ...")


@pytest.mark.parametrize(
    ("is_first", "notes", "kinds", "links", "status"),
    [
        (False, [NOTE], ["name_or_title", "added"], [NoteLink(1, 1, 1.0)], "declared_and_observed"),
        (False, [NOTE], ["cosmetic", "added"], [], "declared_unobserved"),
        (True, [NOTE], [], [], "declared_unobserved"),
        (False, [], ["numeric"], [], "silent_substantive"),
        (False, [], ["headline", "numeric"], [], "silent_substantive"),
        (False, [], ["quote"], [], "silent_substantive"),
        (False, [], ["attribution"], [], "silent_substantive"),
        (False, [], ["rewrite"], [], "routine"),
        (False, [], ["headline"], [], "routine"),
        (False, [], ["added", "removed", "cosmetic", "byline"], [], "routine"),
    ],
)
def test_transition_status(
    is_first: bool,
    notes: list[CorrectionNote],
    kinds: list[str],
    links: list[NoteLink],
    status: str,
) -> None:
    labels = [ChangeLabel(n, kind) for n, kind in enumerate(kinds, start=1)]
    assert transition_status(is_first, notes, labels, links) == status


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("goverment", "government", 1),
        ("recieve", "receive", 1),
        ("signs", "signals", 2),
        ("in", "on", 1),
        ("", "abc", 3),
    ],
)
def test_edit_distance_counts_a_swap_of_neighbours_as_one_edit(
    a: str, b: str, distance: int
) -> None:
    assert edit_distance(a, b) == distance


def test_substantive_kinds_are_the_four_that_change_what_a_report_asserts() -> None:
    assert frozenset({"numeric", "name_or_title", "quote", "attribution"}) == SUBSTANTIVE_KINDS


def _seed_version(path: Path, number: int) -> Version:
    seed = parse_seed(path.read_bytes())
    return Version(
        report_id="ap-moscow-concert-hall-attack",
        version_no=number,
        captured_at=datetime(2024, 3, 23, number, tzinfo=UTC),
        source=str(path),
        paragraphs=seed.paragraphs,
        text_hash=f"text-{number}",
        content_hash=f"content-{number}",
    )


@pytest.fixture(scope="module")
def ap_versions() -> tuple[Version, Version]:
    before = _seed_version(
        SEEDS / "reconstructed" / "000_4298c29b566fd99a.before-correction.txt", 1
    )
    return before, _seed_version(SEEDS / "000_4298c29b566fd99a.txt", 2)


def test_the_seed_ap_pair_is_declared_and_observed(ap_versions: tuple[Version, Version]) -> None:
    record = build_version_record(*ap_versions)
    assert record.status == "declared_and_observed"


def test_the_seed_ap_pair_labels_the_kirby_change_name_or_title(
    ap_versions: tuple[Version, Version],
) -> None:
    record = build_version_record(*ap_versions)
    kirby = next(
        c for c in record.changes if c.after_text and c.after_text.startswith("John Kirby")
    )
    assert [
        (label.kind, label.evidence)
        for label in record.labels
        if label.change_no == kirby.change_no
    ] == [("name_or_title", "adviser → Council, spokesman")]
    assert [(link.note_no, link.change_no) for link in record.links] == [(1, kirby.change_no)]


def test_the_seed_ap_note_parses_its_wrong_and_right_text(
    ap_versions: tuple[Version, Version],
) -> None:
    [note] = build_version_record(*ap_versions).notes
    assert (note.note_type, note.wrong_text, note.right_text) == (
        "correction",
        "the White House national security adviser",
        "a spokesman for the White House National Security Council",
    )


def test_the_seed_ap_original_read_alone_is_declared_unobserved(
    ap_versions: tuple[Version, Version],
) -> None:
    record = build_version_record(None, ap_versions[1])
    assert (record.status, record.links) == ("declared_unobserved", ())
