"""Feed bytes made safe and plain before feedparser reads them: UTF-16/32 transcoded to UTF-8,
DTD internal subsets removed unread, entity references every parser can read, and GUIDs that
are not web addresses marked as not links.

Why before parsing: feedparser's fallback parser expands the internal entities that expat
refused (one 20,000-character entity used 2,000 times is 40 million characters), an HTML
entity such as &nbsp; makes expat give up on an otherwise good feed, and a GUID like "abc-123"
is turned into a link relative to the feed (feedparser resolves it) that would be fetched.
"""

from __future__ import annotations

import codecs
import html.entities
import re
from dataclasses import dataclass

# (what the first bytes look like, codec): XML 1.0 appendix F, byte-order marks first.
_WIDE_STARTS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)
_XML_DECL_ENCODING = re.compile(rb"""^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""")
_CHARSET = re.compile(r"""(;\s*charset\s*=\s*)("?)[^";]*\2""", re.IGNORECASE)

_PROLOGUE_TOKEN = re.compile(rb"<\?|<!--|<!DOCTYPE|<", re.IGNORECASE)
_SUBSET_TOKEN = re.compile(rb"""<!--|<\?|["'\]]""")
_DOCTYPE_TOKEN = re.compile(rb"""["'\[>]""")
_DOCTYPE_CLOSE = re.compile(rb"\s*>")

# CDATA sections, comments and processing instructions: entity references inside are text.
_OPAQUE_START = re.compile(rb"<!\[CDATA\[|<!--|<\?")
_OPAQUE_END = {b"<![CDATA[": b"]]>", b"<!--": b"-->", b"<?": b"?>"}
_NAMED_REF = re.compile(rb"&([A-Za-z_][A-Za-z0-9._-]*);")
_XML_PREDEFINED = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
_HTML_ENTITIES = {
    name.encode("ascii"): codepoint for name, codepoint in html.entities.name2codepoint.items()
}
# Opening and closing guid tags; bounded, so a hostile body costs linear time.
_GUID_TAG = re.compile(rb"<guid(?:\s[^<>]{0,2000})?>|</guid\s*>", re.IGNORECASE)
_CDATA_VALUE = re.compile(rb"\s*<!\[CDATA\[(.*)\]\]>\s*", re.DOTALL)
_WEB_ADDRESS = re.compile(rb"\s*https?://[^\s/?#]", re.IGNORECASE)


class DtdRefused(ValueError):
    """A DTD whose internal subset could not be delimited, so it cannot be removed safely."""


@dataclass(frozen=True)
class PreparedFeed:
    body: bytes
    content_type: str | None
    # Bytes of DTD internal subsets removed, and the entity references left undefined by it
    # (kept as text): both say what the feed meant that was not read.
    removed_dtd_bytes: int = 0
    unread_entities: tuple[str, ...] = ()


def prepare_feed(body: bytes, content_type: str | None) -> PreparedFeed:
    """The body ready for feedparser; raises DtdRefused for a DTD that never ends."""
    body, content_type = _as_utf8(body, content_type)
    body, removed = strip_internal_subsets(body)
    body, unread = _readable_entities(body)
    body = _guids_marked(body)
    return PreparedFeed(body, content_type, removed, tuple(unread) if removed else ())


