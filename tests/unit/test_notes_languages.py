"""Correction notes by newsroom convention in English, German, French, Spanish, Dutch, Italian
and Portuguese: labels with and without dates, label-less bodies anywhere in a paragraph, a
label on its own line heading the next paragraph, and what only looks like a note (a bare
stamp, a teaser, a footer link, a story about a correction). Every case is made up."""

from __future__ import annotations

import pytest

from newsledger.changes.note_dates import find_date, is_stamp
from newsledger.changes.note_wording import wrong_and_right
from newsledger.changes.notes import detect_correction_notes

STORY = "The council voted on Tuesday to close the library."


@pytest.mark.parametrize(
    ("paragraph", "note_type"),
    [
        # English: a dated label, a label with "added", NYT's plural, Reuters' slug.
        ("Correction (March 3, 2024): An earlier version gave the wrong age.", "correction"),
        ("Correction added 3 March: The bridge is 40 metres long, not 400.", "correction"),
        ("Editors' Note: This article has been updated to remove an address.", "editors_note"),
        ("UPDATE 2-Council confirms the library will close in May, officials said.", "update"),
        ("Update: Adds comment from the transport minister", "update"),
        ("Update: This story was updated to add details of a second arrest.", "update"),
        ("This version corrects the spelling of the mayor's surname.", "correction"),
        (
            "A correction was made on March 3, 2024: An earlier version gave the wrong age.",
            "correction",
        ),
        ("For the record: An earlier version of this article gave the wrong date.", "correction"),
        ("Note: This article has been updated to correct the spelling of a name.", "correction"),
        ("Clarification appended: The survey was carried out before the merger.", "clarification"),
        ("(Refiles to fix a typing error in the headline)", "correction"),
        ("Update: 10.42am: Police said the road had reopened.", "update"),
        (
            "In a story published March 3 about the lottery, The Associated Press erroneously "
            "reported the size of the jackpot.",
            "correction",
        ),
        # German
        (
            "Korrektur: In einer früheren Version dieses Artikels hieß es, die Brücke sei "
            "400 Meter lang.",
            "correction",
        ),
        ("Korrekturhinweis: Wir haben den Namen der Ministerin korrigiert.", "correction"),
        (
            "Anmerkung der Redaktion: Dieser Text wurde um eine Stellungnahme ergänzt.",
            "editors_note",
        ),
        ("Transparenzhinweis: Die Autorin ist Mitglied des Vereins.", "editors_note"),
        ("Klarstellung: Die Summe umfasst auch die Zuschüsse des Landes.", "clarification"),
        ("Dieser Artikel wurde am 4. März 2024 aktualisiert.", "update"),
        ("Update, 10.42 Uhr: Die Polizei hat den Verdächtigen festgenommen.", "update"),
        (
            "Hinweis: In einer früheren Version dieses Artikels war von 30 Toten die Rede.",
            "correction",
        ),
        ("Der Text wurde am 3. März 2024 um 10.42 Uhr aktualisiert.", "update"),
        ("Wir haben die entsprechende Passage korrigiert.", "correction"),
        ("Der Fehler wurde inzwischen korrigiert.", "correction"),
        ("Korrektur, 3. März: Das Museum öffnet am Dienstag, nicht am Montag.", "correction"),
        # French
        (
            "Rectificatif : une version précédente de cet article indiquait que le pont "
            "mesurait 400 mètres.",
            "correction",
        ),
        (
            "Précision : cet article a été modifié pour préciser que l'aide est un prêt.",
            "clarification",
        ),
        ("Note de la rédaction : cet article a été mis à jour le 4 mars 2024.", "editors_note"),
        ("Mise à jour : le maire a annoncé lundi soir la réouverture de la piscine.", "update"),
        ("Mis à jour à 10h42 : ajout de la réaction du ministre.", "update"),
        ("NDLR : cet article a été modifié pour corriger le nom du maire.", "editors_note"),
        (
            "Contrairement à ce que nous avons écrit, la séance du conseil est publique.",
            "correction",
        ),
        # Spanish
        (
            "Fe de errores: una versión anterior de este artículo decía que el puente medía "
            "400 metros.",
            "correction",
        ),
        (
            "Nota del editor: este artículo ha sido actualizado con la respuesta del alcalde.",
            "editors_note",
        ),
        ("Aclaración: la cifra incluye donaciones todavía no pagadas.", "clarification"),
        ("Actualización: la policía confirmó la detención de un segundo sospechoso.", "update"),
        (
            "Esta noticia fue corregida para reflejar el nombre correcto del consejero.",
            "correction",
        ),
        ("Nota: este artículo ha sido actualizado con la reacción del Gobierno.", "update"),
        # Dutch
        (
            "Correctie: in een eerdere versie van dit artikel stond dat de brug 400 meter is.",
            "correction",
        ),
        ("Noot van de redactie: de namen van de kinderen zijn veranderd.", "editors_note"),
        ("Verduidelijking: het bedrag is inclusief de bijdrage van de provincie.", "clarification"),
        ("Dit artikel is op 4 maart 2024 aangepast.", "update"),
        ("Update: de politie heeft zondagavond een tweede verdachte aangehouden.", "update"),
        ("Het artikel is aangepast.", "update"),
        # Italian
        (
            "Rettifica: in una precedente versione di questo articolo abbiamo scritto "
            "erroneamente che il ponte è lungo 400 metri.",
            "correction",
        ),
        (
            "Nota della redazione: questo articolo è stato aggiornato il 4 marzo 2024.",
            "editors_note",
        ),
        ("Precisazione: la somma comprende anche i contributi regionali.", "clarification"),
        ("Aggiornamento: la polizia ha arrestato un secondo sospettato nella notte.", "update"),
        ("Errata corrige: il ponte è lungo 40 metri.", "correction"),
        ("N.d.R.: questo articolo è stato aggiornato con la replica del sindaco.", "editors_note"),
        ("L'articolo è stato aggiornato alle 10.42.", "update"),
        # Portuguese
        ("Erramos: diferentemente do que foi publicado, a ponte tem 40 metros.", "correction"),
        (
            "Uma versão anterior deste texto informava erroneamente que o prefeito tem 54 anos.",
            "correction",
        ),
        (
            "Nota da Redação: esta reportagem foi atualizada para incluir a resposta"
            " da prefeitura.",
            "editors_note",
        ),
        ("Esclarecimento: o valor inclui doações ainda não pagas.", "clarification"),
        ("Atualização: a polícia confirmou a prisão de um segundo suspeito no domingo.", "update"),
        ("Notícia corrigida às 10h42: o ministro tem 45 anos.", "correction"),
        ("Este texto foi atualizado às 10h42 para acrescentar a posição da prefeitura.", "update"),
        ("O texto foi corrigido.", "correction"),
    ],
)
def test_each_languages_note_conventions_are_found_with_their_type(
    paragraph: str, note_type: str
) -> None:
    notes = detect_correction_notes([STORY, paragraph])
    assert [(n.note_type, n.paragraph_pos, n.note_text) for n in notes] == [
        (note_type, 1, paragraph)
    ]


