"""French notes: Le Monde, Libération, Le Figaro, AFP."""

from __future__ import annotations

from newsledger.changes.note_conventions.shape import (
    BODY,
    BY_WORDING,
    CHANGE,
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

# "cet article", "cette dépêche": the piece the note is in. Not "l'article": in French that
# is also an article of law ("l'article 49.3 a été modifié").
_CET = (
    r"(?:(?:cet|notre)\s+(?:article|entretien|reportage)|(?:ce|notre)\s+(?:texte|papier|portrait)"
    r"|(?:cette|notre)\s+(?:dépêche|brève|infographie|vidéo|chronique|enquête))"
)
_FR_CHANGED = (
    r"(?:modifiée?|mise?\s+à\s+jour|corrigée?|actualisée?|complétée?|rectifiée?|précisée?"
    r"|amendée?|enrichie?)"
)
FRENCH = NoteLanguage(
    code="fr",
    labels=(
        # Le Monde "Rectificatif :", "Correctif :", "Erratum".
        Label(r"rectificatifs?|correctifs?|rectification|corrections?|erratum", CORRECTION),
        # "Précision :" and "Mise au point :" are everyday words too.
        Label(r"précisions?|mise\s+au\s+point", CLARIFICATION, CHANGE),
        Label(
            r"note\s+de\s+la\s+rédaction|n\.?\s*d\.?\s*l\.?\s*r\.?|note\s+de\s+l['’]éditeur",
            EDITORS_NOTE,
        ),
        Label(r"mises?\s+à\s+jour|mis\s+à\s+jour|maj|actualisation|actualisé", UPDATE, NEWS),
        Label(r"note|remarque|avertissement", BY_WORDING, BODY),
    ),
    openings=(
        # Le Monde: "Une version précédente de cet article indiquait ...".
        rf"(?:dans\s+)?(?:une|la)\s+(?:précédente|première|ancienne)\s+version\s+de\s+{_CET}",
        rf"(?:dans\s+)?(?:une|la)\s+version\s+(?:précédente|antérieure|initiale|originale)\s+"
        rf"de\s+{_CET}",
        rf"{_CET}\s+a\s+été\s+{GAP}{_FR_CHANGED}",
        # "L'article a été mis à jour" (not "modifié": that is said of an article of law).
        r"l['’]article\s+a\s+été\s+(?:[^!?]{0,40}?\s)?(?:mis\s+à\s+jour|actualisé|corrigé)",
        # Le Monde: "Contrairement à ce que nous avons écrit dans une première version ...".
        r"contrairement\s+à\s+ce\s+que\s+nous\s+(?:avons|avions)\s+(?:d['’]abord\s+"
        r"|initialement\s+|précédemment\s+)?(?:écrit|indiqué|annoncé|affirmé|publié|rapporté"
        r"|mentionné)",
        r"nous\s+(?:avons|avions)\s+(?:d['’]abord\s+|initialement\s+)?(?:écrit|indiqué|affirmé"
        r"|annoncé)\s+(?:par\s+erreur|à\s+tort|de\s+manière\s+erronée|erronément)",
        rf"une\s+erreur\s+s['’]est\s+glissée\s+dans\s+(?:{_CET}|une\s+(?:précédente|première)"
        r"\s+version)",
        rf"nous\s+avons\s+(?:modifié|corrigé|rectifié|mis\s+à\s+jour|complété|précisé)\s+{_CET}",
    ),
    changed=(
        r"\b(?:a|ont|avait)\s+été\s+(?:modifié|mis\s+à\s+jour|corrigé|actualisé|complété"
        r"|rectifié|précisé|retiré|ajouté|supprimé)e?s?\b",
        r"\bnous\s+avons\s+(?:modifié|corrigé|rectifié|mis\s+à\s+jour|complété|précisé|retiré"
        r"|ajouté|supprimé)\b",
        # Libération "Mis à jour à 10h42 : ajout de la réaction du ministre."
        r"\bajout\s+(?:de|d['’]|des)\s",
        r"\bavec\s+(?:de\s+nouvelles|des|les\s+dernières)\s+(?:informations|précisions"
        r"|réactions|déclarations)\b",
    ),
    correcting=(
        r"\b(?:erroné\w*|erreur|inexact\w*|corrig\w*|rectifi\w*|par\s+erreur|à\s+tort"
        r"|faussement|contrairement\s+à\s+ce\s+que|(?:précédente|première)\s+version)"
    ),
    clarifying=r"\b(?:pour\s+(?:préciser|clarifier)|clarifi\w*|été\s+précisée?s?)",
    dated=r"\b(?:modifiée?|corrigée?|mise?\s+à\s+jour|actualisée?|rectifiée?|complétée?)\s+le\s+",
    months=(
        ("janvier", "janv"),
        ("février", "fevrier", "févr", "fév"),
        ("mars",),
        ("avril", "avr"),
        ("mai",),
        ("juin",),
        ("juillet", "juil"),
        ("août", "aout"),
        ("septembre", "sept"),
        ("octobre", "oct"),
        ("novembre", "nov"),
        ("décembre", "decembre", "déc"),
    ),
    weekdays=tuple(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]),
    stamp_words=tuple(
        [
            "mis",
            "mise",
            "à",
            "a",
            "jour",
            "le",
            "la",
            "les",
            "publié",
            "publiée",
            "modifié",
            "modifiée",
            "actualisé",
            "actualisée",
            "dernière",
            "maj",
            "à",
            "h",
            "heure",
            "heures",
            "minute",
            "minutes",
            "min",
            "il",
            "y",
            "depuis",
            "aujourd",
            "hui",
            "hier",
            "du",
            "en",
            "ligne",
            "et",
            "er",
        ]
    ),
    wrong=(
        r"(?:indiquait|affirmait|mentionnait|écrivait|disait|annonçait|nous\s+(?:avons|avions)"
        r"\s+(?:d['’]abord\s+)?(?:écrit|indiqué|affirmé|annoncé))\s+(?:par\s+erreur\s+|à\s+tort\s+"
        rf"|de\s+manière\s+erronée\s+|erronément\s+)?(?:que\s+|qu['’])?{WRONG}",
    ),
    right=(
        rf"(?:^|[.;]\s+)(?:En\s+réalité|En\s+fait|Il\s+s['’]agit\s+(?:en\s+réalité\s+)?de"
        rf"|Le\s+chiffre\s+exact\s+est|La\s+bonne\s+date\s+est),?\s*{RIGHT}",
        rf"^Contrairement\s+à\s+ce\s+que\s+[^,]+,\s*{RIGHT}",
    ),
)
