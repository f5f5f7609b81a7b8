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


@pytest.mark.parametrize(
    ("before", "after", "field", "expected"),
    [
        # A hedge inserted or dropped changes who vouches for the claim; so does a headline's
        # closing source ("- reports", "- Taliban"), unless it only moved next to a verb.
        (
            "The driver is said to have fled the harbour",
            "The driver fled the harbour",
            "summary",
            {"attribution"},
        ),
        (
            "Greyford ferry firm to close",
            "Greyford ferry firm to close - reports",
            "title",
            {"attribution"},
        ),
        ("Harbour bridge unsafe - police", "Harbour bridge unsafe", "title", {"attribution"}),
        (
            "Ferry fares to rise next year - mayor",
            "Ferry fares to rise next year, says mayor",
            "title",
            set(),
        ),
        (
            "Ferry fares reportedly rise in Greyford",
            "Ferry fares rise in Greyford - reports",
            "title",
            set(),
        ),
        # A reporting verb used as an adjective is no source ("a reported £5m").
        (
            "Greyford sells harbour for a reported £5m",
            "Greyford sells marina for a reported £5m",
            "title",
            set(),
        ),
        # The same speaker described otherwise is the same source.
        (
            "The new harbour chief says fares will rise",
            "The Greyford harbour chief says fares will rise",
            "summary",
            {"name_or_title"},
        ),
    ],
)
def test_who_vouches_for_a_claim(before: str, after: str, field: str, expected: set[str]) -> None:
    assert kinds(before, after, field) - {"rewrite", "cosmetic"} == expected


def test_a_statement_brought_in_carries_its_speaker_and_quotation() -> None:
    # The new statement is news; its speaker and its words are not a name or quote changed.
    before = "Harbour bridge closes after storm damage"
    after = "Harbour bridge closes after storm damage, Mayor Ada Okafor says it is 'a blow'"
    assert kinds(before, after, "summary") == {"rewrite"}
    # A quotation that is not the new statement's is still a quote.
    assert "quote" in kinds(
        "Harbour bridge closes, but officials say ferries still run",
        "Harbour bridge closes after 'severe damage' to its piers",
        "summary",
    )