@pytest.mark.parametrize(
    ("paragraph", "note_start"),
    [
        (
            "The council will meet again next week. Correction: An earlier version of this "
            "article misstated the date of the vote.",
            "Correction: An earlier",
        ),
        (
            "Reporting by Ann Lee; editing by Tom Fox. This article has been updated to add a "
            "comment from the mayor.",
            "This article has been updated",
        ),
        (
            "Die Stadt will im Herbst entscheiden. In einer früheren Version dieses Artikels "
            "stand, die Bibliothek schließe im Mai.",
            "In einer früheren Version",
        ),
        (
            "Der Rat tagt am Montag. Korrektur: Wir hatten fälschlicherweise geschrieben, die "
            "Sitzung sei öffentlich.",
            "Korrektur: Wir hatten",
        ),
        (
            "Le conseil se réunira lundi. Contrairement à ce que nous avons écrit dans une "
            "première version, la séance est publique.",
            "Contrairement à ce que",
        ),
        (
            "El pleno votará el jueves. Una versión anterior de este artículo situaba la "
            "votación el martes.",
            "Una versión anterior",
        ),
        (
            "De gemeente beslist in juni. In een eerdere versie van dit artikel werd de "
            "verkeerde datum genoemd.",
            "In een eerdere versie",
        ),
        (
            "La giunta deciderà a maggio. Diversamente da quanto scritto in precedenza, la "
            "seduta è pubblica.",
            "Diversamente da quanto",
        ),
        (
            "O prefeito não quis comentar. Diferentemente do que foi publicado em versão "
            "anterior deste texto, a votação será na quinta-feira.",
            "Diferentemente do que",
        ),
    ],
)
def test_a_note_inside_a_longer_paragraph_is_the_part_from_where_it_starts(
    paragraph: str, note_start: str
) -> None:
    [note] = detect_correction_notes([STORY, paragraph])
    assert note.paragraph_pos == 1
    assert note.note_text == paragraph[paragraph.index(note_start) :]


