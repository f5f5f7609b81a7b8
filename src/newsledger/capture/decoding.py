"""Response bodies: read under the size cap and the deadline with Content-Encoding undone as
they arrive, then the text encoding of what arrived detected.
"""

from __future__ import annotations

import codecs
import re
import time
import zlib

import charset_normalizer
import httpx

from newsledger.capture.fetch_errors import FetchError

# --- encodings -------------------------------------------------------------------------------

# Labels browsers read differently from Python's codec of the same name (WHATWG Encoding).
_WHATWG_LABELS = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "tis-620": "cp874",
}
_CHARSET_PARAM = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _codec_name(label: str | bytes | None) -> str | None:
    if not label:
        return None
    text = label.decode("ascii", "ignore") if isinstance(label, bytes) else label
    text = _WHATWG_LABELS.get(text.strip().lower(), text.strip())
    try:
        return codecs.lookup(text).name
    except LookupError:
        return None


def _declared_in_document(body: bytes) -> str | None:
    head = body[:4096]
    found = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return _codec_name(found.group(1)) if found else None


def _decodes_cleanly(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _is_textual(content_type: str | None) -> bool:
    if content_type is None:
        return True
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind.startswith("text/") or any(w in kind for w in ("xml", "json", "html", "script"))


def _mostly_utf8(body: bytes) -> bool:
    lenient = body.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    return bad * 50 <= len(lenient)


def detect_encoding(body: bytes, content_type: str | None) -> str | None:
    """The body's text encoding as a Python codec name, None for non-text bodies.

    A byte-order mark wins; then the header's charset, then <meta charset> or the XML
    declaration, each only if the body really decodes with it (pages often declare one
    encoding and are served in another); then charset detection."""
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            return bom_codec
    header_match = _CHARSET_PARAM.search((content_type or "").encode("latin-1", "ignore"))
    header_codec = _codec_name(header_match.group(1)) if header_match else None
    document_codec = _declared_in_document(body) if body else None
    for codec in (header_codec, document_codec):
        if codec is not None and (not body or _decodes_cleanly(body, codec)):
            return codec
    if not body or not _is_textual(content_type):
        return None
    # Declared UTF-8 that is almost all valid UTF-8 is UTF-8 with a few bad bytes, not
    # another encoding: a guess would turn every accented letter into mojibake.
    if "utf-8" in (header_codec, document_codec) and _mostly_utf8(body):
        return "utf-8"
    best = charset_normalizer.from_bytes(body).best()
    return _codec_name(best.encoding) if best is not None else None


# --- content decoding with a cap -------------------------------------------------------------


class _CappedDecoder:
    """Undoes Content-Encoding a chunk at a time, never producing more than it is allowed,
    so a gzip bomb stops at the cap instead of filling memory (httpx's decoders are unbounded).
    """

    def __init__(self, url: str, content_encoding: str) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if codings not in ([], ["gzip"], ["x-gzip"], ["deflate"]):
            raise FetchError(
                "protocol_error", f"{url}: unsupported Content-Encoding {content_encoding!r}"
            )
        self._url = url
        self._coding = codings[0] if codings else None
        # gzip: wbits 16+; deflate should be zlib-wrapped but is often raw, tried on failure.
        wbits = 16 + zlib.MAX_WBITS if self._coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._inflater = zlib.decompressobj(wbits) if self._coding else None
        self._started = False

    def decode(self, data: bytes, room: int) -> bytes:
        """At most `room` decoded bytes from this chunk (room reached means over the cap)."""
        if self._inflater is None:
            return data
        try:
            out = self._inflate(data, room)
        except zlib.error as exc:
            raise FetchError(
                "protocol_error", f"{self._url}: bad {self._coding} body ({exc})"
            ) from exc
        self._started = self._started or bool(data)
        return out

    def _inflate(self, data: bytes, room: int) -> bytes:
        assert self._inflater is not None
        try:
            return self._inflater.decompress(data, room)
        except zlib.error:
            if self._coding != "deflate" or self._started:
                raise
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._inflater.decompress(data, room)

    def finish(self) -> None:
        if self._inflater is not None and self._started and not self._inflater.eof:
            raise FetchError("protocol_error", f"{self._url}: {self._coding} body is truncated")


def read_body(
    url: str, response: httpx.Response, deadline: float, max_body_bytes: int, total_timeout_s: float
) -> bytes:
    """The decoded body, stopping as soon as it passes max_body_bytes or the deadline."""
    limit = max_body_bytes
    announced = response.headers.get("content-length", "")
    if announced.isdigit() and int(announced) > limit:
        raise FetchError(
            "body_too_large", f"{url}: Content-Length {announced} exceeds {limit} bytes"
        )
    decoder = _CappedDecoder(url, response.headers.get("content-encoding", ""))
    parts: list[bytes] = []
    size = 0
    for raw in response.iter_raw():
        chunk = decoder.decode(raw, limit - size + 1)
        size += len(chunk)
        if size > limit:
            raise FetchError("body_too_large", f"{url}: body exceeds {limit} bytes decoded")
        parts.append(chunk)
        if time.perf_counter() > deadline:
            raise FetchError("timeout", f"{url}: body not complete in {total_timeout_s}s")
    decoder.finish()
    return b"".join(parts)
