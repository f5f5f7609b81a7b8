"""Stories: grouping reports of one event, shared text, and the figures' timeline."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsledger.capture.seeds import parse_seed
from newsledger.stories.facts import claims_of_paragraphs
from newsledger.stories.grouping import (
    ReportText,
    SharedText,
    TimelineRow,
    VersionClaims,
    cluster_reports,
    fact_timeline,
    format_story_timeline,
    shared_text,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
AP_ID = "ap-moscow-concert-hall-attack"
NZ_ID = "nzherald-moscow-concert-hall-attack"

MOROCCO = (
    "A magnitude 6.4 earthquake struck Morocco's High Atlas mountains late on Sunday, killing "
    "at least 112 people and flattening mud-brick villages south of Marrakech, the interior "
    "ministry said. Most of the deaths were in Al Haouz and Taroudant provinces, where roads "
    "were blocked by landslides. Residents of Marrakech spent the night outdoors."
)
HERAT = (
    "A powerful earthquake hit western Afghanistan on Monday, killing at least 90 people in "
    "Herat province and injuring hundreds, a Taliban spokesman said. The magnitude 6.1 quake "
    "struck north-west of the city of Herat, destroying villages in the Zinda Jan district. "
    "Hospitals in Herat were overwhelmed."
)


def at(day: int, month: int = 3) -> datetime:
    return datetime(2024, month, day, tzinfo=UTC)


def seed_report(name: str, report_id: str, outlet: str) -> tuple[ReportText, tuple[str, ...]]:
    seed = parse_seed((SEEDS / name).read_bytes())
    captured = datetime(seed.date.year, seed.date.month, seed.date.day, tzinfo=UTC)
    return ReportText(report_id, outlet, captured, "\n\n".join(seed.paragraphs)), seed.paragraphs


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[ReportText, tuple[str, ...]]]:
    return {
        AP_ID: seed_report("000_4298c29b566fd99a.txt", AP_ID, "Associated Press"),
        NZ_ID: seed_report("003_e0a8b143a7695bce.txt", NZ_ID, "New Zealand Herald"),
    }


def test_the_seed_reports_are_one_story_and_the_herald_shares_ap_text(seeds: dict) -> None:
    reports = [report for report, _ in seeds.values()]
    [story] = cluster_reports(reports)
    assert story.report_ids == (NZ_ID, AP_ID)
    assert story.story_id == "story-" + hashlib.sha1(NZ_ID.encode()).hexdigest()[:10]
    # One shared sentence out of the Herald's 31 ("The attack, which left the concert hall…").
    assert story.syndicated == (
        SharedText(report_id=NZ_ID, source_report_id=AP_ID, shared_sentences=1, share=0.032),
    )


def test_two_earthquakes_in_two_countries_stay_apart() -> None:
    reports = [
        ReportText("morocco", "Atlas Tribune", at(8), MOROCCO),
        ReportText("herat", "Kabul Evening Review", at(9), HERAT),
    ]
    assert [s.report_ids for s in cluster_reports(reports)] == [("morocco",), ("herat",)]


def test_the_same_event_outside_the_window_is_a_new_story(seeds: dict) -> None:
    ap, _ = seeds[AP_ID]
    nz, _ = seeds[NZ_ID]
    late = ReportText(AP_ID, ap.outlet, at(20, month=5), ap.text)
    assert [s.report_ids for s in cluster_reports([nz, late], window_days=10)] == [
        (NZ_ID,),
        (AP_ID,),
    ]


def test_grouping_does_not_depend_on_input_order(seeds: dict) -> None:
    reports = [report for report, _ in seeds.values()]
    assert cluster_reports(reports) == cluster_reports(list(reversed(reports)))


@pytest.mark.parametrize(
    ("outlets", "source"),
    [
        (("Reuters", "Gulf Morning Star"), "b"),  # the wire is the source though later
        (("Gulf Morning Star", "Daily Star"), "a"),  # neither a wire: the earlier one
    ],
)
def test_shared_text_source(outlets: tuple[str, str], source: str) -> None:
    text = (
        "At least 38 people drowned when an overcrowded ferry capsized in the Meghna river "
        "on Sunday, police said. Divers recovered bodies through the night, he said."
    )
    a = ReportText("a", outlets[1], at(6), text + " A local paragraph of our own follows.")
    b = ReportText("b", outlets[0], at(7), text)
    shared = shared_text(a, b)
    assert shared is not None
    assert (shared.source_report_id, shared.shared_sentences) == (source, 2)


def seed_timeline(seeds: dict) -> list[TimelineRow]:
    [story] = cluster_reports([report for report, _ in seeds.values()])
    versions = [
        VersionClaims(
            story_id=story.story_id,
            report_id=report.report_id,
            outlet=report.outlet,
            version_no=1,
            captured_at=report.first_captured_at,
            claims=tuple(claims_of_paragraphs(paragraphs)),
        )
        for report, paragraphs in seeds.values()
    ]
    return fact_timeline(versions)


def test_seed_timeline_rows(seeds: dict) -> None:
    rows = seed_timeline(seeds)
    assert [(r.quantity, r.qualifier, r.value, r.outlet, r.change) for r in rows] == [
        ("hospitalized", "exact", 115, "Associated Press", "first"),
        ("injured", "more_than", 145, "New Zealand Herald", "first"),
        ("injured", "exact", 145, "Associated Press", "down"),
        ("killed", "at_least", 40, "New Zealand Herald", "first"),
        ("killed", "more_than", 60, "Associated Press", "up"),
    ]


def test_seed_timeline_text(seeds: dict) -> None:
    text = format_story_timeline(seed_timeline(seeds))
    assert (
        "  killed: ≥ 40 (2024-03-22, New Zealand Herald) → > 60 (2024-03-23, Associated Press)"
        in text.splitlines()
    )
    assert "  hospitalized: 115 (2024-03-23, Associated Press)" in text.splitlines()


def one_claim_version(report_id: str, outlet: str, day: int, sentence: str) -> VersionClaims:
    return VersionClaims(
        "story-x", report_id, outlet, 1, at(day), tuple(claims_of_paragraphs([sentence]))
    )


def test_two_outlets_with_different_figures_on_one_day_conflict() -> None:
    rows = fact_timeline(
        [
            one_claim_version("a", "Outlet A", 22, "At least 40 people were killed."),
            one_claim_version("b", "Outlet B", 22, "At least 38 people were killed."),
            one_claim_version("c", "Outlet C", 23, "At least 38 people were killed."),
        ]
    )
    assert [(r.outlet, r.value, r.change) for r in rows] == [
        ("Outlet A", 40, "first"),
        ("Outlet B", 38, "conflict"),
        ("Outlet C", 38, "same"),
    ]
    assert format_story_timeline(rows).splitlines()[1] == (
        "  killed: ≥ 40 (2024-03-22, Outlet A) ≠ ≥ 38 (2024-03-22, Outlet B)"
        " → ≥ 38 (2024-03-23, Outlet C)"
    )


def test_vague_figures_count_only_when_nothing_specific_is_said() -> None:
    paragraph = "Dozens of people were killed. Officials said 31 people were killed."
    [row] = fact_timeline([one_claim_version("a", "Outlet A", 22, paragraph)])
    assert (row.value, row.vague) == (31, False)
    [vague_row] = fact_timeline([one_claim_version("a", "A", 22, "Dozens of people were killed.")])
    assert (vague_row.value, vague_row.vague) == (24, True)