@pytest.mark.parametrize(
    ("label", "body", "note_type"),
    [
        (
            "Update:",
            "This story has been updated with a statement from the fire service.",
            "update",
        ),
        ("Update:", "The fire service said on Sunday that the blaze had been put out.", "update"),
        (
            "Correction added March 3, 2024",
            "An earlier version misstated the mayor's age.",
            "correction",
        ),
        (
            "Korrekturhinweis",
            "In einer früheren Version dieses Artikels war die Zahl zu hoch.",
            "correction",
        ),
        (
            "Rectificatif :",
            "Une version précédente de cet article indiquait une autre date.",
            "correction",
        ),
        ("Fe de errores", "Una versión anterior de este artículo decía otra cifra.", "correction"),
        (
            "Correctie",
            "In een eerdere versie van dit artikel stond een verkeerde naam.",
            "correction",
        ),
        (
            "Aggiornamento:",
            "Questo articolo è stato aggiornato con la replica del sindaco.",
            "update",
        ),
        ("Erramos", "Diferentemente do que foi publicado, o evento começa às 20h.", "correction"),
    ],
)
def test_a_label_paragraph_and_the_body_after_it_are_one_note(
    label: str, body: str, note_type: str
) -> None:
    [note] = detect_correction_notes([STORY, label, body, STORY])
    assert (note.note_type, note.paragraph_pos, note.note_text) == (
        note_type,
        1,
        f"{label} {body}",
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        # Bare stamps: they say when, never what.
        "UPDATED: Tuesday, 3 March 2024 10:42",
        "Updated: 10:42 a.m. ET, Tue March 3, 2024",
        "Updated 2 hours ago",
        "Aktualisiert am 3.3.2024, 10:42 Uhr",
        "Update: 10:42 Uhr",
        "Stand: 03.03.2024 10:42 Uhr",
        "Mis à jour le 3 mars 2024 à 10h42",
        "Publié le 3 mars 2024 à 08h00, mis à jour le 3 mars 2024 à 10h42",
        "Actualizado: 03/03/2024 10:42 h",
        "Actualizado el 3 de marzo de 2024 a las 10:42 CET",
        "Bijgewerkt op 3 maart 2024, 10:42",
        "Aggiornato il 3 marzo 2024 alle 10:42",
        "Ultimo aggiornamento: 03/03/2024 ore 10:42",
        "Atualizado em 3.mar.2024 às 10h42",
        "Atualizado há 2 horas",
        # Teasers that start with an update label.
        "Update: Apple's new phone is here",
        "Update: The best budget laptops to buy right now",
        "Update: Das neue iPhone im Test",
        "Mise à jour : le nouveau smartphone de Samsung",
        "Actualización: el nuevo iPhone, a prueba",
        "Update: de beste smartphones van dit moment",
        "Aggiornamento: il nuovo iPhone alla prova",
        "Atualização: o novo iPhone chega ao Brasil",
        "UPDATE 2-Oil rises on supply fears",
        "Update: Apple releases iOS 17.4 with new emoji",
        "Update 5.3: Neue Funktionen",
        # Footer links.
        "Report a correction",
        "Fehler gefunden? Jetzt melden",
        "Signaler une erreur",
        "Fe de errores",
        "Erramos",
        # Stories that mention a correction, and everyday uses of the words.
        "Stocks slid into correction territory on Friday.",
        "The Post published an editor's note on Monday saying the column had been changed.",
        "Die Zeitung veröffentlichte am Montag eine Korrektur zu dem Bericht.",
        "In einer früheren Version des Gesetzes war die Frist länger.",
        "Le quotidien a publié un rectificatif mardi.",
        "Une version de cet article a été publiée dans notre édition du 3 mars.",
        "Précision : 0,1 millimètre",
        "El diario publicó una fe de errores el lunes.",
        "De krant plaatste maandag een correctie.",
        "Il quotidiano ha pubblicato una rettifica lunedì.",
        "Il sindaco (ndr: Mario Rossi) ha detto che la piscina riaprirà.",
        "O jornal publicou uma correção na segunda-feira.",
        "Diferentemente do que foi publicado pelo jornal, o ministro negou a viagem.",
        "O texto foi alterado pelo relator na comissão.",
        "Mit dem Update wird eine praktische Funktion nachgereicht.",
        # Generic heads ("Note:", "Hinweis:", "Nota:") count only before a note's wording.
        "Note: Prices may vary by region.",
        "For the record: I voted for him twice.",
        "Hinweis: Die Veranstaltung beginnt um 19 Uhr.",
        "Nota: los precios incluyen IVA.",
        # Quoted or attributed: another paper's note, or a speaker.
        "“An earlier version of this article misstated his role,” the Times wrote.",
        "Bild hat die Angabe inzwischen korrigiert.",
        "Der Artikel wurde in der „Bild“ veröffentlicht.",
        "Nous avons écrit une page d'histoire, a déclaré l'entraîneur.",
        "Anders als zunächst berichtet, gab es zwei Tote.",
        "A diferencia de lo publicado por varios medios, el acuerdo no está cerrado.",
        "Diferentemente do que afirmou o ministro, a obra não foi concluída.",
        # An article of law is not the article.
        "L'article a été modifié par les députés en commission.",
        "El artículo 155 fue aplicado en 2017.",
        "L'articolo 18 è stato modificato nel 2012.",
        "Artikel 23 is aangepast door de Tweede Kamer.",
        # Pairs of stamps.
        "Veröffentlicht am 03.03.2024 um 10:42 Uhr, aktualisiert am 03.03.2024 um 11:00 Uhr",
        "Publicado el 3 mar 2024 - 10:42 CET. Actualizado: 3 mar 2024 - 11:00 CET",
        "Pubblicato: 3 marzo 2024 - 10:42 | Aggiornato: 3 marzo 2024 - 11:00",
        "Gepubliceerd: 3 maart 2024, 10:42 Laatste update: 3 maart 2024, 11:00",
        "Publicado em 3.mar.2024 às 10h42 Atualizado em 3.mar.2024 às 11h00",
        "Mis à jour il y a 5 minutes",
    ],
)
def test_stamps_teasers_footers_and_mentions_are_not_notes(paragraph: str) -> None:
    assert detect_correction_notes([STORY, paragraph, STORY]) == []


