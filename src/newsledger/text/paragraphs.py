"""trafilatura's output tree -> the article's paragraphs, following the page's own blocks:
a block of its output is a paragraph, a paragraph its fallbacks glued is cut back at the
page's blocks, and a correction note it left out is put back (pure, no I/O).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lxml import etree

# Longer paragraphs are re-cut at the page's own blocks unless the page has one that long.
MAX_PARAGRAPH_CHARS = 3_000
_MIN_CUT_BLOCK_CHARS = 40
_CUT_WINDOW_CHARS = 2_000
_WHITESPACE = re.compile(r"\s+")
_BREAK = "\x00"  # marks a block edge or a <br>; null bytes are stripped from input first

# How a correction note starts: a label (maybe dated: "Correction, May 5:"), or the
# wording of a label-less one. Only which blocks to keep is decided here; what a note
# says is changes/notes.py's to decide.
_NOTE_START = re.compile(
    r"^[\s•*·_\[(]*(?:"
    r"(?:corrections?(?:\s*(?:&|and)\s*clarifications?)?|clarifications?"
    r"|editor[’']?s[’']?\s+note)\b(?:[^:]{0,40}?\d[^:]{0,12}?)?\s*(?::|[—–-]\s)"
    r"|(?:an?\s+)?(?:earlier|previous|prior)\s+version\s+of\s+this\b"
    r"|this\s+(?:article|story|report|piece|post)\s+(?:was|has\s+been|had\s+been)\s+"
    r"(?:updated|corrected|amended|changed|edited|revised|clarified)\b)",
    re.I,
)
_NOTE_MIN_WORDS = 5
_NOTE_MAX_CHARS = 2_000


def article_paragraphs(
    body: etree._Element, block_texts: Sequence[str], json_texts: Sequence[str]
) -> tuple[str, ...]:
    """The paragraphs of trafilatura's output `body`, given the page's own blocks read
    before extraction: its HTML blocks (html_clean.leaf_block_texts) and its JSON-LD
    paragraphs (html_clean.json_ld_texts)."""
    pages_blocks = (block_texts, json_texts)
    paragraphs = [p for glued in _paragraphs(body) for p in _split_glued(glued, pages_blocks)]
    return _with_notes(paragraphs, block_texts)


def _clean(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


# Blocks of trafilatura's output tree; each starts a paragraph of its own, so a <div> or
# <quote> of <p>s (readability's output, a multi-paragraph quote) stays apart.
_OUTPUT_BLOCKS = frozenset({"ab", "body", "div", "head", "item", "list", "p", "quote", "row"})
_FURNITURE = frozenset({"aside", "footer", "header", "nav"})
# Where a <code> is a block (a <pre>) rather than inline code inside a sentence.
_CODE_BLOCK_PARENTS = _OUTPUT_BLOCKS - {"head", "p"}


def _is_output_block(element: etree._Element) -> bool:
    if element.tag == "code":
        parent = element.getparent()
        return parent is None or parent.tag in _CODE_BLOCK_PARENTS
    return element.tag in _OUTPUT_BLOCKS


def _pieces(element: etree._Element) -> Iterable[str]:
    """The element's text in document order, with _BREAK wherever a block starts or ends
    and where a <br> stood (sites that use <br><br> for layout)."""
    if element.tag == "table":
        yield from _table_pieces(element)
        return
    block = _is_output_block(element)
    if block:
        yield _BREAK
    yield element.text or ""
    for child in element:
        yield _BREAK if child.tag == "lb" else "".join(_pieces(child))
        yield child.tail or ""
    if block:
        yield _BREAK


def _table_pieces(table: etree._Element) -> Iterable[str]:
    """A data table gives a paragraph a row, its cells joined by " | "; a layout table (a
    cell holding blocks of its own) gives its cells' blocks."""
    yield _BREAK
    for row in table.iter("row"):
        if next(row.iterancestors("table"), None) is not table:
            continue  # a nested table's row: its cell's pieces hold it
        cells = [cell for cell in row if cell.tag == "cell"]
        if any(_is_output_block(el) or el.tag == "table" for c in cells for el in c.iter()):
            yield from (piece for cell in cells for piece in (_BREAK, *_pieces(cell), _BREAK))
        else:
            joined = " | ".join(_clean("".join(cell.itertext())) for cell in cells)
            yield joined if joined.strip(" |") else ""
        yield _BREAK


