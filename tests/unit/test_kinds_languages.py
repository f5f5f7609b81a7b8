"""Change kinds in German, French, Spanish, Dutch, Italian and Portuguese: each language's grammar
words, number words, dates, reporting verbs, hedges and quotation habits, and German's capitals
on every noun. Every sentence here is made up for the test."""

from __future__ import annotations

import pytest

from newsledger.changes.diffing import diff_field
from newsledger.changes.figures import amounts
from newsledger.changes.kinds import label_changes
from newsledger.changes.lexicon import LANGUAGES, LEXICONS, detect_language
from newsledger.changes.names import name_evidence


def kinds(before: str, after: str, field: str = "summary") -> set[str]:
    return {label.kind for label in label_changes(diff_field(before, after, field))} - {"headline"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Der Kanzler sagt, die Lage sei ernst", "de"),
        ("Le maire annonce une réforme des transports", "fr"),
        ("El alcalde anuncia una reforma del transporte", "es"),
        ("De burgemeester zegt dat het plan niet doorgaat", "nl"),
        ("Il sindaco annuncia la riforma dei trasporti", "it"),
        ("O prefeito anuncia uma reforma dos transportes", "pt"),
        ("Harbour bridge to close for repairs, mayor says", "en"),
        # Names keep their own words and accents inside English text.
        ("Peña and Muñoz sign for Real Madrid", "en"),
        ("La Liga: Real Madrid lead in El Clasico", "en"),
        ("Die Hard star retires from acting", "en"),
        ("Ukraine war: thousands march in the capital", "en"),
    ],
)
def test_the_language_of_a_text_shows_in_its_grammar_words(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_every_language_has_every_list() -> None:
    assert set(LANGUAGES) == {"en", "de", "fr", "es", "nl", "it", "pt"}
    for lexicon in LEXICONS.values():
        assert lexicon.function_words and lexicon.numbers and lexicon.calendar_words
        assert lexicon.speech_verbs and lexicon.according and lexicon.hedges
        assert lexicon.role_nouns and lexicon.label_words >= LEXICONS["en"].label_words


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Zwei Verletzte bei Brand in der Altstadt", "Drei Verletzte bei Brand in der Altstadt"),
        ("Deux blessés dans un incendie du port", "Trois blessés dans un incendie du port"),
        ("Dos heridos en un incendio del puerto", "Tres heridos en un incendio del puerto"),
        ("Twee gewonden bij brand in de haven", "Drie gewonden bij brand in de haven"),
        ("Due feriti in un incendio al porto", "Tre feriti in un incendio al porto"),
        (
            "Dois feridos em incêndio no porto da cidade",
            "Três feridos em incêndio no porto da cidade",
        ),
    ],
)
def test_a_number_word_replaced_is_a_figure_in_every_language(before: str, after: str) -> None:
    assert kinds(before, after, "title") == {"numeric"}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Zwei Verletzte bei Brand in der Altstadt", "2 Verletzte bei Brand in der Altstadt"),
        ("Deux blessés dans un incendie du port", "2 blessés dans un incendie du port"),
        ("Tres heridos en un incendio del puerto", "3 heridos en un incendio del puerto"),
        ("Drie gewonden bij brand in de haven", "3 gewonden bij brand in de haven"),
    ],
)
def test_a_number_written_as_word_or_digits_is_one_figure(before: str, after: str) -> None:
    assert kinds(before, after, "title") == {"cosmetic"}


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Schaden von 3 Millionen Euro", {"3m"}),
        ("un coût de 2 milliards d'euros", {"2bn"}),
        ("una subida del 5 por ciento", {"5%"}),
        # Articles that are also the numeral one are articles.
        ("Ein Mann und eine Frau verletzt", set()),
        ("Un homme et une femme blessés", set()),
    ],
)
def test_amounts_read_each_languages_units_and_not_its_articles(
    text: str, figures: set[str]
) -> None:
    assert set(amounts(text)) == figures


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Das Treffen im Rathaus findet am Montag statt",
            "Das Treffen im Rathaus findet am Dienstag statt",
        ),
        ("La réunion à la mairie aura lieu lundi", "La réunion à la mairie aura lieu mardi"),
        (
            "La reunión en el ayuntamiento será el lunes",
            "La reunión en el ayuntamiento será el martes",
        ),
        ("A reunião na câmara será na segunda-feira", "A reunião na câmara será na terça-feira"),
        (
            "De vergadering in het stadhuis is op maandag",
            "De vergadering in het stadhuis is op dinsdag",
        ),
    ],
)
def test_a_day_replaced_is_a_figure_in_every_language(before: str, after: str) -> None:
    assert kinds(before, after) == {"numeric"}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # The match clock ("second half") is not a count.
        (
            "Il gol arriva nel secondo tempo della partita",
            "Il gol arriva nel primo tempo della partita",
        ),
        (
            "Das Tor fällt in der zweiten Halbzeit des Spiels",
            "Das Tor fällt in der ersten Halbzeit des Spiels",
        ),
    ],
)
def test_an_ordinal_match_period_is_the_clock_not_a_figure(before: str, after: str) -> None:
    assert "numeric" not in kinds(before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Zwei Verletzte im Hafen, sagt die Polizei",
            "Zwei Verletzte im Hafen, sagt die Feuerwehr",
        ),
        (
            "Deux blessés dans le port, selon la police",
            "Deux blessés dans le port, selon les pompiers",
        ),
        (
            "Dos heridos en el puerto, según la policía",
            "Dos heridos en el puerto, según los bomberos",
        ),
        (
            "Twee gewonden in de haven, volgens de politie",
            "Twee gewonden in de haven, volgens de brandweer",
        ),
        ("Due feriti al porto, secondo la polizia", "Due feriti al porto, secondo i vigili"),
        ("Dois feridos no porto, segundo a polícia", "Dois feridos no porto, segundo os bombeiros"),
    ],
)
def test_another_source_is_attribution_in_every_language(before: str, after: str) -> None:
    assert kinds(before, after) == {"attribution"}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Der Täter soll über die Grenze geflohen sein", "Der Täter ist über die Grenze geflohen"),
        ("Le suspect aurait quitté la ville", "Le suspect a quitté la ville"),
        (
            "El detenido robó el coche en el puerto",
            "El detenido presuntamente robó el coche en el puerto",
        ),
        (
            "De verdachte is naar verluidt met de auto uit het land gevlucht",
            "De verdachte is met de auto uit het land gevlucht",
        ),
        (
            "Il sospettato avrebbe lasciato la città con gli amici",
            "Il sospettato ha lasciato la città con gli amici",
        ),
        (
            "O suspeito teria fugido da cidade com o carro do irmão",
            "O suspeito fugiu da cidade com o carro do irmão",
        ),
    ],
)
def test_a_hedge_inserted_or_dropped_is_attribution(before: str, after: str) -> None:
    assert "attribution" in kinds(before, after)