@pytest.mark.parametrize(
    ("stamp", "following"),
    [
        ("UPDATED: Tuesday, 3 March 2024 10:42", "Police said two more people had died overnight."),
        ("Updated 10:42 GMT", "This story has been updated with a statement from the police."),
        ("Corrections", "Report a correction or typo"),
        ("Correction: March 24, 2024", "Contact us"),
        ("Erramos?", "Erramos? Fale com a Redação"),
    ],
)
def test_a_stamp_or_footer_line_does_not_head_the_next_paragraph(
    stamp: str, following: str
) -> None:
    notes = detect_correction_notes([STORY, stamp, following])
    assert [(n.paragraph_pos, n.note_text) for n in notes] in (
        [],
        [(2, following)],  # the next paragraph may be a note by itself, never with the stamp
    )


@pytest.mark.parametrize(
    ("paragraph", "iso"),
    [
        ("Correction added 3 March 2024: The bridge is 40 metres long.", "2024-03-03"),
        ("Correction added 3 March: The bridge is 40 metres long.", None),
        ("This article was amended on Sunday, 5 May 2024 to correct a name.", "2024-05-05"),
        ("Korrektur vom 3. März 2024: Die Brücke ist 40 Meter lang.", "2024-03-03"),
        ("Dieser Artikel wurde am 4.3.2024 korrigiert.", "2024-03-04"),
        ("Correctif (3 mars 2024) : le pont mesure 40 mètres.", "2024-03-03"),
        ("Note de la rédaction : cet article a été mis à jour le 1er avril 2024.", "2024-04-01"),
        ("Corrección (3 de marzo de 2024): el puente mide 40 metros.", "2024-03-03"),
        ("Dit artikel is op 4 maart 2024 aangepast.", "2024-03-04"),
        ("Nota della redazione: questo articolo è stato aggiornato il 4 marzo 2024.", "2024-03-04"),
        ("Correção (3.mar.2024): o nome do secretário é João Silva.", "2024-03-03"),
        (
            "For the record: 10:42 a.m. March 3, 2024: An earlier version of this article erred.",
            "2024-03-03",
        ),
    ],
)
def test_a_note_date_is_read_in_each_language(paragraph: str, iso: str | None) -> None:
    [note] = detect_correction_notes([STORY, paragraph])
    assert note.note_date == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("3. März 2024", "2024-03-03"),
        ("1er avril 2024", "2024-04-01"),
        ("3 de marzo de 2024", "2024-03-03"),
        ("3 maart 2024", "2024-03-03"),
        ("3 marzo 2024", "2024-03-03"),
        ("3 de março de 2024", "2024-03-03"),
        ("3.mar.2024", "2024-03-03"),
        ("03.03.2024", "2024-03-03"),
        ("3. März", None),
    ],
)
def test_find_date_reads_each_languages_dates(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("Tuesday, 3 March 2024 10:42", True),
        ("am 3.3.2024, 10:42 Uhr", True),
        ("le 3 mars 2024 à 10h42", True),
        ("hace 2 horas", True),
        ("officers at the state prison", False),
        ("Das neue iPhone im Test", False),
    ],
)
def test_a_stamp_is_only_dates_times_and_stamp_words(text: str, stamp: bool) -> None:
    assert is_stamp(text) is stamp