def _paragraphs(body: etree._Element) -> tuple[str, ...]:
    """trafilatura's output tree -> paragraphs that follow its blocks, in reading order.
    Its fallbacks may return the one element they picked instead of a <body>: a <div> of
    text is an article, a <nav> or a <footer> is the page's furniture."""
    if body.tag in _FURNITURE:
        return ()
    texts = (_clean(part) for part in "".join(_pieces(body)).split(_BREAK))
    return tuple(text for text in texts if text)


def _split_glued(paragraph: str, pages_blocks: Sequence[Sequence[str]]) -> list[str]:
    """A paragraph over MAX_PARAGRAPH_CHARS that trafilatura's fallbacks glued from several
    of the page's blocks (a whole <article>, a JSON-LD articleBody, the whole page), cut at
    the edges of those blocks. A paragraph that is one block of the page stays whole.

    pages_blocks: the page's blocks in reading order, one sequence per source (HTML, JSON-LD).
    """
    if len(paragraph) <= MAX_PARAGRAPH_CHARS or any(
        paragraph in block for blocks in pages_blocks for block in blocks
    ):
        return [paragraph]
    edges = {0, len(paragraph)}
    for blocks in pages_blocks:
        edges |= _block_edges(paragraph, blocks)
    cuts = sorted(edges)
    pieces = (paragraph[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False))
    return [piece for piece in pieces if piece]


def _block_edges(paragraph: str, blocks: Sequence[str]) -> set[int]:
    """Where each block starts and ends in the glued paragraph, found in reading order a
    little after the previous one (glued text is the blocks in order, minus boilerplate),
    on word boundaries."""
    edges: set[int] = set()
    cursor = 0
    for block in blocks:
        if len(block) < _MIN_CUT_BLOCK_CHARS:
            continue
        start = paragraph.find(block, cursor, cursor + len(block) + _CUT_WINDOW_CHARS)
        end = start + len(block)
        if start < 0 or paragraph[start - 1 : start].strip() or paragraph[end : end + 1].strip():
            continue
        edges |= {start, end}
        cursor = end
    return edges


def _with_notes(paragraphs: list[str], block_texts: Sequence[str]) -> tuple[str, ...]:
    """The paragraphs with each correction note of the page that trafilatura left out put
    back: before the article text when the page has it there, else after it. A note whose
    text trafilatura kept without its label ("Correction:") gets its label back."""
    result = list(paragraphs)
    head = result[0][:80] if result else None
    start = next((i for i, text in enumerate(block_texts) if head and head in text), None)
    in_front = 0
    for position, note in correction_notes(block_texts):
        if any(note in paragraph for paragraph in result):
            continue
        kept = next((i for i, p in enumerate(result) if len(p) >= 20 and p in note), None)
        if kept is not None:
            result[kept] = note
        elif start is not None and position < start:
            result.insert(in_front, note)
            in_front += 1
        else:
            result.append(note)
    return tuple(result)


def correction_notes(block_texts: Sequence[str]) -> list[tuple[int, str]]:
    """(position, text) of each of leaf_block_texts that starts like a correction note, so
    one trafilatura leaves out (after the article's body container, in an <aside> or the
    article's <footer>) can be put back."""
    return [
        (position, text)
        for position, text in enumerate(block_texts)
        if _NOTE_START.match(text)
        and len(text.split()) >= _NOTE_MIN_WORDS
        and len(text) <= _NOTE_MAX_CHARS
    ]
