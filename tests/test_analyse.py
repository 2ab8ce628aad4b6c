"""Sentence splitting and language identification on sentences written in the devset's forms."""

from __future__ import annotations

import pytest

from lagebild.analyse import analyse, detect_language, normalise_text, split_sentences

# Each case: a text written for the test and the sentences it must split into.
CASES = [
    ("Rund 10.000 Soldaten sollen nach Russland verlegt worden sein. Das teilte der Geheimdienst mit.", 2),
    ("Die Soldaten erhalten ca. 2000 Dollar pro Monat. Das berichtete Yonhap.", 2),
    ("Das NIS hat am 1. Nov. 2024 darüber informiert. Weitere Details folgten.", 2),
    ("Am 11. September stürzte ein Teil ein. Niemand wurde verletzt.", 2),
    ("Der 3. Oktober ist ein Feiertag. Am 24. Dez. 2024 kam es zu Angriffen.", 2),
    ("Die Brücke Nr. 5 ist gesperrt. Die Polizei ermittelt u.a. wegen Sabotage.", 2),
    ("Es geht um die Jahre 2023 bzw. 2024. Der Bericht wurde z. B. von der FAZ zitiert.", 2),
    ("„Wir sind besorgt“, sagte Rutte. Er forderte Konsequenzen.", 2),
    ("Er sagte: „Das ist inakzeptabel.“ Danach verließ er den Saal.", 2),
    ("„Warum jetzt?“, fragte die Abgeordnete. Eine Antwort blieb aus.", 2),
    ("Laut Dr. Müller ist die Lage ernst. Prof. Schmidt widersprach.", 2),
    ("Die Kosten liegen bei 3,5 Mio. Euro. Die Stadt zahlt.", 2),
    ("Zum 5. Mal tagte der Krisenstab. Um 4.30 Uhr war das Feuer gelöscht.", 2),
    ("Die Zahl der Toten stieg auf 25. Die Behörden rechnen mit weiteren Opfern.", 2),
    ("The U.S. said about 10,000 troops were there. Officials said more could follow.", 2),
    ("Gov. Gavin Newsom spoke on Jan. 8. He said the fires were devastating.", 2),
    ("At least 16 people were killed, according to officials. J. Smith, a resident, fled.", 2),
    ("He said no. Then he left. See No. 5 for details.", 3),
    ("Ein Titel ohne Punkt\nDer erste Satz. Der zweite Satz!", 3),
    ("Wie geht es weiter? Das ist offen … Niemand weiß es.", 3),
    # Sentences glued together by a scraper, and look-alikes that are one sentence.
    ("Das teilten die Behörden am Abend mit.Insgesamt gibt es fünf Brände.", 2),
    ("Das berichtete die Agentur Yonhap.Nach der Verfassung darf er das.", 2),
    ("Laut Prof.Schmidt und www.tagesschau.De ist das so.", 1),
]


@pytest.mark.parametrize(("text", "count"), CASES)
def test_split_counts(text, count):
    sentences = split_sentences(text)
    assert len(sentences) == count, [s.text for s in sentences]


def test_offsets_are_verbatim():
    text = "  Erster Satz mit 10.000 Soldaten.   Zweiter Satz laut NIS.\n\nDritter: „Zitat.“ "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Erster Satz mit 10.000 Soldaten.",
        "Zweiter Satz laut NIS.",
        "Dritter: „Zitat.“",
    ]
    for i, s in enumerate(sentences):
        assert s.index == i and text[s.start : s.end] == s.text


def test_split_exact_boundaries():
    text = "Am 11. September stürzte ein Teil ein. Niemand wurde verletzt."
    assert [s.text for s in split_sentences(text)] == [
        "Am 11. September stürzte ein Teil ein.",
        "Niemand wurde verletzt.",
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Stadtverwaltung hat die Brücke am Donnerstag für den Verkehr gesperrt.", "de"),
        ("The storm knocked out power to about 40,000 homes along the coast.", "en"),
        ("La tormenta dejó sin electricidad a miles de hogares en la costa.", "es"),
    ],
)
def test_language(text, lang):
    assert detect_language(text) == lang


def test_language_unsure_on_tiny_text():
    assert detect_language("Kursk") is None


def test_analyse_keeps_given_language():
    assert analyse("The storm knocked out power to thousands.", "de").language == "de"


def test_normalise_text():
    assert normalise_text("a\r\nb \u00a0c\n\n\n\nd  ") == "a\nb  c\n\nd"
