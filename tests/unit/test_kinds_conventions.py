"""Change kinds follow how newsrooms write: fields compared as fields, quotation marks of every
style, names in their possessive, plural and fuller forms, figures written as words, headline
labels and running scores. Every case here is made up for the test."""

from __future__ import annotations

import pytest

from newsledger.changes.diffing import diff_field, diff_sentences, tokenize
from newsledger.changes.kinds import label_changes, written_anew
from newsledger.changes.quotes import inside_quotes


def kinds(before: str, after: str, field: str = "title") -> set[str]:
    changes = (
        diff_sentences([before], [after]) if field == "body" else diff_field(before, after, field)
    )
    return {label.kind for label in label_changes(changes)} - {"headline"}


@pytest.mark.parametrize("field", ["title", "summary", "byline"])
def test_a_field_both_versions_have_is_one_changed_pair(field: str) -> None:
    (change,) = diff_field("Harbour bridge to close for repairs", "Mayor backs new ferry", field)
    assert (change.op, change.field) == ("changed", field)
    assert (change.before_text, change.after_text) == (
        "Harbour bridge to close for repairs",
        "Mayor backs new ferry",
    )


@pytest.mark.parametrize(
    ("field", "before", "after"),
    [
        ("title", None, "Mayor backs new ferry"),
        ("title", "Mayor backs new ferry", None),
    ],
)
def test_a_field_one_version_lacks_is_added_or_removed(
    field: str, before: str | None, after: str | None
) -> None:
    (change,) = diff_field(before, after, field)
    assert change.op == ("added" if before is None else "removed")


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        ("Mayor calls plan 'a disgrace'", ["a", "disgrace"]),
        ("Mayor calls plan ‘a disgrace’", ["a", "disgrace"]),
        ("Mayor calls plan “a disgrace”", ["a", "disgrace"]),
        ('Mayor calls plan "a disgrace"', ["a", "disgrace"]),
        ("Le maire parle de «honte» ici", ["honte"]),
        ("Der Bürgermeister spricht von „Schande“ heute", ["Schande"]),
        ("Der Bürgermeister spricht von ‚Schande‘ heute", ["Schande"]),
        ("Der Bürgermeister spricht von »Schande« heute", ["Schande"]),
        ("Saints' fans cheer the mayor's plan", []),
        ("The mayor's plan won't pass", []),
        ("a disgrace,” the mayor said", ["a", "disgrace"]),
    ],
)
def test_words_inside_quotation_marks_of_every_style(sentence: str, quoted: list[str]) -> None:
    tokens = tokenize(sentence)
    flags = inside_quotes(tokens)
    assert [t for t, q in zip(tokens, flags, strict=True) if q and t.strip() and t != ","] == quoted


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # A capitalised word inside single quotes is the quote's, not a new name.
        (
            "Ferry plan 'will fail', says mayor",
            "Ferry plan 'Will fail badly', says mayor",
            {"quote"},
        ),
        ("Mayor: 'En route to recovery'", "Mayor: 'Ben route to recovery'", {"quote"}),
        ("Harbour vote set for Monday", "Harbour vote set for Tuesday", {"numeric"}),
        # Possessive and plural forms of one name are that name.
        ("Grant plan for harbour", "Grant's plan for harbour", {"cosmetic"}),
        (
            "Republican plan stalls in harbour vote",
            "Republicans' plan stalls in harbour vote",
            {"cosmetic"},
        ),
        # A name written more fully names the same person.
        ("Okafor to lead harbour board", "Ada Okafor to lead harbour board", {"rewrite"}),
        # Figures written as words or digits are the same figure.
        ("Harbour ranked number 1 in region", "Harbour ranked number one in region", {"cosmetic"}),
        # Digits glued to letters belong to a name.
        ("Harbour talks at COP26 stall", "Harbour talks at COP27 stall", {"name_or_title"}),
        # Joined compounds, & and and, and grammar words only are polish.
        ("Harbour shake-up planned", "Harbour shakeup planned", {"cosmetic"}),
        ("Bridge & ferry fares rise", "Bridge and ferry fares rise", {"cosmetic"}),
        ("Council approves a raft measures", "Council approves a raft of measures", {"cosmetic"}),
        # A name only dropped leaves the same claim about the same subject.
        ("Greyford residents fight harbour noise", "Residents fight harbour noise", {"rewrite"}),
        # A name inserted is a name change; so is a title replaced.
        ("Harbour chief quits", "Harbour chief Ada Okafor quits", {"name_or_title"}),
    ],
)
def test_kinds_of_an_edited_headline(before: str, after: str, expected: set[str]) -> None:
    assert kinds(before, after) - {"rewrite"} == expected - {"rewrite"}
    if "rewrite" in expected:
        assert kinds(before, after, "summary") == {"rewrite"}


@pytest.mark.parametrize(
    ("before", "after", "anew"),
    [
        ("Harbour bridge to close for repairs", "Mayor backs new ferry after storm", True),
        (
            "Harbour bridge to close for repairs",
            "Harbour bridge to close for urgent repairs",
            False,
        ),
        ("Council apologises and rejects calls", "Council apologise, reject calls", False),
    ],
)
def test_written_anew(before: str, after: str, anew: bool) -> None:
    assert written_anew(before, after) is anew


def test_a_headline_written_anew_changes_no_fact() -> None:
    before = "Storm closes harbour bridge as ferries halted"
    after = "Mayor Ada Okafor promises 'rapid repairs' after night of gales"
    assert kinds(before, after) == set()
    assert kinds(before, after, "summary") == {"rewrite"}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Cup final: Harbour 1-1 Greyford", "Cup final: Okafor penalty puts Harbour 2-1 up"),
        (
            "Harbour reach 120-3 chasing 250 - live text",
            "Okafor falls as Harbour need 90 off 12 overs - live text",
        ),
    ],
)
def test_a_running_score_that_moved_is_a_figure_even_in_a_new_headline(
    before: str, after: str
) -> None:
    assert "numeric" in kinds(before, after)


def test_a_reporting_verb_only_inserted_into_an_edited_sentence_is_no_attribution() -> None:
    before = "Harbour bridge faces long closure"
    after = "Harbour bridge faces long closure, mayor says"
    assert "attribution" not in kinds(before, after, "body")
    assert "attribution" in kinds(
        "Harbour bridge faces long closure, mayor says",
        "Harbour bridge faces long closure, engineers say",
        "body",
    )
