"""Portuguese notes: Folha de S.Paulo, Estadão, O Globo, G1 (Brazil); Público, Expresso
(Portugal, with its older spellings "correcção", "actualizado")."""

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

# "deste texto", "desta reportagem": the piece the note is in.
_DESTE = (
    r"(?:(?:deste|neste|este)\s+(?:texto|artigo|material)"
    r"|(?:desta|nesta|esta)\s+(?:reportagem|notícia|matéria|nota|coluna|entrevista))"
)
_PT_CHANGED = (
    r"(?:atualizad|actualizad|corrigid|alterad|modificad|editad|retificad|rectificad|ampliad)"
    r"[oa]s?"
)
_PUBLICADO = r"(?:publicad|informad|noticiad|afirmad|divulgad|escrit|dit|veiculad)[oa]"
PORTUGUESE = NoteLanguage(
    code="pt",
    labels=(
        # Folha "Erramos:", "Correção:"; Público "Rectificação", "Notícia corrigida às 10h42".
        Label(
            r"erramos|corre(?:c)?ç(?:ão|ões)|re(?:c)?tificação|errata"
            r"|not[íi]cia\s+(?:corrigida|re(?:c)?tificada)",
            CORRECTION,
        ),
        Label(r"esclarecimentos?", CLARIFICATION),
        # "Nota da Redação", "Nota do editor", "N. da R.".
        Label(
            r"nota\s+(?:da|do|dos)\s+(?:reda(?:c)?ção|editor(?:es)?|editora)|n\.\s*(?:da|do)\s*[re]\.",
            EDITORS_NOTE,
        ),
        Label(r"a(?:c)?tualização|a(?:c)?tualizad[oa]|not[íi]cia\s+a(?:c)?tualizada", UPDATE, NEWS),
        Label(r"nota|observação", BY_WORDING, BODY),
    ),
    openings=(
        # Folha: "Uma versão anterior deste texto ...", "Em versão anterior desta reportagem".
        rf"(?:(?:em|n?uma|na|a)\s+)?(?:versão\s+(?:anterior|inicial|original)|primeira\s+versão)"
        rf"\s+{_DESTE}",
        r"(?:em|n?uma|na)\s+(?:versão\s+anterior|primeira\s+versão)\s*,\s*(?:este\s+texto"
        r"|esta\s+reportagem)",
        # Folha: "Diferentemente do que foi publicado, ..." (not "... publicado pelo jornal X").
        rf"diferentemente\s+do\s+que\s+(?:foi\s+|havia\s+sido\s+|tinha\s+sido\s+)?{_PUBLICADO}"
        r"(?!\s+(?:pel[oa]s?|por)\b)",
        r"diferentemente\s+do\s+que\s+(?:informou|publicou|afirmou|dizia|afirmava|informava)\s+"
        r"(?:a\s+Folha|este\s+texto|esta\s+reportagem|a\s+reportagem|o\s+texto)",
        r"ao\s+contrário\s+do\s+que\s+(?:foi\s+)?(?:publicad|informad|noticiad|escrit)[oa]\s+"
        r"(?:anteriormente|inicialmente|em\s+versão\s+anterior|nesta|neste)",
        rf"(?:este|esta)\s+(?:texto|artigo|reportagem|notícia|matéria|nota)\s+foi\s+{_PT_CHANGED}",
        # Folha's closing "O texto foi corrigido." (not "... pelo relator": a bill's text).
        r"o\s+texto\s+foi\s+(?:corrigid|atualizad)o(?!\s+(?:pel[oa]s?|por|n[oa]s?)\b)",
    ),
    changed=(
        rf"\b(?:foi|foram|tinha\s+sido|havia\s+sido)\s+(?:{_PT_CHANGED}|removid[oa]s?"
        r"|acrescentad[oa]s?|incluíd[oa]s?)",
        r"\b(?:acrescenta|acrescentad[oa]s?|inclui|incluíd[oa]s?)\s+(?:declarações|informações"
        r"|dados|detalhes|a\s+resposta|a\s+reação|a\s+posição)\b",
        r"\bcom\s+(?:novas|mais)\s+informações\b|\bcom\s+novos\s+(?:detalhes|dados)\b",
    ),
    correcting=(
        r"\b(?:erroneamente|equivocadamente|incorretament\w*|incorret\w*|errad\w*|erro\b|erramos"
        r"|corrigid\w*|re(?:c)?tific\w*|diferentemente\s+do\s+que|versão\s+anterior)"
    ),
    clarifying=r"\besclarec\w*",
    dated=r"\b(?:a(?:c)?tualizad|corrigid|alterad)[oa]\s+em\s+",
    months=(
        ("janeiro", "jan"),
        ("fevereiro", "fev"),
        ("março", "marco", "mar"),
        ("abril", "abr"),
        ("maio", "mai"),
        ("junho", "jun"),
        ("julho", "jul"),
        ("agosto", "ago"),
        ("setembro", "set"),
        ("outubro", "out"),
        ("novembro", "nov"),
        ("dezembro", "dez"),
    ),
    weekdays=tuple(
        [
            "segunda",
            "terça",
            "terca",
            "quarta",
            "quinta",
            "sexta",
            "feira",
            "sábado",
            "sabado",
            "domingo",
        ]
    ),
    stamp_words=tuple(
        [
            "atualizado",
            "atualizada",
            "actualizado",
            "actualizada",
            "atualização",
            "actualização",
            "publicado",
            "publicada",
            "em",
            "às",
            "as",
            "h",
            "há",
            "hora",
            "horas",
            "minuto",
            "minutos",
            "min",
            "hoje",
            "ontem",
            "de",
            "do",
            "da",
            "última",
            "ultima",
            "o",
        ]
    ),
    wrong=(
        r"(?:informava|dizia|afirmava|publicava|informou\s+erroneamente|afirmou\s+erroneamente)"
        rf"\s+(?:erroneamente\s+|equivocadamente\s+|incorretamente\s+)?(?:que\s+)?{WRONG}",
    ),
    right=(
        r"(?:^|[.;]\s+)(?:Na\s+verdade|Na\s+realidade|O\s+correto\s+é|O\s+número\s+correto\s+é)"
        rf",?\s*{RIGHT}",
        rf"^(?:Diferentemente|Ao\s+contrário)\s+do\s+que\s+[^,]+,\s*{RIGHT}",
    ),
)
