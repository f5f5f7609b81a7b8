"""Page text -> the lxml tree trafilatura reads: what would make the parser refuse the page,
or trafilatura drop or glue article text, is fixed here before extraction (pure, lxml only).
Also reads the page's own blocks (HTML and JSON-LD) before trafilatura prunes the tree.

Each fix is one function, called in order by parse_page; paragraphs.py owns what comes after.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator, Sequence

import lxml.html
from lxml import etree

# An XHTML page may start with one; lxml refuses a str that declares an encoding.
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
# Vertical tab (Word's manual line break) and form feed separate words: they become spaces.
_SPACE_LIKE = re.compile("[\x0b\x0c]")
# What an XML tree cannot hold (and trafilatura then drops the whole page for): other C0
# controls but tab, newline and CR, lone surrogates, and the Unicode non-characters.
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_INVALID = re.compile(f"[\x00-\x08\x0e-\x1f\ud800-\udfff{_NONCHARACTERS}]")
_CHAR_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")

# Tags that start a new block in a browser; everything else flows inline.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
# Containers whose loose text (not inside any child) a browser shows as its own block, and
# trafilatura drops or glues to its neighbours unless it is wrapped in a <p>.
_LOOSE_TEXT_CONTAINERS = frozenset({
    "article", "aside", "blockquote", "body", "center", "div", "footer", "header", "main",
    "section",
})  # fmt: skip
_NOT_TEXT = ("script", "style", "noscript", "template", "button", "select", "svg")
# Inline elements beside blocks hold a sentence of article text from this many characters;
# shorter ones are labels, dates and buttons ("Share", "Mute") that stay where they are.
_RUN_MIN_CHARS = 100
# A run-in label at the start of an emphasised run: "Correction:", "Editor's note:".
_RUN_IN_LABEL = re.compile(r"^\s*\w[\w’'., -]{0,30}:(?:\s|$)")
_SENTENCE_END = re.compile(r"[.!?»”\"’)]\s*$")
_EMPHASIS = ("strong", "b", "em", "i")
_SHOWN_TEXT = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template)]"
)
_MARKUP = re.compile(r"<(?:p|div|br|h[1-6]|li|blockquote)\b", re.I)
# JSON-LD is hostile input: a script past this size is skipped, not parsed (the largest of
# the 40 real pages' scripts is far below it; an articleBody of a long read is ~100 KB).
MAX_JSON_LD_CHARS = 2_000_000
_JSON_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def _without_reference(match: re.Match[str]) -> str:
    hex_digits, decimal = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(decimal)
    if code > 0x10FFFF or code == 0:
        return ""
    char = chr(code)
    if _SPACE_LIKE.match(char):
        return " "
    return "" if _INVALID.match(char) else match.group(0)


def clean_characters(text: str) -> str:
    """The page text without the characters an XML tree cannot hold, raw or as numeric
    references (`&#11;`): vertical tab and form feed become spaces, the rest go."""
    text = _CHAR_REFERENCE.sub(_without_reference, text)
    return _INVALID.sub("", _SPACE_LIKE.sub(" ", text))


def parse_page(text: str) -> lxml.html.HtmlElement:
    """The page's tree, ready for trafilatura: characters cleaned, an XML declaration
    dropped, comments and processing instructions gone, loose text wrapped in <p>s and a
    run-in label starting a new line. Raises etree.ParserError or ValueError when lxml
    cannot parse it."""
    text = _XML_DECLARATION.sub("", clean_characters(text), count=1)
    tree = lxml.html.document_fromstring(text)
    drop_comments(tree)
    wrap_loose_text(tree)
    break_before_run_in_labels(tree)
    return tree


def drop_comments(tree: etree._Element) -> None:
    """Remove comments, keeping the text around them joined: React writes `<!-- -->`
    between the parts of a sentence, and trafilatura cuts a paragraph at a comment."""
    etree.strip_tags(tree, etree.Comment, etree.ProcessingInstruction)


def _is_block(node: etree._Element) -> bool:
    return isinstance(node.tag, str) and node.tag in BLOCK_TAGS


def _run_text(text: str, inline: list[etree._Element]) -> str:
    """The text a browser would show for a run: loose text, plus the inline elements' text
    when it is as long as a sentence."""
    loose = text + "".join(el.tail or "" for el in inline)
    shown = "".join(el.text_content() for el in inline if el.tag not in _NOT_TEXT)
    return loose + shown if loose.strip() or len(shown.strip()) >= _RUN_MIN_CHARS else ""


def _has_loose_text(element: etree._Element) -> bool:
    if any((child.tail or "").strip() for child in element):
        return True
    inline = [child for child in element if not _is_block(child)]
    return bool(_run_text(element.text or "", inline).strip())


def wrap_loose_text(tree: etree._Element) -> None:
    """Wrap each run of text and inline elements that sits directly in a container beside
    block children (`<body>Text<p>..</p>More</body>`) in its own <p>, as a browser shows it
    in a block of its own. Runs with no text of their own (only a link, an image) stay."""
    for container in [
        element
        for element in tree.iter(*_LOOSE_TEXT_CONTAINERS)
        if any(map(_is_block, element)) and _has_loose_text(element)
    ]:
        children = list(container)
        for child in children:
            container.remove(child)  # its tail leaves with it
        text, inline = container.text or "", []
        container.text = None
        for child in [*children, None]:
            if child is not None and not _is_block(child):
                inline.append(child)
                continue
            if _run_text(text, inline).strip():
                paragraph = etree.SubElement(container, "p")
                paragraph.text = text
                paragraph.extend(inline)
            else:
                container.extend(inline)
            if child is not None:
                text, inline = child.tail or "", []
                child.tail = None
                container.append(child)


def break_before_run_in_labels(tree: etree._Element) -> None:
    """A bold or italic run starting with a label ("Correction:", "Editor's note:") after
    a finished sentence of the same block starts a new line, so a note glued to the end
    of a paragraph comes out as a paragraph of its own."""
    for element in list(tree.iter(*_EMPHASIS)):
        if not _RUN_IN_LABEL.match(element.text_content()):
            continue
        previous, parent = element.getprevious(), element.getparent()
        if previous is not None:
            before = previous.tail if (previous.tail or "").strip() else previous.text_content()
        else:
            before = parent.text if parent is not None else ""
        if _SENTENCE_END.search(before or ""):
            element.addprevious(element.makeelement("br", {}))


def leaf_block_texts(tree: etree._Element) -> list[str]:
    """The shown text of each block that holds no other block (a paragraph as the page's
    own markup draws it), whitespace collapsed, in reading order; "" inside a <nav>."""
    blocks = list(tree.iter(*BLOCK_TAGS))
    holders = set()
    for block in blocks:
        holder = next((a for a in block.iterancestors() if _is_block(a)), None)
        if holder is not None:
            holders.add(holder)
    return [
        "" if any(a.tag == "nav" for a in block.iterancestors()) else _shown_text(block)
        for block in blocks
        if block not in holders
    ]


def _shown_text(element: etree._Element) -> str:
    texts = _SHOWN_TEXT(element)
    return " ".join("".join(str(text) for text in texts).split())


def json_ld_documents(tree: etree._Element) -> list[object]:
    """The parsed value of each JSON-LD script in the page, read leniently (a comment or
    CDATA wrapper, trailing commas, several values in one script); a script longer than
    MAX_JSON_LD_CHARS or still unreadable is skipped: JSON-LD is whatever the page says."""
    documents: list[object] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) <= MAX_JSON_LD_CHARS:
            documents += _json_values(text)
    return documents


def _json_values(text: str) -> list[object]:
    text = _JSON_WRAPPER.sub("", text).strip()
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        values: list[object] = []
        decoder = json.JSONDecoder(strict=False)
        position = 0
        try:
            while position < len(candidate):
                value, position = decoder.raw_decode(candidate, position)
                values.append(value)
                while position < len(candidate) and candidate[position] in " \t\r\n;,":
                    position += 1
        except (ValueError, RecursionError):
            if values:
                return values
            continue
        return values
    return []


def json_ld_texts(documents: Sequence[object]) -> list[str]:
    """Each paragraph of the text values in the page's JSON-LD (json_ld_documents): an
    articleBody keeps its paragraphs apart with line breaks or HTML blocks, which
    trafilatura's JSON fallback glues into one."""
    texts: list[str] = []
    for data in documents:
        for value in _json_strings(data):
            if _MARKUP.search(value):
                with contextlib.suppress(etree.ParserError, ValueError):
                    fragment = lxml.html.fragment_fromstring(value, create_parent="div")
                    value = "\n".join(leaf_block_texts(fragment))
            texts += [" ".join(line.split()) for line in value.splitlines() if line.strip()]
    return texts


def _json_strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _json_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _json_strings(value)
