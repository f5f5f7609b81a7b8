"""Extraction keeps what a paragraph diff and a correction note need: a page is parsed whatever
its declaration or stray characters, the paragraphs follow the page's own blocks, and a
correction note comes out as a paragraph of its own, label included.

Small pages of our own making, one per failure class found on real pages; then the 40 real
pages, read in place.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from newsledger.text.extract import ExtractedArticle, NoArticle, decode_html, extract_article
from newsledger.text.paragraphs import MAX_PARAGRAPH_CHARS
from support.public_corpus import realdata_names

URL = "https://news.example.com/library"
TEXTS = [
    "The town library will reopen its reading room on Monday after a winter of repairs to "
    "the roof, the heating and the old oak shelves that line the north wall.",
    "Volunteers spent three weekends moving some twelve thousand books into crates, and the "
    "head librarian thanked them at a small gathering on Saturday afternoon.",
    "Opening hours will be longer than before the repairs, with the room open until nine in "
    "the evening on weekdays and until five on Saturdays and Sundays.",
]
NOTE = (
    "Correction: An earlier version of this story gave the wrong day for the reopening of "
    "the reading room."
)
NOTE_BODY = NOTE.removeprefix("Correction: ")
# Sixty short paragraphs, 8,000 characters together: a page that glued them would show it.
MANY = [
    f"Shelf {i}: the volunteers sorted the crate of local history books, mended {i} torn "
    f"covers and wrote new labels before lunch."
    for i in range(60)
]
PS = "".join(f"<p>{text}</p>" for text in TEXTS)
CHROME = "<nav><a href='/'>Home</a> <a href='/town'>Town</a></nav>"
FOOTER = "<footer>Copyright 2024 Example Town News</footer>"


def page(
    body: str, before: str = "<!doctype html>", html_attrs: str = "lang='en'", head: str = ""
) -> str:
    return (
        f"{before}<html {html_attrs}><head><title>Library reopens</title>{head}</head>"
        f"<body>{CHROME}{body}{FOOTER}</body></html>"
    )


def extracted(html: str | bytes) -> ExtractedArticle:
    result = extract_article(html, URL)
    assert isinstance(result, ExtractedArticle), result
    return result


XHTML_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
)
XHTML_ATTRS = 'xmlns="http://www.w3.org/1999/xhtml" xml:lang="en-GB"'


@pytest.mark.parametrize(
    "declaration",
    [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>",
        '\n  <?xml version="1.0"?>\n',
    ],
)
@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "bytes"])
def test_xhtml_with_an_xml_declaration_is_parsed(declaration: str, as_bytes: bool) -> None:
    html = page(f"<article>{PS}</article>", declaration + XHTML_DOCTYPE, XHTML_ATTRS)
    result = extracted(html.encode() if as_bytes else html)
    assert (list(result.paragraphs), result.language) == (TEXTS, "en-GB")


CONTROL_CHARACTERS = {
    "U+0001": "\x01",
    "U+0008 backspace": "\x08",
    "U+000B vertical tab": "\x0b",
    "U+000C form feed": "\x0c",
    "U+000E": "\x0e",
    "U+001B escape": "\x1b",
    "U+001F": "\x1f",
    "U+FDD0": "\ufdd0",
    "U+FFFE": "\ufffe",
    "U+FFFF": "\uffff",
    "U+10FFFF": "\U0010ffff",
    "U+D800 lone surrogate": "\ud800",
}


def _written(char: str, form: str) -> str:
    return {"raw": char, "decimal": f"&#{ord(char)};", "hex": f"&#x{ord(char):X};"}[form]


@pytest.mark.parametrize("form", ["raw", "decimal", "hex"])
@pytest.mark.parametrize("char", CONTROL_CHARACTERS.values(), ids=CONTROL_CHARACTERS.keys())
def test_a_control_character_never_costs_the_article(char: str, form: str) -> None:
    # Before a space, so the paragraph reads the same whether the character goes or
    # becomes a space.
    stray = TEXTS[0].replace("on Monday after", f"on Monday{_written(char, form)} after")
    html = page(f"<article><p>{stray}</p>{PS[PS.index('</p>') + 4 :]}</article>")
    assert list(extracted(html).paragraphs) == TEXTS


@pytest.mark.parametrize("form", ["raw", "decimal", "hex"])
@pytest.mark.parametrize(
    ("char", "word"),
    [("\x0b", "Mon day"), ("\x0c", "Mon day"), ("\x1b", "Monday"), ("\ufffe", "Monday")],
    ids=["vertical tab", "form feed", "escape", "U+FFFE"],
)
def test_inside_a_word_vertical_tab_and_form_feed_part_it_other_controls_vanish(
    char: str, word: str, form: str
) -> None:
    stray = TEXTS[0].replace("Monday", f"Mon{_written(char, form)}day")
    html = page(f"<article><p>{stray}</p><p>{TEXTS[1]}</p></article>").encode()
    assert extracted(html).paragraphs[0] == TEXTS[0].replace("Monday", word)


def test_a_page_of_only_control_characters_and_markup_is_no_article_not_a_crash() -> None:
    result = extract_article("<html><body>\x0b\x1b&#11;\ufffe</body></html>", URL)
    assert isinstance(result, NoArticle)


@pytest.mark.parametrize(
    "body",
    [
        # React writes an empty comment between the parts of a sentence.
        "".join(f"<p>{t[:40]}<!-- -->{t[40:]}</p>" for t in TEXTS),
        "".join(f"<p><!-- -->{t}</p>" for t in TEXTS),
        "".join(f"<p>{t[:40]}<!-- -->{t[40:70]}<!-- a longer note -->{t[70:]}</p>" for t in TEXTS),
        "".join(f"<p><span>{t[:40]}</span><!-- --><span>{t[40:]}</span></p>" for t in TEXTS),
        f"<!--[if lt IE 9]><p>Your browser is out of date.</p><![endif]-->{PS}",
        f"<p>{TEXTS[0]}</p><?php echo 'x'; ?><p>{TEXTS[1]}</p><!-- ad --><p>{TEXTS[2]}</p>",
    ],
    ids=["mid-sentence", "paragraph start", "two in a sentence", "between spans", "if IE", "pi"],
)
def test_comments_leave_paragraphs_whole(body: str) -> None:
    assert list(extracted(page(f"<article>{body}</article>")).paragraphs) == TEXTS


@pytest.mark.parametrize(
    "body",
    [
        f"{TEXTS[0]}<p>{TEXTS[1]}</p>{TEXTS[2]}",
        f"<article>{TEXTS[0]}<p>{TEXTS[1]}</p>{TEXTS[2]}</article>",
        f"<main><div class='story'>{TEXTS[0]}<p>{TEXTS[1]}</p>{TEXTS[2]}</div></main>",
        f"<section>{TEXTS[0]}<p>{TEXTS[1]}</p>{TEXTS[2]}</section>",
        f"<article>{TEXTS[0]}<h2>Longer hours</h2>{TEXTS[1]}<br><br>{TEXTS[2]}</article>",
    ],
    ids=["body", "article", "div", "section", "around a heading"],
)
def test_text_directly_in_a_container_is_kept_as_its_own_paragraphs(body: str) -> None:
    paragraphs = [p for p in extracted(page(body)).paragraphs if p != "Longer hours"]
    assert paragraphs == TEXTS


def _many(template: str) -> str:
    return "".join(template.format(text) for text in MANY)


PAGE_SHAPES = {
    "div of p": f"<div class='story'>{_many('<p>{}</p>')}</div>",
    "div of div of p": f"<div><div class='content'>{_many('<p>{}</p>')}</div></div>",
    "div of divs": f"<div>{_many('<div>{}</div>')}</div>",
    "blockquote of p": f"<article><blockquote>{_many('<p>{}</p>')}</blockquote></article>",
    "list item of p": f"<article><ul><li>{_many('<p>{}</p>')}</li></ul></article>",
    "layout table": f"<table><tr><td>{_many('<p>{}</p>')}</td></tr></table>",
    "p of links": f"<div>{_many('<p><a href=/more>{}</a></p>')}</div>",
    "inline runs between empty p": f"<div>{_many('<font>{}</font><p></p>')}</div>",
}


@pytest.mark.parametrize("body", PAGE_SHAPES.values(), ids=PAGE_SHAPES.keys())
def test_paragraphs_follow_the_page_blocks(body: str) -> None:
    assert list(extracted(page(body)).paragraphs) == MANY


def _json_ld_page(article_body: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": article_body}
    return page(
        "<div id='app'></div>",
        head=f"<script type='application/ld+json'>{json.dumps(data)}</script>",
    )


GLUED_BY_FALLBACKS = {
    **{name: page(body) for name, body in PAGE_SHAPES.items()},
    "JSON-LD lines": _json_ld_page("\n\n".join(MANY)),
    "JSON-LD HTML": _json_ld_page(_many("<p>{}</p>")),
}


@pytest.mark.parametrize("html", GLUED_BY_FALLBACKS.values(), ids=GLUED_BY_FALLBACKS.keys())
def test_no_paragraph_over_3000_characters_when_the_page_has_blocks(html: str) -> None:
    paragraphs = extracted(html).paragraphs
    assert max(map(len, paragraphs)) <= MAX_PARAGRAPH_CHARS
    assert list(paragraphs) == MANY


def test_a_block_that_long_in_the_page_itself_stays_whole() -> None:
    # One <div> of inline runs: the page's own markup has one 8,000-character paragraph.
    result = extracted(page(f"<div>{_many('<span>{} </span>')}</div>"))
    assert result.paragraphs == (" ".join(MANY),)


@pytest.mark.parametrize(
    ("body", "position"),
    [
        (f"<article>{PS}<p><strong>Correction:</strong> {NOTE_BODY}</p></article>", -1),
        (f"<article>{PS}<p><b>Correction:</b> {NOTE_BODY}</p></article>", -1),
        (f"<article>{PS}<p><em><b>Correction:</b> {NOTE_BODY}</em></p></article>", -1),
        (f"<article>{PS}<p><b>Correction:<!-- --></b><!-- --> {NOTE_BODY}</p></article>", -1),
        (f"<article><p><strong>Correction:</strong> {NOTE_BODY}</p>{PS}</article>", 0),
        (f"<article>{PS}<strong>Correction:</strong> {NOTE_BODY}</article>", -1),
    ],
    ids=["strong", "b", "b in em", "react comments", "at the top", "loose after the text"],
)
def test_a_correction_label_in_bold_is_kept_with_its_note(body: str, position: int) -> None:
    paragraphs = list(extracted(page(body)).paragraphs)
    assert paragraphs.pop(position) == NOTE
    assert paragraphs == TEXTS


BOX = (
    "<aside class='related'><h3>More from the town</h3><ul><li><a href='/a'>Bus times</a>"
    "</li><li><a href='/b'>Market days</a></li></ul></aside>"
)
NOTE_P = f"<p><strong>Correction:</strong> {NOTE_BODY}</p>"


@pytest.mark.parametrize(
    "body",
    [
        f"<article><div class='article-body'>{PS}</div>{BOX}{NOTE_P}</article>",
        f"<article><div class='article-body'>{PS}</div>{NOTE_P}</article>",
        f"<article><div itemprop='articleBody'>{PS}</div><div class='box'><p>Sign up</p></div>"
        f"{NOTE_P}</article>",
        f"<main><article>{PS}</article>{BOX}{NOTE_P}</main>",
        f"<article>{PS}<aside class='correction'>{NOTE_P}</aside></article>",
        f"<article>{PS}<footer>{NOTE_P}</footer></article>",
        f"<div class='entry-content'>{PS}</div>{BOX}<div class='note'>{NOTE_P}</div>",
    ],
    ids=[
        "after an aside",
        "after the body container",
        "after a box",
        "after the article",
        "in an aside",
        "in the article footer",
        "after a post",
    ],
)
def test_a_note_after_a_box_or_aside_is_kept(body: str) -> None:
    assert list(extracted(page(body)).paragraphs) == [*TEXTS, NOTE]


@pytest.mark.parametrize(
    "last",
    [
        f"<p>{TEXTS[2]} <strong>Correction:</strong> {NOTE_BODY}</p>",
        f"<div>{TEXTS[2]} <em>Correction: {NOTE_BODY}</em></div>",
        f"<p>{TEXTS[2]}<br><b>Correction:</b> {NOTE_BODY}</p>",
        f"<p>{TEXTS[2]}</p><span><b>Correction:</b> {NOTE_BODY}</span>",
    ],
    ids=["strong in the paragraph", "em in a div", "after a line break", "span after it"],
)
def test_a_note_glued_to_a_paragraph_comes_apart(last: str) -> None:
    body = f"<article><p>{TEXTS[0]}</p><p>{TEXTS[1]}</p>{last}</article>"
    assert list(extracted(page(body)).paragraphs) == [*TEXTS, NOTE]


def test_a_bold_label_inside_a_sentence_stays_in_it() -> None:
    sentence = "The sign on the door reads <b>Notice:</b> quiet please, readers at work today."
    body = f"<article>{PS}<p>{sentence}</p></article>"
    assert extracted(page(body)).paragraphs[-1] == lxml.html.fromstring(sentence).text_content()


def test_a_corrections_policy_in_the_site_footer_is_not_a_note() -> None:
    policy = "<div class='site'><p>Corrections policy: write to the desk, we fix errors.</p></div>"
    assert list(extracted(page(f"<article>{PS}</article>{policy}")).paragraphs) == TEXTS


# ---- the real pages ----------------------------------------------------------------------

PAGE_FILES = realdata_names("pages", (".html",))
_BLOCKS = {"p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
_BLOCKS |= {"article", "section", "ul", "ol", "table", "tr", "pre", "header", "footer", "aside"}


@cache
def longest_markup_block(path: Path) -> int:
    """Characters in the longest text of one element of the page holding no block element
    (scripts and styles left out): the longest paragraph the page's own markup has."""
    tree = lxml.html.document_fromstring(decode_html(path.read_bytes()).encode())
    etree.strip_elements(tree, "script", "style", "noscript", "template", with_tail=False)
    return max(
        len(" ".join(element.text_content().split()))
        for element in tree.iter()
        if isinstance(element.tag, str)
        and not any(d.tag in _BLOCKS for d in element.iterdescendants())
    )


@pytest.mark.parametrize("name", PAGE_FILES)
def test_every_real_page_gives_an_article_without_a_glued_paragraph(
    realdata: Path, name: str
) -> None:
    path = realdata / "pages" / name
    result = extract_article(path.read_bytes(), f"https://example.org/{path.stem}")
    assert isinstance(result, ExtractedArticle)
    longest = max(map(len, result.paragraphs))
    assert longest <= MAX_PARAGRAPH_CHARS or longest <= longest_markup_block(path)
