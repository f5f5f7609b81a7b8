"""Dutch notes: NRC, de Volkskrant, Trouw, NOS, De Standaard."""

from __future__ import annotations

from newsledger.changes.note_conventions.shape import (
    BODY,
    BY_WORDING,
    CLARIFICATION,
    CORRECTION,
    EDITORS_NOTE,
    GAP,
    NEWS,
    RIGHT,
    UPDATE,
    WRONG,
    Label,
    NoteLanguage,
)

# "dit artikel", "deze tekst": the piece the note is in.
_DIT = (
    r"(?:(?:dit|ons)\s+(?:artikel|bericht|stuk|verhaal|interview|achtergrondverhaal)"
    r"|(?:deze|onze)\s+(?:tekst|kop|reportage|column|recensie))"
)
_NL_CHANGED = (
    r"(?:aangepast|gecorrigeerd|bijgewerkt|aangevuld|gewijzigd|verduidelijkt|geactualiseerd"
    r"|herschreven|verbeterd)"
)
_ABUIS = r"(?:abusievelijk|ten\s+onrechte|foutief|per\s+abuis)"
DUTCH = NoteLanguage(
    code="nl",
    labels=(
        # NRC/Volkskrant "Correctie:", "Rectificatie:".
        Label(r"correctie|rectificatie|erratum", CORRECTION),
        Label(r"verduidelijking", CLARIFICATION),
        # "Noot van de redactie", "Naschrift redactie", "NvdR".
        Label(
            r"noot\s+van\s+de\s+redactie|naschrift(?:\s+(?:van\s+de\s+)?redactie)?|n\.?v\.?d\.?r\.?",
            EDITORS_NOTE,
        ),
        # "Update:", "Aanvulling:" (an addition), "Bijgewerkt om 10.42 uur:".
        Label(r"update|aanvulling|bijgewerkt|geactualiseerd", UPDATE, NEWS),
        Label(r"noot|opmerking", BY_WORDING, BODY),
    ),
    openings=(
        # NRC: "In een eerdere versie van dit artikel stond ...".
        rf"(?:in\s+)?(?:een|de)\s+(?:eerdere|vorige|eerste|oudere|oorspronkelijke)\s+versie\s+"
        rf"van\s+{_DIT}",
        r"in\s+een\s+(?:eerdere|vorige|eerste|oudere)\s+versie\s+(?:stond|stonden|werd|werden"
        r"|was|schreven|meldden|heette|noemden)\b",
        # "Dit artikel is op 3 maart aangepast."
        rf"{_DIT}\s+(?:is|werd)\s+{GAP}{_NL_CHANGED}",
        # NOS "Het artikel is aangepast." (a law's article comes with its number).
        rf"het\s+(?:artikel|bericht)\s+(?:is|werd)\s+{GAP}{_NL_CHANGED}",
        rf"(?:wij|we)\s+hebben\s+(?:dit|het)\s+(?:artikel|bericht|stuk)\s+{GAP}{_NL_CHANGED}",
        r"(?:wij|we)\s+hebben\s+(?:de|deze)\s+fout\s+(?:[^!?]{0,30}?\s)?(?:hersteld|gecorrigeerd"
        r"|verbeterd)",
        r"anders\s+dan\s+(?:eerder|aanvankelijk)\s+(?:in\s+dit\s+(?:artikel|bericht|stuk)"
        r"|door\s+ons|hier)\s+(?:vermeld|gemeld|geschreven|stond|werd)",
    ),
    changed=(
        rf"\b(?:is|zijn|werd|werden)\s+{GAP}(?:{_NL_CHANGED}|verwijderd|toegevoegd)\b",
        r"\bmet\s+(?:nieuwe|meer|extra)\s+(?:informatie|details|gegevens|reacties)\b",
    ),
    correcting=(
        rf"\b(?:{_ABUIS}|onjuist\w*|fout\w*|gecorrigeerd|verkeerd\w*|vergissing"
        r"|eerdere\s+versie)"
    ),
    clarifying=r"\bverduidelijk\w*",
    dated=r"\b(?:aangepast|gecorrigeerd|bijgewerkt|gewijzigd)\s+op\s+|\b(?:is|werd)\s+op\s+",
    months=(
        ("januari", "jan"),
        ("februari", "feb"),
        ("maart", "mrt", "mar"),
        ("april", "apr"),
        ("mei",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("augustus", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    weekdays=tuple(
        [
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
            "ma",
            "di",
            "wo",
            "do",
            "vr",
            "za",
            "zo",
        ]
    ),
    stamp_words=tuple(
        [
            "bijgewerkt",
            "aangepast",
            "gewijzigd",
            "laatste",
            "update",
            "gepubliceerd",
            "geplaatst",
            "op",
            "om",
            "uur",
            "u",
            "geleden",
            "minuut",
            "minuten",
            "vandaag",
            "gisteren",
        ]
    ),
    wrong=(
        rf"(?:stond|werd\s+gemeld|schreven\s+we|meldden\s+we)\s+{_ABUIS}\s+(?:dat\s+)?{WRONG}",
        rf"(?:stond|werd\s+gemeld|schreven\s+we|meldden\s+we)\s+dat\s+{WRONG}",
    ),
    right=(
        r"(?:^|[.;]\s+)(?:Dat\s+moet\s+zijn|Dit\s+moet\s+zijn|Het\s+juiste\s+\w+\s+is"
        rf"|In\s+werkelijkheid|Juist\s+is)\s*:?,?\s*{RIGHT}",
    ),
)
