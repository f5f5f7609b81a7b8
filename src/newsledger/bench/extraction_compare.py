"""newsledger's extraction beside bare trafilatura, page by page, over a folder of real pages
(`<name>.html` with `<name>.meta.json` beside it); read in place, nothing written.

There is no gold text, so no F1 is computed: scoring both against trafilatura's own output
(or against what favor_recall=True finds) would score trafilatura against itself. Instead,
for each page, it reports what each extractor kept and where they differ, so every place
where ours keeps less is visible and can be given a reason:

- words kept by each: the words of all its paragraphs (a word is a run of letters and
  digits; each Chinese or Japanese character counts as one word, those scripts having no
  spaces);
- words only one of them kept: the difference of the two bags of words, each way, with the
  first paragraph holding such a word (trafilatura's for "only bare", ours for "only ours");
- the longest paragraph of each, in characters;
- where bare trafilatura kept words ours did not, the reason when it is a known one: ours
  found no article (and why), or a word holds an invisible format character (a soft hyphen,
  U+00AD) that ours keeps and trafilatura's text output drops, so it counts as two words.

Both read the same text (newsledger's decode_html of the bytes), so only extraction differs.
Bare trafilatura is `trafilatura.extract` with the options extract_article passes it
(TRAFILATURA_OPTIONS), its text output split into paragraphs at line breaks.

    python -m newsledger.bench.extraction_compare "$NEWSLEDGER_REALDATA/pages"
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newsledger.text.extract import (
    DEFAULT_FAST_ABOVE_CHARS,
    TRAFILATURA_OPTIONS,
    ExtractedArticle,
    NoArticle,
    decode_html,
    extract_article,
)

_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|[^\W_]+")
_SAMPLE_CHARS = 70


@dataclass(frozen=True)
class PageComparison:
    name: str
    ours_words: int
    bare_words: int
    only_ours: int  # words ours kept that bare trafilatura did not (counted with repeats)
    only_bare: int
    first_only_ours: str  # the first of our paragraphs holding such a word, or ""
    first_only_bare: str
    ours_longest: int  # characters in the longest paragraph
    bare_longest: int
    ours_paragraphs: int
    bare_paragraphs: int
    reason: str  # why bare kept words ours did not, when known; "" when it did not


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _first_with_extra(paragraphs: Sequence[str], other: Counter[str]) -> str:
    """The first paragraph holding a word the other side's bag has run out of."""
    remaining = Counter(other)
    for paragraph in paragraphs:
        bag = Counter(words(paragraph))
        if bag - remaining:
            return paragraph
        remaining -= bag
    return ""


def bare_paragraphs(text: str, url: str) -> list[str]:
    """Bare trafilatura's paragraphs for a page's text, with extract_article's options."""
    extracted = trafilatura.extract(
        text, url=url, fast=len(text) > DEFAULT_FAST_ABOVE_CHARS, **TRAFILATURA_OPTIONS
    )
    return [" ".join(line.split()) for line in (extracted or "").splitlines() if line.strip()]


def _bag(paragraphs: Sequence[str], drop_format: bool = False) -> Counter[str]:
    text = "\n".join(paragraphs)
    if drop_format:
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return Counter(words(text))


def _reason(result: ExtractedArticle | NoArticle, ours: list[str], bare: list[str]) -> str:
    if isinstance(result, NoArticle):
        return f"ours found no article: {result.reason}"
    if not _bag(bare, drop_format=True) - _bag(ours, drop_format=True):
        return "soft hyphen (or another invisible format character) inside a word: ours keeps it"
    return "not a known reason: read the first paragraph"


def compare_page(html: bytes, name: str) -> PageComparison:
    url = f"https://example.org/{name}"
    result = extract_article(html, url)
    ours = list(result.paragraphs) if isinstance(result, ExtractedArticle) else []
    bare = bare_paragraphs(decode_html(html), url)
    ours_bag, bare_bag = _bag(ours), _bag(bare)
    return PageComparison(
        name=name,
        ours_words=sum(ours_bag.values()),
        bare_words=sum(bare_bag.values()),
        only_ours=sum((ours_bag - bare_bag).values()),
        only_bare=sum((bare_bag - ours_bag).values()),
        first_only_ours=_first_with_extra(ours, bare_bag),
        first_only_bare=_first_with_extra(bare, ours_bag),
        ours_longest=max(map(len, ours), default=0),
        bare_longest=max(map(len, bare), default=0),
        ours_paragraphs=len(ours),
        bare_paragraphs=len(bare),
        reason=_reason(result, ours, bare) if bare_bag - ours_bag else "",
    )


def compare_folder(folder: Path) -> list[PageComparison]:
    """One comparison a page that has its .meta.json beside it, by name."""
    pages = sorted(p for p in folder.glob("*.html") if p.with_suffix(".meta.json").is_file())
    return [compare_page(page.read_bytes(), page.stem) for page in pages]


def _sample(paragraph: str) -> str:
    text = paragraph if len(paragraph) <= _SAMPLE_CHARS else paragraph[: _SAMPLE_CHARS - 1] + "…"
    return f'"{text}"' if text else ""


def format_table(rows: Sequence[PageComparison]) -> str:
    header = (
        f"{'page':<26} {'ours':>6} {'bare':>6} {'+ours':>6} {'+bare':>6} "
        f"{'paras':>9} {'longest':>11}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        paras = f"{row.ours_paragraphs}/{row.bare_paragraphs}"
        longest = f"{row.ours_longest}/{row.bare_longest}"
        lines.append(
            f"{row.name:<26} {row.ours_words:>6} {row.bare_words:>6} {row.only_ours:>6} "
            f"{row.only_bare:>6} {paras:>9} {longest:>11}"
        )
    total = (
        f"{'total':<26} {sum(r.ours_words for r in rows):>6} {sum(r.bare_words for r in rows):>6}"
        f" {sum(r.only_ours for r in rows):>6} {sum(r.only_bare for r in rows):>6}"
    )
    lines += ["-" * len(header), total, ""]
    lines.append("ours/bare: words kept; +ours/+bare: words only that one kept; paras and ")
    lines.append("longest (characters): ours/bare.")
    for row in rows:
        if row.only_bare:
            lines.append(f"{row.name}: only bare, first: {_sample(row.first_only_bare)}")
            lines.append(f"{' ' * len(row.name)}  reason: {row.reason}")
        if row.only_ours:
            lines.append(f"{row.name}: only ours, first: {_sample(row.first_only_ours)}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m newsledger.bench.extraction_compare DIR  (a folder of pages)")
        return 2
    rows = compare_folder(Path(args[0]))
    if not rows:
        print(f"no <name>.html with <name>.meta.json beside it in {args[0]}")
        return 1
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
