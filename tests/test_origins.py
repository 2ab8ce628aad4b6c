"""Who said it: the origins of claims as a reader sees them in the numbers table, on
sentences written for the tests in the forms real reports use."""

from __future__ import annotations

import pytest

from conftest import report
from lagebild.claims import document_claims


def _origins(text: str, language: str) -> dict[float, str | None]:
    """Each figure of a report written for the test -> the origin its claim gives it."""
    doc = report("t1", text, "2024-10-30", language=language)
    return {q.value: c.attributed_to for c in document_claims(doc) for q in c.quantities}


@pytest.mark.parametrize(
    "text, language, figure, origin",
    [
        # A sentence that opens on a figure after another origin's claim is not its rest.
        (
            "Der Premier wird um 10.00 Uhr erwartet, wie das Präsidialamt mitteilte. "
            "312 der 577 Abgeordneten hatten zuvor für den Antrag gestimmt.",
            "de",
            312,
            None,
        ),
        (
            "The prime minister will resign on Thursday, the Elysee said. "
            "312 of the 577 deputies had voted against him.",
            "en",
            312,
            None,
        ),
        # A sentence cut at an abbreviation ("po godz.") goes on with the origin it named.
        (
            "Policja poinformowała po godz. 14 o tym, że liczba ofiar wzrosła do 73.",
            "pl",
            73,
            "Polizei",
        ),
    ],
)
def test_a_sentence_opening_on_a_figure_goes_on_only_after_a_cut(text, language, figure, origin):
    assert _origins(text, language)[figure] == origin
