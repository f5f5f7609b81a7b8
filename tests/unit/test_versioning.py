from __future__ import annotations

from datetime import UTC, datetime

from newsledger.changes.versioning import decide_versions
from newsledger.models import Capture


def _capture(text: str, source: str = "a", hour: int = 0, title: str | None = None) -> Capture:
    return Capture(
        report_id="r",
        captured_at=datetime(2024, 3, 23, hour, tzinfo=UTC),
        source=source,
        paragraphs=tuple(text.split("\n\n")),
        title=title,
    )


def test_whitespace_and_unicode_form_are_not_new_versions() -> None:
    from newsledger.text.normalize import normalize_paragraphs

    first = _capture("Café opens.")
    # Same words, decomposed é and different spacing: the normaliser makes them equal.
    second = Capture(
        "r", first.captured_at.replace(hour=1), "b", normalize_paragraphs(["Cafe\u0301   opens. "])
    )
    outcomes = decide_versions([first, second], None, set())
    assert [o.outcome for o in outcomes] == ["new_version", "unchanged"]


def test_punctuation_quotes_and_case_are_real_edits() -> None:
    captures = [
        _capture('He said "yes".', hour=0),
        _capture("He said “yes”.", hour=1),
        _capture("He said “Yes”.", hour=2),
        _capture("He said “Yes”!", hour=3),
    ]
    outcomes = decide_versions(captures, None, set())
    assert [o.version.version_no for o in outcomes if o.version] == [1, 2, 3, 4]


def test_a_title_change_alone_is_a_new_version() -> None:
    outcomes = decide_versions(
        [_capture("Body.", hour=0, title="Old"), _capture("Body.", hour=1, title="New")],
        None,
        set(),
    )
    assert [o.outcome for o in outcomes] == ["new_version", "new_version"]


def test_the_same_capture_seen_twice_is_skipped() -> None:
    seen: set[str] = set()
    first = decide_versions([_capture("Body.")], None, seen)
    again = decide_versions([_capture("Body.")], first[0].version, seen)
    assert [o.outcome for o in again] == ["already_seen"]
