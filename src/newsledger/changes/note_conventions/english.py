"""English notes: AP, Reuters, Bloomberg, NYT, Washington Post, Guardian, BBC, CNN."""

from __future__ import annotations

from newsledger.changes.note_conventions.shape import (
    BODY,
    BY_WORDING,
    CHANGE,
    CLARIFICATION,
    CORRECTION,
    EDITORS_NOTE,
    NEWS,
    UPDATE,
    Label,
    NoteLanguage,
)

THIS_PIECE = (
    r"this\s+(?:article|story|report|piece|post|item|page|headline|caption|graphic|column"
    r"|review|obituary|blog|live\s+blog|video|interview|photo|image|chart|map|newsletter)"
)
# "Correction appended" (NYT), "Correction added 3 March:" (dated by when it was added).
_ADDED = r"(?:\s+(?:added|appended))?"
ENGLISH = NoteLanguage(
    code="en",
    labels=(
        # "Correction:", "Corrections and clarifications" (Guardian's heading).
        Label(rf"corrections?(?:\s*(?:&|and)\s*clarifications?)?{_ADDED}|corrected", CORRECTION),
        Label(rf"clarifications?{_ADDED}", CLARIFICATION),
        # AP/CNN "Editor's note", NYT "Editors' Note", "A note to readers".
        Label(
            rf"editor[’']?s[’']?\s+note{_ADDED}|(?:an?\s+)?note\s+to\s+(?:our\s+)?readers",
            EDITORS_NOTE,
        ),
        # NYT "A correction was made on March 3, 2024:".
        Label(r"an?\s+correction\s+(?:was|has\s+been)\s+(?:made|appended)", CORRECTION),
        # "Update:", "UPDATE (March 24, 2024):", "Updated at 14:05 BST:", Reuters "UPDATE 2-".
        Label(rf"updated?s?{_ADDED}", UPDATE, NEWS),
        # LA Times "For the record:" (also an opinion writer's phrase, so it needs a change).
        Label(r"for\s+the\s+record", CORRECTION, CHANGE),
        # Generic heads: "Note: This article has been updated ...".
        Label(r"note|please\s+note|n\.\s*b\.", BY_WORDING, BODY),
    ),
    openings=(
        # AP/NYT/WaPo: "An earlier version of this article misstated ...".
        rf"\(?(?:an?\s+|the\s+)?(?:earlier|previous|prior|original)\s+version\s+of\s+{THIS_PIECE}",
        rf"in\s+(?:an?\s+|the\s+)(?:earlier|previous|prior|original)\s+version\s+of\s+{THIS_PIECE}",
        # AP "This story has been corrected to show ...", Guardian "This article was amended on".
        rf"{THIS_PIECE}\s+(?:was|has\s+been|had\s+been|is\s+being)\s+"
        r"(?:updated|corrected|amended|changed|edited|revised|clarified|expanded)\b",
        rf"(?:the\s+)?(?:headline|caption|photo\s+caption|subheading|standfirst|summary)\s+"
        rf"(?:of|on|for)\s+{THIS_PIECE}\s+(?:was|has\s+been|had\s+been)\s+"
        r"(?:changed|amended|updated|corrected|revised)\b",
        # AP: "This version corrects the spelling of ...".
        r"this\s+version\s+(?:corrects|clarifies|updates|adds|removes|restores)\b",
        rf"we\s+have\s+(?:updated|corrected|amended|changed|clarified)\s+{THIS_PIECE}",
        # AP's correction story: "In a story published March 3, The Associated Press
        # erroneously reported ...".
        r"(?:in\s+an?\s+(?:story|article|report)\b[^.]{0,80}?,\s+)?the\s+associated\s+press\s+"
        r"(?:(?:erroneously|incorrectly|mistakenly)\s+reported|reported\s+(?:erroneously"
        r"|incorrectly|mistakenly))",
        # NYT: "Because of an editing error, ...".
        r"(?:because\s+of|due\s+to)\s+an?\s+(?:editing|reporting|editorial|production|transcription)"
        r"\s+error\b",
        # Reuters/Bloomberg wire lines: "(Corrects paragraph 3 ...)", "(Updates with ...)".
        r"\((?:this\s+(?:[\w,]+\s+){0,4}?(?:story|article|report)\s+)?"
        r"(?:corrects|clarifies|updates|adds|refiles|recasts|rewrites|removes)\b",
    ),
    changed=(
        r"\b(?:has|have|had)\s+been\s+"
        r"(?:updated|corrected|amended|changed|edited|revised|clarified|removed|added|expanded)\b",
        r"\b(?:was|were)\s+(?:updated|corrected|amended|edited|revised|clarified)\b",
        r"\b(?:adds|added|adding|updates|includes?|including)\s+(?:new\s+|more\s+|further\s+"
        r"|additional\s+)?(?:details?|comments?|quotes?|reporting|background|information"
        r"|figures?|reaction|context|statement)\b",
        r"\bwith\s+(?:new|additional|more|further|the\s+latest|latest)\s+"
        r"(?:details?|information|reporting|comments?|figures?|developments?)\b",
        r"\b(?:story|article|post)\s+(?:will\s+be|is\s+being)\s+updated\b",
    ),
    correcting=(
        r"\b(?:correct|misstat|misspel|misidentif|misquot|misnam|misreport|incorrect|wrong"
        r"|mistaken|erroneous|error|misattribut|attributed|amended"
        r"|(?:earlier|previous|prior)\s+version)"
    ),
    clarifying=r"\bclarif|\bmake\s+clear|\bmade\s+clear|\bdid\s+not\s+make\s+clear",
    dated=r"\b(?:amended|corrected|updated|changed|clarified|edited|added|appended)\s+on\s+",
    months=(
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    weekdays=tuple(
        [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "mon",
            "tue",
            "tues",
            "wed",
            "thu",
            "thur",
            "thurs",
            "fri",
            "sat",
            "sun",
        ]
    ),
    stamp_words=tuple(
        [
            "update",
            "updated",
            "updates",
            "last",
            "published",
            "posted",
            "modified",
            "first",
            "on",
            "at",
            "the",
            "of",
            "and",
            "am",
            "pm",
            "a",
            "m",
            "p",
            "noon",
            "midnight",
            "ago",
            "hour",
            "hours",
            "hr",
            "hrs",
            "minute",
            "minutes",
            "min",
            "mins",
            "h",
            "today",
            "yesterday",
            "st",
            "nd",
            "rd",
            "th",
        ]
    ),
    # The English wrong/right readings live in note_wording (they came first and are richer).
)