@pytest.mark.parametrize(
    ("before", "after", "field", "expected"),
    [
        # Short and long forms, acronyms, a people's form and a country's other name.
        ("Manchester United sign harbour striker", "Man Utd sign harbour striker", "title", set()),
        ("New Zealand reach harbour final", "NZ reach harbour final", "title", set()),
        ("Britain backs harbour deal", "UK backs harbour deal", "title", set()),
        (
            "Swedes back Greyford harbour plan",
            "Swedish voters back Greyford harbour plan",
            "summary",
            set(),
        ),
        # A name swapped for its role, however qualified, is the same person.
        (
            "President Okafor signs harbour bill",
            "The Greyford president signs harbour bill",
            "summary",
            set(),
        ),
        # A respelt name: spelling in a headline or standfirst (labelling guide), a name change
        # in the body, where name corrections are made and declared. Digits are never spelling.
        ("Greyford mayor Okafer resigns", "Greyford mayor Okafor resigns", "title", set()),
        (
            "Greyford mayor Okafer resigns",
            "Greyford mayor Okafor resigns",
            "body",
            {"name_or_title"},
        ),
        ("Usuga arrested in Greyford", "Úsuga arrested in Greyford", "title", set()),
        # Roles that are other words alone count only beside a name.
        (
            "Greyford election called for spring",
            "Greyford general election called for spring",
            "summary",
            set(),
        ),
        (
            "Greyford sign striker Okafor",
            "Greyford sign forward Okafor",
            "title",
            {"name_or_title"},
        ),
        # A live page's label is not a name.
        (
            "Watch: Greyford v Harbour build-up",
            "Listen: Greyford v Harbour build-up",
            "title",
            set(),
        ),
    ],
)
def test_one_name_in_two_forms(before: str, after: str, field: str, expected: set[str]) -> None:
    assert kinds(before, after, field) - {"rewrite", "cosmetic"} == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # A star rating is the review's label; half-time and "second half" are the clock.
        ("Harbour Lights review: a four-star triumph", "Harbour Lights review: a triumph", set()),
        ("Harbour ahead at half-time", "Harbour ahead in second half", set()),
        # A fixture gaining its score is a score inserted.
        (
            "Cup final: Greyford v Harbour - team news",
            "Cup final: Greyford 1-0 Harbour - team news",
            {"numeric"},
        ),
        # The same match across a headline written anew: its tally moved.
        (
            "Greyford v Harbour: Okafor scores third goal",
            "Harbour stunned as Greyford hit five past them",
            {"numeric"},
        ),
        # "£51m" and "£51 million" are one figure.
        ("Greyford agree £51m harbour sale", "Greyford agree £51 million harbour sale", set()),
    ],
)
def test_figures_by_convention(before: str, after: str, expected: set[str]) -> None:
    assert kinds(before, after) - {"rewrite", "cosmetic"} == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # A standfirst cut to length: words run on past the cut are no edit, a figure is.
        (
            "The mayor said the harbour bridge would reopen in...",
            "The mayor said the harbour bridge would reopen in spring",
            {"cosmetic"},
        ),
        (
            "The mayor said the harbour bridge would reopen in...",
            "The mayor said the harbour bridge would reopen in 2025",
            {"numeric"},
        ),
        # A verb's tense with its auxiliaries is polish; a headline's "to" is its future.
        (
            "Greyford council is backing ferry plan",
            "Greyford council has backed ferry plan",
            {"cosmetic"},
        ),
        ("Mayor to back ferry plan", "Mayor backs ferry plan", {"rewrite"}),
        # "ex-" and "former" are one word; quoted words only recapitalised are the same quote.
        ("Greyford's former mayor backs ferry", "Greyford's ex-mayor backs ferry", {"cosmetic"}),
        (
            "Harbour deal 'outrageous', says mayor",
            "Harbour deal 'Outrageous', says mayor",
            {"cosmetic"},
        ),
    ],
)
def test_polish_by_convention(before: str, after: str, expected: set[str]) -> None:
    assert kinds(before, after, "summary") == expected


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Police arrested a 34-year-old man in Greyford on Tuesday night.",
            "On Tuesday night in Greyford, a man of 34 was arrested by police.",
        ),
        (
            "The council approved the harbour plan after a long debate on Monday.",
            "After a long Monday debate, the harbour plan was approved by the council.",
        ),
    ],
)
def test_a_body_sentence_rewritten_in_place_is_one_changed_sentence(
    before: str, after: str
) -> None:
    changes = diff_sentences(
        ["The storm passed.", before, "Ferries resume."],
        ["The storm passed.", after, "Ferries resume."],
    )
    assert [(c.op, c.before_pos, c.after_pos) for c in changes] == [("changed", 1, 1)]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("The sky over the harbour is blue.", "Markets fell sharply on Monday."),
        (
            "Ferries were cancelled across the region because of the storm.",
            "The storm closed the harbour bridge for the whole weekend.",
        ),
    ],
)
def test_a_different_sentence_in_the_same_place_is_removed_and_added(
    before: str, after: str
) -> None:
    changes = diff_sentences(["Intro.", before, "Outro."], ["Intro.", after, "Outro."])
    assert [c.op for c in changes] == ["removed", "added"]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # A new subject put before the kept headline is a name; an adjective put there is not.
        (
            "Greyford chasing 155 to win harbour cup",
            "Okafor fires Greyford in pursuit of 155 to win harbour cup",
            {"name_or_title"},
        ),
        (
            "Greyford chasing 155 to win harbour cup",
            "Dominant Greyford chasing 155 to win harbour cup",
            set(),
        ),
        (
            "Greyford chasing 155 to win harbour cup",
            "Fluent Greyford chasing 155 to win harbour cup",
            set(),
        ),
    ],
)
def test_a_new_first_word_before_the_kept_headline(
    before: str, after: str, expected: set[str]
) -> None:
    assert kinds(before, after) - {"rewrite", "cosmetic"} == expected


@pytest.mark.parametrize(
    ("before", "after", "field", "expected"),
    [
        # Numbers that are part of a name: channels, formulas, events, diseases.
        (
            "Follow BBC Radio 5 Live commentary on the harbour race",
            "Follow live text on the harbour race",
            "summary",
            set(),
        ),
        (
            "Watch BBC One coverage of the harbour race",
            "Watch coverage of the harbour race",
            "summary",
            set(),
        ),
        (
            "Greyford to host Euro 2028 harbour races",
            "Greyford to host Euro 2028 rowing races",
            "title",
            set(),
        ),
        ("Coronavirus cases rise in Greyford", "Covid-19 cases rise in Greyford", "title", set()),
        (
            "Greyford's ex-Formula 1 driver opens harbour",
            "Greyford's former Formula One driver opens harbour",
            "title",
            set(),
        ),
        # In a Title Case headline every word is capitalised: the figure is still a figure.
        (
            "Storm Kills Five People In Greyford",
            "Storm Kills Six People In Greyford",
            "title",
            {"numeric"},
        ),
    ],
)
def test_numbers_in_names_are_no_figures(
    before: str, after: str, field: str, expected: set[str]
) -> None:
    assert kinds(before, after, field) - {"rewrite", "cosmetic"} == expected
