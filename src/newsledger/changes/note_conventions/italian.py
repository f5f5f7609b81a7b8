"""Italian notes: Corriere della Sera, la Repubblica, La Stampa, Il Post, ANSA."""

from __future__ import annotations

from newsledger.changes.note_conventions.shape import (
    BODY,
    BY_WORDING,
    CLARIFICATION,
    CORRECTION,
    EDITORS_NOTE,
    NEWS,
    RIGHT,
    UPDATE,
    WRONG,
    Label,
    NoteLanguage,
)

# "questo articolo", "questa notizia": the piece the note is in. Not "l'articolo": in
# Italian that is also an article of law ("l'articolo 18").
_QUESTO = (
    r"(?:(?:questo|quest['’]|il\s+nostro)\s*(?:articolo|pezzo|testo|servizio)"
    r"|(?:questa|la\s+nostra)\s+(?:notizia|intervista|inchiesta))"
)
_IT_CHANGED = r"(?:aggiornat|corrett|modificat|rettificat|integrat|precisat)[oaie]"
ITALIAN = NoteLanguage(
    code="it",
    labels=(
        # Corriere "Rettifica", "Errata corrige".
        Label(r"rettifica|correzion[ei]|errata\s+corrige|errata", CORRECTION),
        Label(r"precisazion[ei]|chiarimento", CLARIFICATION),
        # "Nota della redazione", "N.d.R." (only as a head: inline "(ndr)" marks an aside).
        Label(
            r"nota\s+della\s+redazione|nota\s+del(?:l['’])?\s*(?:direttore|editore)"
            r"|n\.?\s*d\.?\s*r\.?",
            EDITORS_NOTE,
        ),
        Label(r"aggiornamento|aggiornat[oa]|notizia\s+aggiornata", UPDATE, NEWS),
        Label(r"nota", BY_WORDING, BODY),
    ),
    openings=(
        # "In una precedente versione di questo articolo ...".
        rf"(?:in\s+|nella\s+)?(?:una|la)\s+(?:(?:precedente|prima)\s+versione|versione\s+"
        rf"(?:precedente|originale|iniziale))\s+(?:di|del|della)\s+{_QUESTO}",
        r"(?:nella|in\s+una)\s+(?:prima|precedente)\s+versione\s+(?:abbiamo|avevamo|era"
        r"|si\s+leggeva|si\s+diceva|c['’]era)\b",
        rf"{_QUESTO}\s+(?:è|e['’])\s+stat[oa]\s+{_IT_CHANGED}",
        # Il Post "L'articolo è stato aggiornato" (a law's article comes with its number).
        r"l['’]articolo\s+(?:è|e['’])\s+stato\s+(?:aggiornato|corretto)",
        r"(?:diversamente|contrariamente|a\s+differenza)\s+(?:da|a|di)\s+quanto\s+"
        r"(?:erroneamente\s+)?(?:scritto|riportato|pubblicato|indicato|affermato)\s+"
        r"(?:in\s+precedenza|inizialmente|precedentemente|in\s+un\s+primo\s+momento"
        r"|in\s+una\s+(?:prima|precedente)\s+versione)",
        r"(?:abbiamo|avevamo)\s+(?:erroneamente|per\s+errore)\s+(?:scritto|riportato|indicato"
        r"|attribuito)|(?:avevamo|abbiamo)\s+scritto\s+(?:erroneamente|per\s+errore)",
    ),
    changed=(
        r"\b(?:è|e['’]|sono)\s+stat[oaie]\s+(?:aggiornat|corrett|modificat|rettificat|integrat"
        r"|precisat|rimoss|aggiunt)[oaie]\b",
        r"\b(?:aggiunt[oaie]|si\s+aggiung(?:e|ono))\s+(?:la|le|il|i|un|una|nuovi|nuove)\s",
        r"\babbiamo\s+(?:corretto|aggiornato|modificato|rettificato|precisato|integrato)\b",
        r"\bcon\s+(?:nuovi|ulteriori)\s+(?:dettagli|particolari|aggiornamenti)\b"
        r"|\bcon\s+(?:nuove|ulteriori)\s+informazioni\b",
    ),
    correcting=(
        r"\b(?:erroneament\w*|errore|errori|erratament\w*|per\s+errore|inesatt\w*|rettific\w*"
        r"|sbagliat\w*|corrett[oa]\b|(?:precedente|prima)\s+versione|diversamente\s+da\s+quanto)"
    ),
    clarifying=r"\b(?:per\s+precisare|per\s+chiarire|precisazion\w*|chiariment\w*)",
    dated=r"\b(?:aggiornat|corrett|modificat|rettificat)[oa]\s+il\s+",
    months=(
        ("gennaio", "gen"),
        ("febbraio", "feb"),
        ("marzo", "mar"),
        ("aprile", "apr"),
        ("maggio", "mag"),
        ("giugno", "giu"),
        ("luglio", "lug"),
        ("agosto", "ago"),
        ("settembre", "set", "sett"),
        ("ottobre", "ott"),
        ("novembre", "nov"),
        ("dicembre", "dic"),
    ),
    weekdays=tuple(
        [
            "lunedì",
            "martedì",
            "mercoledì",
            "giovedì",
            "venerdì",
            "sabato",
            "domenica",
            "lunedi",
            "martedi",
            "mercoledi",
            "giovedi",
            "venerdi",
        ]
    ),
    stamp_words=tuple(
        [
            "aggiornato",
            "aggiornata",
            "aggiornamento",
            "ultimo",
            "pubblicato",
            "pubblicata",
            "modificato",
            "il",
            "alle",
            "ore",
            "del",
            "della",
            "h",
            "fa",
            "minuto",
            "minuti",
            "oggi",
            "ieri",
        ]
    ),
    wrong=(
        r"(?:scritto|riportato|indicato|affermato)\s+(?:erroneamente|per\s+errore)\s+"
        rf"(?:che\s+)?{WRONG}",
        rf"si\s+(?:leggeva|diceva)\s+(?:erroneamente\s+)?(?:che\s+)?{WRONG}",
    ),
    right=(
        r"(?:^|[.;]\s+)(?:In\s+realtà|Il\s+dato\s+corretto\s+è|La\s+cifra\s+corretta\s+è"
        rf"|Il\s+nome\s+corretto\s+è),?\s*{RIGHT}",
        rf"^(?:Diversamente|Contrariamente|A\s+differenza)\s+(?:da|a|di)\s+quanto\s+[^,]+,\s*{RIGHT}",
    ),
)