def test_secondo_and_segundo_are_a_source_only_before_an_article() -> None:
    # "segundo lugar" is second place: no source there.
    assert kinds(
        "O clube termina em segundo lugar na liga", "O clube termina em terceiro lugar na liga"
    ) != {"attribution"}
    assert amounts("segundo o ministro da saúde") == amounts("o ministro da saúde")


@pytest.mark.parametrize(
    ("before", "after", "evidence"),
    [
        # German capitalises every noun: a capital alone makes no name.
        (
            "Die Regierung plant eine neue Steuer für Familien",
            "Die Regierung plant eine neue Abgabe für Familien",
            "",
        ),
        (
            "Der Streik legt den Verkehr in der Stadt lahm",
            "Der Warnstreik legt den Verkehr in der Stadt lahm",
            "",
        ),
        # A name beside another capitalised name, after a role, or bare after "nach", "in".
        (
            "Kanzler Scholz trifft Emmanuel Macron im Kanzleramt",
            "Kanzler Scholz trifft Giorgia Meloni im Kanzleramt",
            "Emmanuel, Macron → Giorgia, Meloni",
        ),
        (
            "Der Kanzler reist am Montag nach Paris",
            "Der Kanzler reist am Montag nach Rom",
            "Paris → Rom",
        ),
        (
            "Die Polizei nimmt einen Verdächtigen in Hamburg fest",
            "Die Polizei nimmt einen Verdächtigen in Bremen fest",
            "Hamburg → Bremen",
        ),
        # French and Italian elide the article into the name: "l'Élysée" is Élysée.
        (
            "Le président reçu à l'Élysée par le ministre",
            "Le président reçu à l'Assemblée par le ministre",
            "Élysée → Assemblée",
        ),
    ],
)
def test_names_in_languages_that_capitalise_otherwise(
    before: str, after: str, evidence: str
) -> None:
    assert name_evidence(before, after) == evidence


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # Dutch and British headlines quote in single marks; French and German in their own.
        ("Minister: 'We gaan door met het plan'", "Minister: 'We stoppen met het plan'"),
        ("Le maire dénonce une «honte» au conseil", "Le maire dénonce un «scandale» au conseil"),
        (
            "Der Bürgermeister spricht von „Schande“ im Rat",
            "Der Bürgermeister spricht von „Skandal“ im Rat",
        ),
    ],
)
def test_words_inside_each_languages_quotation_marks_are_a_quote(before: str, after: str) -> None:
    assert kinds(before, after, "title") == {"quote"}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Hafen: Fähre fällt aus - Liveticker", "Hafen: Fähre fällt aus - Liveblog"),
        ("Port : le ferry est annulé - en direct", "Port : le ferry est annulé - vidéo"),
    ],
)
def test_a_live_pages_label_in_any_language_is_furniture(before: str, after: str) -> None:
    assert kinds(before, after, "title") <= {"cosmetic"}
