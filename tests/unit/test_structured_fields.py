"""What a page states about itself: JSON-LD dates, description and corrections, meta-tag
fallbacks, the summary in the content hash only when present, and hostile JSON-LD."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from newsledger.changes.versioning import decide_versions, identify
from newsledger.models import Capture, StructuredCorrection
from newsledger.text.extract import ExtractedArticle, extract_article
from newsledger.text.html_clean import MAX_JSON_LD_CHARS, json_ld_documents, parse_page
from newsledger.text.normalize import content_hash
from newsledger.text.structured import MAX_CORRECTIONS, json_ld_metadata, parse_page_date

T0 = datetime(2024, 3, 23, tzinfo=UTC)
BODY = "".join(
    f"<p>Paragraph {n} of the report says what happened at the hall, in some detail.</p>"
    for n in range(6)
)


def _page(head: str = "", scripts: tuple[str, ...] = ()) -> str:
    blocks = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    return (
        f"<html><head><title>Hall attack</title>{head}{blocks}</head>"
        f"<body><article><h1>Hall attack</h1>{BODY}</article></body></html>"
    )


def _extract(html: str) -> ExtractedArticle:
    article = extract_article(html, "https://news.example/a", extensive_date_search=False)
    assert isinstance(article, ExtractedArticle)
    return article


def _metadata_of(*scripts: str) -> tuple[object, ...]:
    meta = json_ld_metadata(json_ld_documents(parse_page(_page(scripts=scripts))))
    return meta.published_at, meta.modified_at, meta.description, meta.corrections


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-23T10:05:00Z", datetime(2024, 3, 23, 10, 5, tzinfo=UTC)),
        ("2024-03-23T12:05:00+02:00", datetime(2024, 3, 23, 10, 5, tzinfo=UTC)),
        ("2024-03-23T10:05:00.000+0000", datetime(2024, 3, 23, 10, 5, tzinfo=UTC)),
        ("2024-03-23 10:05:00", datetime(2024, 3, 23, 10, 5, tzinfo=UTC)),
        ("2024-03-23", datetime(2024, 3, 23, tzinfo=UTC)),
        ("Sat, 23 Mar 2024 10:05:00 GMT", datetime(2024, 3, 23, 10, 5, tzinfo=UTC)),
        ("yesterday", None),
        ("0001-01-01T00:00:00Z", None),
        ("", None),
        (20240323, None),
        (["2024-03-23"], None),
    ],
)
def test_page_dates_are_read_as_utc_or_not_at_all(value: object, expected: object) -> None:
    assert parse_page_date(value) == expected


def test_an_article_states_dates_description_and_a_correction_comment() -> None:
    script = json.dumps({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "datePublished": "2024-03-22T18:00:00Z",
        "dateModified": "2024-03-23T09:30:00+01:00",
        "description": "  Gunmen opened fire\n at a concert hall. ",
        "correction": {
            "@type": "CorrectionComment",
            "text": "An earlier version misstated John Kirby's title.",
            "datePublished": "2024-03-23T08:00:00Z",
        },
        "image": {"@type": "ImageObject", "datePublished": "2019-01-01"},
        "publisher": {"@type": "NewsMediaOrganization", "correctionsPolicy": "https://x/c"},
    })  # fmt: skip
    assert _metadata_of(script) == (
        datetime(2024, 3, 22, 18, tzinfo=UTC),
        datetime(2024, 3, 23, 8, 30, tzinfo=UTC),
        "Gunmen opened fire at a concert hall.",
        (
            StructuredCorrection(
                "An earlier version misstated John Kirby's title.",
                datetime(2024, 3, 23, 8, tzinfo=UTC),
            ),
        ),
    )


@pytest.mark.parametrize(
    "script",
    [
        # @graph, with the article beside the page and the organisation
        json.dumps(
            {
                "@graph": [
                    {"@type": "Organization", "name": "X", "datePublished": "1999-01-01"},
                    {"@type": "WebPage", "dateModified": "2024-03-23T10:00:00Z"},
                    {
                        "@type": ["NewsArticle", "Article"],
                        "datePublished": "2024-03-22T00:00:00Z",
                        "correction": "Corrected the death toll.",
                    },
                ]
            }
        ),  # fmt: skip
        # a top-level list, and the article nested as the page's mainEntity
        json.dumps(
            [
                {"@type": "BreadcrumbList", "itemListElement": []},
                {
                    "@type": "WebPage",
                    "dateModified": "2024-03-23T10:00:00Z",
                    "mainEntity": {
                        "@type": "https://schema.org/ReportageNewsArticle",
                        "datePublished": "2024-03-22T00:00:00Z",
                        "correction": [
                            {"@type": "CorrectionComment", "text": "Corrected the death toll."}
                        ],
                    },
                },
            ]
        ),  # fmt: skip
        # a comment wrapper and a trailing comma, as some CMSs write it
        '<!-- {"@type": "schema:NewsArticle", "datePublished": "2024-03-22T00:00:00Z",'
        ' "dateModified": "2024-03-23T10:00:00Z", "correction": "Corrected the death toll.",} -->',
    ],
)
def test_structured_data_is_found_wherever_the_page_puts_it(script: str) -> None:
    assert _metadata_of(script) == (
        datetime(2024, 3, 22, tzinfo=UTC),
        datetime(2024, 3, 23, 10, tzinfo=UTC),
        None,
        (StructuredCorrection("Corrected the death toll."),),
    )


@pytest.mark.parametrize(
    "scripts",
    [
        ("{not json at all",),
        ('{"@type": "NewsArticle", "datePublished": 2024}',),
        ('"just a string"',),
        ("[" * 100_000 + "]" * 100_000,),
        (json.dumps({"@type": "NewsArticle", "correction": [None, 3, {"text": 5}, {}]}),),
        (json.dumps({"@type": "Person", "datePublished": "2024-03-22"}),),
        ('{"@type": "NewsArticle", "x": "' + "a" * MAX_JSON_LD_CHARS + '"}',),
    ],
)
def test_hostile_or_irrelevant_json_ld_states_nothing(scripts: tuple[str, ...]) -> None:
    assert _metadata_of(*scripts) == (None, None, None, ())


def test_corrections_are_capped_deduplicated_and_cut() -> None:
    many = [{"@type": "CorrectionComment", "text": f"Fix {n}."} for n in range(50)]
    script = json.dumps({"@type": "NewsArticle", "correction": [*many, many[0], "x" * 5000]})
    *_, corrections = _metadata_of(script)
    assert isinstance(corrections, tuple)
    assert len(corrections) == MAX_CORRECTIONS
    assert corrections[:2] == (StructuredCorrection("Fix 0."), StructuredCorrection("Fix 1."))


def test_deep_nesting_is_walked_only_so_far() -> None:
    node: dict[str, object] = {"@type": "NewsArticle", "datePublished": "2024-03-22"}
    for _ in range(40):
        node = {"@type": "Thing", "child": node}
    assert _metadata_of(json.dumps(node)) == (None, None, None, ())


@pytest.mark.parametrize(
    ("head", "script", "summary"),
    [
        ('<meta property="og:description" content="From og.">'
         '<meta name="description" content="From meta.">', '{"@type": "NewsArticle",'
         ' "description": "From JSON-LD."}', "From og."),
        ('<meta name="description" content="From meta.">',
         '{"@type": "NewsArticle", "description": "From JSON-LD."}', "From meta."),
        ("", '{"@type": "NewsArticle", "description": "From JSON-LD."}', "From JSON-LD."),
    ],
)  # fmt: skip
def test_the_summary_is_the_page_s_standfirst(head: str, script: str, summary: str) -> None:
    assert _extract(_page(head, (script,))).description == summary


def test_meta_tags_give_the_dates_when_json_ld_does_not() -> None:
    head = (
        '<meta property="article:published_time" content="2024-03-22T18:00:00+00:00">'
        '<meta property="article:modified_time" content="2024-03-23T09:00:00+00:00">'
    )
    article = _extract(_page(head))
    assert (article.published_at, article.modified_at) == (
        datetime(2024, 3, 22, 18, tzinfo=UTC),
        datetime(2024, 3, 23, 9, tzinfo=UTC),
    )


def test_an_extracted_page_hands_its_fields_to_a_capture() -> None:
    script = json.dumps({
        "@type": "NewsArticle", "datePublished": "2024-03-22T18:00:00Z",
        "correction": [{"text": "Fixed a name.", "datePublished": "2024-03-23T08:00:00Z"},
                       "Fixed a figure."],
    })  # fmt: skip
    head = '<meta property="og:description" content="Standfirst.">'
    fields = _extract(_page(head, (script,))).page_fields()
    assert fields == {
        "summary": "Standfirst.",
        "published_at": datetime(2024, 3, 22, 18, tzinfo=UTC),
        "modified_at": None,
        "page_corrections": ("Fixed a name.", "Fixed a figure."),
        "page_correction_dates": ("2024-03-23T08:00:00+00:00", ""),
    }
    capture = Capture("r", T0, "web", ("Text.",), **fields)
    [outcome] = decide_versions([capture], None, set())
    assert outcome.version is not None
    assert outcome.version.summary == "Standfirst."
    assert outcome.version.structured_corrections == (
        StructuredCorrection("Fixed a name.", datetime(2024, 3, 23, 8, tzinfo=UTC)),
        StructuredCorrection("Fixed a figure."),
    )


def _capture(**fields: object) -> Capture:
    paragraphs = ("First paragraph.", "Second.")
    return Capture("r", T0, "web", paragraphs, title="T", **fields)  # type: ignore[arg-type]


def test_without_a_summary_the_content_hash_is_what_it_always_was() -> None:
    assert identify(_capture())[1] == content_hash(("First paragraph.", "Second."), "T", None)
    assert identify(_capture(summary="  "))[1] == identify(_capture())[1]


@pytest.mark.parametrize(
    ("later", "outcome"),
    [
        ({"summary": "Standfirst."}, "unchanged"),
        ({"summary": " Standfirst.\n"}, "unchanged"),
        ({"summary": "Standfirst.", "modified_at": T0}, "unchanged"),
        ({"summary": "Standfirst.", "page_corrections": ("Fixed.",)}, "unchanged"),
        ({"summary": "A new standfirst."}, "new_version"),
        ({}, "new_version"),
    ],
)
def test_only_the_summary_of_the_page_s_own_statements_makes_a_new_version(
    later: dict[str, object], outcome: str
) -> None:
    first = _capture(summary="Standfirst.", published_at=T0)
    [stored] = decide_versions([first], None, set())
    assert stored.version is not None
    at = datetime(2024, 3, 24, tzinfo=UTC)
    second = Capture("r", at, "web", first.paragraphs, title="T", **later)  # type: ignore[arg-type]
    [result] = decide_versions([second], stored.version, set())
    assert result.outcome == outcome
