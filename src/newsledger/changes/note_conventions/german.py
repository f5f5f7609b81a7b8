"""German notes: Spiegel, Zeit, Süddeutsche Zeitung, FAZ, tagesschau, and the press law's
Berichtigung."""

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

# "dieses Artikels", "der Meldung": the piece the note is in; not "des Artikels der Zeitung".
_DIESES = (
    r"(?:(?:dieses|des)\s+(?:Artikels|Textes|Beitrags|Berichts|Interviews|Kommentars|Videos"
    r"|Tickers|Newsblogs)|(?:dieser|der)\s+(?:Meldung|Nachricht|Grafik|Bildunterschrift"
    r"|Überschrift|Reportage|Analyse|Kolumne))(?!\s+(?:der|des|von|vom|im|in|aus|über|zur|zum)\b)"
)
_DE_CHANGED = (
    r"(?:aktualisiert|korrigiert|geändert|ergänzt|überarbeitet|berichtigt|präzisiert|angepasst)"
)
_FALSCH = r"(?:fälschlicherweise|fälschlich|irrtümlich(?:erweise)?)"
GERMAN = NoteLanguage(
    code="de",
    labels=(
        # Zeit/SZ "Korrektur:", Spiegel "Korrekturhinweis:", press law "Berichtigung" /
        # "Richtigstellung".
        Label(r"korrektur(?:hinweis)?|berichtigung|richtigstellung|erratum", CORRECTION),
        Label(r"klarstellung|präzisierung", CLARIFICATION),
        # "Anmerkung der Redaktion", "Anm. d. Red.", Spiegel/Zeit "Transparenzhinweis".
        Label(
            r"anmerkung\s+der\s+redaktion|hinweis\s+der\s+redaktion|anm\.\s*d\.\s*red\."
            r"|redaktioneller\s+hinweis|transparenzhinweis",
            EDITORS_NOTE,
        ),
        # "Update, 10.42 Uhr:", "Aktualisierung:", "Nachtrag:" (an addendum).
        Label(r"update|aktualisierung|aktualisiert|nachtrag|ergänzung", UPDATE, NEWS),
        # Generic heads: "Hinweis: In einer früheren Version ...".
        Label(r"hinweis|anmerkung|nachbemerkung", BY_WORDING, BODY),
    ),
    openings=(
        # Spiegel/Zeit: "In einer früheren Version dieses Artikels hieß es ...".
        rf"in\s+(?:einer|der)\s+(?:früheren|ersten|vorherigen|älteren|ursprünglichen|vorigen)"
        rf"\s+(?:Version|Fassung)\s+{_DIESES}",
        rf"(?:eine|die)\s+(?:frühere|erste|vorherige|ursprüngliche)\s+(?:Version|Fassung)"
        rf"\s+{_DIESES}",
        r"in\s+einer\s+(?:früheren|ersten|vorherigen)\s+(?:Version|Fassung)\s+"
        r"(?:hieß|stand|war|hatten|haben|wurde|wurden|schrieben|berichteten|ist)\b",
        # "Dieser Artikel wurde am 3. März 2024 aktualisiert."
        rf"(?:dieser|unser)\s+(?:Artikel|Text|Beitrag|Bericht)\s+(?:wurde|ist)\s+{GAP}"
        rf"{_DE_CHANGED}",
        rf"wir\s+haben\s+(?:den|diesen|unseren)\s+(?:Artikel|Text|Beitrag|Fehler|Absatz|Satz)"
        rf"\s+{GAP}(?:{_DE_CHANGED}|behoben)",
        rf"wir\s+haben\s+(?:die|diese)\s+(?:\w+\s+)?(?:Stelle|Passage|Angabe|Angaben|Zahl|Bildunterschrift"
        rf"|Überschrift)\s+{GAP}(?:{_DE_CHANGED}|behoben)",
        rf"(?:hier|an\s+dieser\s+Stelle|zunächst|ursprünglich)\s+(?:hieß|stand)\s+es\s+"
        rf"(?:zunächst\s+|hier\s+)?{_FALSCH}",
        # "Der Text wurde aktualisiert." (not "geändert": stories say that of others' texts).
        r"der\s+(?:Artikel|Text|Beitrag)\s+wurde\s+(?:[^!?]{0,40}?\s)?(?:aktualisiert|korrigiert"
        r"|ergänzt|berichtigt|präzisiert)",
        r"wir\s+haben\s+(?:das|dies|diese\s+Angabe)\s+(?:inzwischen\s+|nachträglich\s+)?"
        r"(?:korrigiert|berichtigt|präzisiert|ergänzt)",
        r"(?:der|dieser)\s+Fehler\s+wurde\s+(?:inzwischen\s+|mittlerweile\s+)?"
        r"(?:korrigiert|behoben|berichtigt)",
        r"wir\s+bitten,?\s+(?:den|diesen)\s+Fehler\s+zu\s+entschuldigen",
        rf"(?:wir\s+hatten|hatten\s+wir)\s+(?:zunächst\s+|hier\s+)?{_FALSCH}",
        # "Anders als zunächst von uns berichtet, ..." (not "Anders als zunächst berichtet",
        # which a developing story says about anyone's reports).
        r"anders\s+als\s+(?:zunächst\s+|ursprünglich\s+|zuvor\s+)?(?:von\s+uns\s+berichtet"
        r"|in\s+einer\s+früheren\s+(?:Version|Fassung))",
    ),
    changed=(
        rf"\b(?:wurde|wurden|ist|sind)\s+{GAP}(?:{_DE_CHANGED}|entfernt|hinzugefügt)\b",
        r"\bmit\s+(?:neuen|weiteren|aktuellen)\s+(?:Details|Informationen|Angaben|Zahlen)\b",
        r"\bergänzt\s+um\b",
    ),
    correcting=(
        r"\b(?:korrigiert|berichtigt|fälschlich\w*|irrtümlich\w*|falsch\w*|Fehler|fehlerhaft"
        r"|richtig\s+ist|korrekt\s+ist|verwechselt|früheren\s+(?:Version|Fassung))"
    ),
    clarifying=r"\b(?:klargestellt|präzisiert|verdeutlicht|klarzustellen|Klarstellung)",
    dated=r"\b(?:wurde|wurden|ist)\s+am\s+",
    months=(
        ("januar", "jänner", "jan"),
        ("februar", "feber", "feb"),
        ("märz", "mär", "mrz"),
        ("april", "apr"),
        ("mai",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("dezember", "dez"),
    ),
    weekdays=tuple(
        [
            "montag",
            "dienstag",
            "mittwoch",
            "donnerstag",
            "freitag",
            "samstag",
            "sonnabend",
            "sonntag",
            "mo",
            "di",
            "mi",
            "do",
            "fr",
            "sa",
            "so",
        ]
    ),
    stamp_words=tuple(
        [
            "aktualisiert",
            "aktualisierung",
            "update",
            "zuletzt",
            "veröffentlicht",
            "erstellt",
            "geändert",
            "stand",
            "am",
            "um",
            "uhr",
            "vom",
            "von",
            "den",
            "der",
            "vor",
            "seit",
            "stunde",
            "stunden",
            "minute",
            "minuten",
            "std",
            "min",
            "heute",
            "gestern",
        ]
    ),
    wrong=(
        rf"(?:hieß|stand)\s+es\s+(?:zunächst\s+|hier\s+)?(?:{_FALSCH}\s*)?,?\s*(?:dass\s+)?{WRONG}",
        rf"{_FALSCH}\s+(?:geschrieben|berichtet|angegeben)\s*,\s*(?:dass\s+)?{WRONG}",
    ),
    right=(
        rf"(?:^|[.;]\s+)(?:Richtig|Korrekt|Tatsächlich)\s+(?:ist|sind|war|waren)\s*(?::|,\s*dass)?"
        rf"\s*{RIGHT}",
        rf"^Anders\s+als\s+[^,]+,\s*{RIGHT}",
    ),
)
