"""Figures as a German reader reads them, whatever language reported them: "au moins
quatre-vingt-douze" is "mindestens 92", "1,6 tys." is "1.600", "€846 million" is
"846 Mio.", "7h35" is "7:35 Uhr"."""

from __future__ import annotations

from lagebild.numbers import GERMAN_HEDGES, LOWER_BOUND, NEAR, UPPER_BOUND

# Hedges of other languages in German words; those no entry names are said by what they
# allow (german_hedge).
_HEDGES_DE = {
    "about": "etwa",
    "around": "rund",
    "roughly": "rund",
    "approximately": "etwa",
    "nearly": "fast",
    "almost": "fast",
    "more than": "mehr als",
    "over": "über",
    "at least": "mindestens",
    "up to": "bis zu",
    "fewer than": "weniger als",
    "less than": "weniger als",
    "some": "etwa",
    "an estimated": "schätzungsweise",
    "estimated": "schätzungsweise",
    "as many as": "bis zu",
}
# Lower bounds that exclude their figure ("plus de 200" is not 200): "mehr als".
_MORE_THAN = frozenset(
    "plus de|más de|più di|oltre|mais de|ponad|meer dan|více než|přes|более|свыше|أكثر من".split("|")
)


def german_hedge(approx: str | None) -> str:
    """A hedge in German ("au moins" -> "mindestens", "plus de" -> "mehr als")."""
    approx = (approx or "").lower()
    if approx in _HEDGES_DE:
        return _HEDGES_DE[approx]
    if approx in GERMAN_HEDGES:
        return approx
    if approx in _MORE_THAN:
        return "mehr als"
    if approx in LOWER_BOUND:
        return "mindestens"
    if approx in UPPER_BOUND:
        return "höchstens"
    return "etwa" if approx in NEAR else ""


def german_number(value: float) -> str:
    """A number with German separators ("10.000", "1,5")."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


# Numbers up to twelve are written as words in German prose ("vier Menschen").
_WORDS = "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf".split()


def german_amount(
    value: float, value_max: float | None = None, approx: str | None = None, words: bool = False
) -> str:
    """A figure with its hedge in German ("mindestens 92", "11.000 bis 12.000"); with
    ``words``, as prose writes it ("vier" for 4: from two to twelve)."""
    whole = float(value).is_integer() and value_max is None
    if words and whole and 2 <= value <= 12:
        return f"{german_hedge(approx)} {_WORDS[int(value) - 2]}".strip()
    shown = german_number(value)
    if value_max is not None:
        shown = f"{shown} bis {german_number(value_max)}"
    return f"{german_hedge(approx)} {shown}".strip()


def german_figure(figure: dict) -> str:
    """A claim's figure (Quantity.as_dict) as a table shows it: a year as written, a time
    of day as "7:35 Uhr", millions and billions as "846 Mio." and "1,5 Mrd.", others as
    german_amount."""
    value, value_max, approx = figure["value"], figure.get("value_max"), figure.get("approx")
    if figure.get("unit") in ("Geburtsjahr", "Jahr"):
        return f"{german_hedge(approx)} {int(value)}".strip()  # "1936", not "1.936"
    if figure.get("unit") == "Uhrzeit":
        hours, minutes = divmod(round(float(value) * 100), 100)
        return f"{german_hedge(approx)} {hours}:{minutes:02d} Uhr".strip()
    for size, word in ((1e9, "Mrd."), (1e6, "Mio.")):
        if value >= size and (value_max is None or value_max >= size):
            scaled = german_amount(value / size, value_max / size if value_max else None, approx)
            return f"{scaled} {word}"
    return german_amount(value, value_max, approx)
