from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.capture.seeds import parse_seed
from newsledger.changes.diffing import apply_changes, diff_sentences, number_changes, word_ops
from newsledger.models import WordOp
from newsledger.text.segment import sentences_of

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed_sentences(relative: str) -> list[str]:
    return sentences_of(parse_seed((SEEDS / relative).read_bytes()).paragraphs)


def test_kirby_pair_is_one_changed_sentence_and_one_added_note() -> None:
    before = _seed_sentences("reconstructed/000_4298c29b566fd99a.before-correction.txt")
    after = _seed_sentences("000_4298c29b566fd99a.txt")
    changes = number_changes(diff_sentences(before, after))
    assert [(c.change_no, c.op) for c in changes] == [(1, "changed"), (2, "added")]
    kirby, note = changes
    assert kirby.before_text is not None and kirby.after_text is not None
    assert "the White House national security adviser" in kirby.before_text
    assert "spokesman for the White House National Security Council" in kirby.after_text
    assert kirby.before_pos == kirby.after_pos
    assert note.after_text is not None
    assert note.after_text.startswith("This story was updated to correct that John Kirby")
    assert note.after_pos == len(after) - 1


def test_word_ops_group_a_replaced_phrase() -> None:
    assert word_ops(
        "John Kirby, the White House national security adviser, said",
        "John Kirby, spokesman for the White House National Security Council, said",
    ) == (
        WordOp("equal", "John Kirby,"),
        WordOp("insert", " spokesman for"),
        WordOp("equal", " the White House "),
        WordOp("delete", "national security adviser"),
        WordOp("insert", "National Security Council"),
        WordOp("equal", ", said"),
    )


def test_unrelated_sentences_are_a_removal_and_an_addition() -> None:
    changes = diff_sentences(["The sky is blue."], ["Markets fell sharply on Monday."])
    assert [c.op for c in changes] == ["removed", "added"]


def test_paragraph_added_at_the_top_is_one_added_change() -> None:
    old = ["First fact.", "Second fact."]
    new = ["Breaking: toll rises to 60.", "First fact.", "Second fact."]
    changes = diff_sentences(old, new)
    assert [(c.op, c.after_pos) for c in changes] == [("added", 0)]


sentence = st.text(alphabet="abcde .,", min_size=1, max_size=30).map(str.strip).filter(bool)


@settings(max_examples=200, deadline=None)
@given(st.lists(sentence, max_size=12), st.lists(sentence, max_size=12))
def test_applying_the_stored_diff_to_the_old_version_gives_the_new(
    old: list[str], new: list[str]
) -> None:
    assert apply_changes(old, diff_sentences(old, new)) == new


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_word_ops_rebuild_both_sentences(before: str, after: str) -> None:
    ops = word_ops(before, after)
    assert "".join(o.text for o in ops if o.op != "insert") == before
    assert "".join(o.text for o in ops if o.op != "delete") == after