@pytest.mark.parametrize(
    ("body", "wrong", "right"),
    [
        (
            "In einer früheren Version hieß es fälschlicherweise, die Brücke sei 400 Meter lang. "
            "Richtig ist: Sie ist 40 Meter lang.",
            "die Brücke sei 400 Meter lang",
            "Sie ist 40 Meter lang",
        ),
        ("Die Sitzung ist am Dienstag, nicht am Montag.", "am Montag", "am Dienstag"),
        (
            "Une version précédente de cet article indiquait par erreur que le pont mesurait 400 "
            "mètres. En réalité, il mesure 40 mètres.",
            "le pont mesurait 400 mètres",
            "il mesure 40 mètres",
        ),
        ("La séance est publique, et non privée.", "privée", "publique"),
        (
            "Una versión anterior de este artículo decía erróneamente que el puente medía 400 "
            "metros. En realidad, mide 40.",
            "el puente medía 400 metros",
            "mide 40",
        ),
        (
            "In een eerdere versie van dit artikel stond abusievelijk dat de brug 400 meter is. "
            "Dat moet zijn: 40 meter.",
            "de brug 400 meter is",
            "40 meter",
        ),
        (
            "In una precedente versione abbiamo scritto erroneamente che il ponte è lungo 400 "
            "metri. In realtà è lungo 40 metri.",
            "il ponte è lungo 400 metri",
            "è lungo 40 metri",
        ),
        (
            "Diferentemente do que foi publicado, o nome do secretário é João Silva, e não José "
            "Silva.",
            "José Silva",
            "João Silva",
        ),
        (
            "Diversamente da quanto scritto in precedenza, la seduta è pubblica.",
            None,
            "la seduta è pubblica",
        ),
        (
            "Uma versão anterior deste texto informava erroneamente que o prefeito tem 54 anos. "
            "Na verdade, ele tem 45.",
            "o prefeito tem 54 anos",
            "ele tem 45",
        ),
        ("This version corrects the spelling of the region to Tuva, not Tyva.", "Tyva", "Tuva"),
    ],
)
def test_wrong_and_right_text_in_each_language(
    body: str, wrong: str | None, right: str | None
) -> None:
    assert wrong_and_right(body) == (wrong, right)
