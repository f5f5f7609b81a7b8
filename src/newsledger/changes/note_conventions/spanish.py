"""Spanish notes: El País, El Mundo, La Vanguardia, La Nación, Clarín, EFE."""

from __future__ import annotations

from newsledger.changes.note_conventions.shape import (
    BODY,
    BY_WORDING,
    CHANGE,
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

# "este artículo", "esta noticia": the piece the note is in.
_ESTE = (
    r"(?:(?:este|nuestro)\s+(?:artículo|texto|reportaje|despacho|análisis)"
    r"|(?:esta|nuestra)\s+(?:noticia|información|nota|crónica|pieza|entrevista))"
)
_ES_CHANGED = r"(?:actualizad|corregid|modificad|editad|rectificad|ampliad|aclarad)[oa]s?"
SPANISH = NoteLanguage(
    code="es",
    labels=(
        # El País "Fe de errores", "Corrección:", "Rectificación:".
        Label(
            r"fe\s+de\s+(?:errores|erratas)|correcci(?:ón|ones)|rectificación|errata", CORRECTION
        ),
        Label(r"aclaraci(?:ón|ones)", CLARIFICATION),
        # "Precisión:" is an everyday word too.
        Label(r"precisión", CLARIFICATION, CHANGE),
        # "Nota del editor", "Nota de la redacción", "N. del E.", "N. de la R.".
        Label(
            r"nota\s+(?:del|de\s+la|de\s+los)\s+(?:editor(?:es)?|editora|redacción|redactor)"
            r"|n\.\s*(?:del|de\s+la)\s*[er]\.",
            EDITORS_NOTE,
        ),
        # "Actualización:", "Actualizado a las 10:42:" (not "Última hora:", a breaking-news tag).
        Label(r"actualización|actualizad[oa]|noticia\s+actualizada", UPDATE, NEWS),
        Label(r"nota", BY_WORDING, BODY),
    ),
    openings=(
        # El País: "Una versión anterior de este artículo decía erróneamente ...".
        rf"(?:en\s+)?(?:una|la)\s+(?:versión\s+(?:anterior|previa|inicial|original)"
        rf"|(?:anterior|primera)\s+versión)\s+de\s+{_ESTE}",
        rf"{_ESTE}\s+(?:(?:ha|había)\s+sido|fue|se\s+ha)\s+{_ES_CHANGED}",
        # "El artículo ha sido actualizado" (not "modificado": said of an article of law).
        r"el\s+artículo\s+(?:ha\s+sido|fue)\s+(?:actualizado|corregido)",
        rf"{_ESTE}\s+se\s+(?:actualizó|corrigió|modificó|rectificó|amplió)",
        # "A diferencia de lo publicado inicialmente, ...".
        r"(?:a\s+diferencia\s+de|contrariamente\s+a|al\s+contrario\s+de)\s+lo\s+(?:que\s+)?"
        r"(?:se\s+)?(?:había\s+|habíamos\s+)?(?:publicad[oa]|informad[oa]|indicad[oa]"
        r"|publicó|informó|indicó|publicamos|informamos)\s+(?:inicialmente|anteriormente"
        rf"|en\s+un\s+primer\s+momento|en\s+una\s+versión\s+anterior|en\s+{_ESTE})",
        rf"hemos\s+(?:corregido|rectificado|actualizado|modificado|aclarado)\s+(?:{_ESTE}"
        r"|el\s+error|la\s+cifra|el\s+dato|el\s+nombre)",
    ),
    changed=(
        rf"\b(?:ha|han|había)\s+sido\s+(?:{_ES_CHANGED}|eliminad[oa]s?|añadid[oa]s?|retirad[oa]s?)",
        r"\bse\s+(?:ha|han)\s+(?:actualizado|corregido|modificado|rectificado|ampliado|añadido"
        r"|eliminado)\b",
        r"\b(?:añade|se\s+añaden?|incluye)\s+(?:declaraciones|información|datos|detalles"
        r"|la\s+reacción)\b",
        r"\bcon\s+(?:nueva|más)\s+información\b|\bcon\s+nuevos\s+(?:datos|detalles)\b",
    ),
    correcting=(
        r"\b(?:erróne\w*|error|errores|incorrect\w*|equivoc\w*|corregid\w*|corrig\w*"
        r"|rectific\w*|versión\s+anterior|a\s+diferencia\s+de\s+lo)"
    ),
    clarifying=r"\b(?:aclar\w*|para\s+precisar)",
    dated=r"\b(?:actualizad|corregid|modificad|rectificad)[oa]\s+el\s+",
    months=(
        ("enero", "ene"),
        ("febrero", "feb"),
        ("marzo", "mar"),
        ("abril", "abr"),
        ("mayo", "may"),
        ("junio", "jun"),
        ("julio", "jul"),
        ("agosto", "ago"),
        ("septiembre", "setiembre", "sep", "sept", "set"),
        ("octubre", "oct"),
        ("noviembre", "nov"),
        ("diciembre", "dic"),
    ),
    weekdays=tuple(
        [
            "lunes",
            "martes",
            "miércoles",
            "miercoles",
            "jueves",
            "viernes",
            "sábado",
            "sabado",
            "domingo",
        ]
    ),
    stamp_words=tuple(
        [
            "actualizado",
            "actualizada",
            "actualización",
            "última",
            "ultima",
            "publicado",
            "publicada",
            "el",
            "la",
            "las",
            "a",
            "de",
            "del",
            "h",
            "hs",
            "hace",
            "hora",
            "horas",
            "minuto",
            "minutos",
            "min",
            "hoy",
            "ayer",
            "act",
            "y",
        ]
    ),
    wrong=(
        r"(?:decía|afirmaba|indicaba|señalaba|informaba|aseguraba|se\s+publicó|publicamos)\s+"
        r"(?:erróneamente\s+|por\s+error\s+|equivocadamente\s+|incorrectamente\s+)?(?:que\s+)?"
        rf"{WRONG}",
    ),
    right=(
        r"(?:^|[.;]\s+)(?:En\s+realidad|Lo\s+correcto\s+es(?:\s+que)?|La\s+cifra\s+correcta\s+es"
        rf"|El\s+dato\s+correcto\s+es),?\s*{RIGHT}",
        rf"^(?:A\s+diferencia\s+de|Contrariamente\s+a|Al\s+contrario\s+de)\s+lo\s+[^,]+,\s*{RIGHT}",
    ),
)