def _as_utf8(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """UTF-16 and UTF-32 bodies transcoded, so the byte-level steps below see ASCII markup."""
    codec = next((codec for start, codec in _WIDE_STARTS if body.startswith(start)), None)
    if codec is None:
        return body, content_type
    text = body.decode(codec, errors="replace").lstrip("\ufeff")
    utf8 = _XML_DECL_ENCODING.sub(rb'\1"utf-8"', text.encode("utf-8"), count=1)
    if content_type:
        content_type = _CHARSET.sub(r"\1utf-8", content_type)
    return utf8, content_type


def strip_internal_subsets(body: bytes) -> tuple[bytes, int]:
    """The body with the [...] part of every DOCTYPE before the root element cut out, and
    how many bytes went. `<!DOCTYPE rss [<!ENTITY a "...">]>` becomes `<!DOCTYPE rss >`, so
    the public identifier feedparser reads (Netscape RSS 0.91) stays."""
    cuts: list[tuple[int, int]] = []
    position = 0
    while (token := _PROLOGUE_TOKEN.search(body, position)) is not None:
        word = token.group().upper()
        if word == b"<?":
            position = _after(body, token.end(), b"?>", missing=len(body))
        elif word == b"<!--":
            position = _after(body, token.end(), b"-->", missing=len(body))
        elif word == b"<!DOCTYPE":
            subset, position = _doctype_subset(body, token.end())
            if subset is not None:
                cuts.append(subset)
        else:
            break  # the root element (or stray markup): the prologue is over
    if not cuts:
        return body, 0
    kept: list[bytes] = []
    last = 0
    for cut_start, cut_end in cuts:
        kept.append(body[last:cut_start])
        last = cut_end
    kept.append(body[last:])
    return b"".join(kept), sum(cut_end - cut_start for cut_start, cut_end in cuts)


def _doctype_subset(body: bytes, position: int) -> tuple[tuple[int, int] | None, int]:
    """((start, end) of the [...] internal subset or None, where the DOCTYPE ends)."""
    while True:
        token = _DOCTYPE_TOKEN.search(body, position)
        if token is None:
            raise DtdRefused("its DOCTYPE declaration never ends")
        char = token.group()
        if char == b">":
            return None, token.end()
        if char in (b'"', b"'"):
            position = _after(body, token.end(), char)
            continue
        subset_start = token.start()
        subset_end = _subset_end(body, token.end())
        close = _DOCTYPE_CLOSE.match(body, subset_end)
        if close is None:
            raise DtdRefused("its DOCTYPE declaration does not end after the internal subset")
        return (subset_start, subset_end), close.end()


def _subset_end(body: bytes, position: int) -> int:
    """Just past the `]` that closes an internal subset opened before `position`."""
    while True:
        token = _SUBSET_TOKEN.search(body, position)
        if token is None:
            raise DtdRefused("its DTD internal subset never ends")
        word = token.group()
        if word == b"]":
            return token.end()
        if word == b"<!--":
            position = _after(body, token.end(), b"-->")
        elif word == b"<?":
            position = _after(body, token.end(), b"?>")
        else:
            position = _after(body, token.end(), word)


def _after(body: bytes, position: int, marker: bytes, missing: int | None = None) -> int:
    """Just past the next `marker`; when there is none, `missing` or DtdRefused."""
    end = body.find(marker, position)
    if end >= 0:
        return end + len(marker)
    if missing is None:
        raise DtdRefused("its DTD internal subset never ends")
    return missing


def _readable_entities(body: bytes) -> tuple[bytes, list[str]]:
    """Named entity references only XML's five are defined once the DTD is gone: HTML's
    (&nbsp;, &eacute;) become numeric references, any other is kept as literal text."""
    unread: dict[str, None] = {}

    def replace(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        if name in _XML_PREDEFINED:
            return match.group()
        codepoint = _HTML_ENTITIES.get(name)
        if codepoint is not None:
            return b"&#%d;" % codepoint
        unread[name.decode("ascii")] = None
        return b"&amp;" + match.group()[1:]

    if b"&" not in body:
        return body, []
    parts: list[bytes] = []
    position = 0
    while (opaque := _OPAQUE_START.search(body, position)) is not None:
        parts.append(_NAMED_REF.sub(replace, body[position : opaque.start()]))
        close = _OPAQUE_END[opaque.group()]
        position = _after(body, opaque.end(), close, missing=len(body))
        parts.append(body[opaque.start() : position])
    parts.append(_NAMED_REF.sub(replace, body[position:]))
    return b"".join(parts), list(unread)


def _guids_marked(body: bytes) -> bytes:
    """Every <guid> that is not an absolute http(s) address marked isPermaLink="false", so
    it is never made a link (feedparser treats a guid as a permalink unless told not to)."""
    if b"guid" not in body.lower():
        return body
    parts: list[bytes] = []
    position = 0
    tags = list(_GUID_TAG.finditer(body))
    for opening, closing in zip(tags, tags[1:], strict=False):
        if opening.group().startswith(b"</") or not closing.group().startswith(b"</"):
            continue
        value = body[opening.end() : closing.start()]
        cdata = _CDATA_VALUE.fullmatch(value)
        if _WEB_ADDRESS.match(cdata.group(1) if cdata else value):
            continue
        parts.append(body[position : opening.start()])
        parts.append(b'<guid isPermaLink="false">')
        position = opening.end()
    parts.append(body[position:])
    return b"".join(parts)
