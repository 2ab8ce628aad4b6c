"""Quantities in German and English news sentences: value or range, hedge, what is counted.

Written by hand: the parsers on PyPI (quantulum3, number-parser) know English
units but not German number formats ("10.000", "3,5 Mio.", "11.000 bis
12.000"), German number words or the hedges news use ("rund", "mindestens").
Dates, clock times and ordinals are not quantities and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_NUMBERS = {
    # German
    "ein": 1,
    "eine": 1,
    "einer": 1,
    "einem": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "zwanzig": 20,
    "dreißig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "hundert": 100,
    "tausend": 1000,
    "zehntausend": 10_000,
    "hunderttausend": 100_000,
    # English
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
}
# Vague plurals: a lower bound, and the word itself as the hedge.
_VAGUE = {
    "dutzende": 24,
    "hunderte": 200,
    "tausende": 2000,
    "zehntausende": 20_000,
    "hunderttausende": 200_000,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
    "tens of thousands": 20_000,
    "dizaines": 20,
    "centaines": 200,
    "milliers": 2000,
    "decenas": 20,
    "centenares": 200,
    "cientos": 200,
    "miles": 2000,
    "decine": 20,
    "centinaia": 200,
    "migliaia": 2000,
    "dezenas": 20,
    "centenas": 200,
    "milhares": 2000,
    "dziesiątki": 20,
    "setki": 200,
    "tysiące": 2000,
    "tientallen": 20,
    "honderden": 200,
    "duizenden": 2000,
}
_SCALES = {
    "million": 1e6,
    "millionen": 1e6,
    "mio": 1e6,
    "mio.": 1e6,
    "m": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "mrd": 1e9,
    "mrd.": 1e9,
    "billion": 1e9,
    "bn": 1e9,
    "tausend": 1e3,
    "thousand": 1e3,
    "k": 1e3,
    "mil": 1e3,
    "millones": 1e6,
}
# Hedges before a number, by what they allow: a lower bound, an upper bound,
# or a value near the number.
LOWER_BOUND = frozenset(
    {"mehr als", "mindestens", "über", "gut", "more than", "at least", "over"}
    # French, Spanish, Italian, Portuguese, Polish, Dutch
    | {"au moins", "plus de", "más de", "al menos", "por lo menos", "almeno", "più di", "oltre"}
    | {"pelo menos", "mais de", "co najmniej", "ponad", "minstens", "meer dan", "ruim", "zeker"}
)
UPPER_BOUND = frozenset(
    {
        "weniger als",
        "bis zu",
        "höchstens",
        "unter",
        "nicht mehr als",
        # "jusqu'à", "hasta", "fino a", "do", "tot" also mean "rose to": not bounds.
        "moins de",
        "menos de",
        "meno di",
        "up to",
        "at most",
        "fewer than",
        "less than",
        "as many as",
    }
)
NEAR = frozenset(
    {
        "rund",
        "etwa",
        "ca.",
        "circa",
        "zirka",
        "ungefähr",
        "knapp",
        "fast",
        "beinahe",
        "schätzungsweise",
        "an die",
        "about",
        "around",
        "roughly",
        "approximately",
        "nearly",
        "almost",
        "some",
        "an estimated",
        "estimated",
        "environ",
        "près de",
        "quelque",
        "presque",
        "unos",
        "unas",
        "cerca de",
        "alrededor de",
        "casi",
        "quasi",
        "quase",
        "około",
        "prawie",
        "blisko",
        "ongeveer",
        "bijna",
        "zo'n",
    }
)
# The German ones among them, which a German text may show as they stand.
GERMAN_HEDGES = frozenset(
    {"mehr als", "mindestens", "über", "gut", "weniger als", "bis zu", "höchstens", "unter", "nicht mehr als"}
    | {"rund", "etwa", "ca.", "circa", "zirka", "ungefähr", "knapp", "fast", "beinahe", "schätzungsweise"}
    | {"an die", "mehrere", "einige"}
)
_APPROX = sorted(LOWER_BOUND | UPPER_BOUND | NEAR | {"mehrere", "einige", "several"})
# "rund 10.000" allows five per cent either way: enough for rounding, while
# 10.000 against 11.000 to 12.000 stays a contradiction.
NEAR_TOLERANCE = 0.05
_MONTHS = (
    "januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
    "jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez|january|february|march|may|june|july|"
    "october|december|mar|oct|dec"
)

# Thousands separators the web writes: dot, comma, space, no-break and narrow no-break
# and thin spaces (French), apostrophes (Swiss: 2'000).
_GROUP = ".,\u00a0\u202f\u2009 '’"
# A number as written: 10.000 / 10 000 / 10,000 / 2'000 / 3,5 / 3.5 / 1.5M / 2000
_NUM = rf"\d{{1,3}}(?:[{_GROUP}]\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE_WORDS = (
    r"Millionen|Million|Milliarden|Milliarde|Mio\.?|Mrd\.?|billion|million|bn|tausend|thousand|millones|mil"
)
_SCALE = rf"(?:\s*(?:{_SCALE_WORDS})\b|[MmKk]\b)?"
_WORDS = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_VAGUES = "|".join(sorted(_VAGUE, key=len, reverse=True))
_APPROXES = "|".join(re.escape(a) for a in sorted(_APPROX, key=len, reverse=True))
_CURRENCY = r"(?:\$|US-\$|€|£)"

_QUANTITY = re.compile(
    rf"""
    (?:(?P<approx>{_APPROXES})\s+)?
    (?:(?:zwischen|between)\s+)?
    (?P<cur>{_CURRENCY})?\s?
    (?:
        (?P<num>{_NUM}){_SCALE}
        (?:\s*(?:bis|to|und|and|-|–|—)\s*{_CURRENCY}?\s?(?P<num2>{_NUM}))?
        (?P<scale>{_SCALE})
      | \b(?P<vague>{_VAGUES})\b
      | \b(?P<word>{_WORDS})\b
    )
    (?P<pct>\s*(?:%|Prozent|percent|per\s?cent))?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_DATE_AFTER = re.compile(rf"^\.?\s*(?:{_MONTHS})\b", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_TIME_AFTER = re.compile(r"^\s*(?:Uhr|a\.m\.|p\.m\.|am\b|pm\b|:\d\d)", re.IGNORECASE)
_ORDINAL_AFTER = re.compile(r"^\.\s*(?:[a-zäöüß]|Mal\b|Jahrhundert|Liga|Stock|Platz|Runde)")
# "266th", "3rd", "21e", "266ème", "2º", "1ª", "5-ten": a rank, not a count.
_ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th|e|er|ère|ème|eme|º|ª|°(?![CF]))(?![\w])", re.IGNORECASE)
_SCALE_WORD = re.compile(_SCALE.replace("(?:", "(?:", 1) + "$", re.IGNORECASE)
_UNIT = re.compile(
    r"\.?\s*(?:[-–]\s*)?([A-Za-zÄÖÜäöüß][\w\-]*)(?:\s+([A-Za-zÄÖÜäöüß][\w\-]*))?(?:\s+([A-Za-zÄÖÜäöüß][\w\-]*))?"
)

# What is counted, to a canonical German name: the first word after the number
# that is in this table (adjectives such as "nordkoreanische" are skipped).
UNITS = {
    # German and English, then French, Spanish, Italian, Portuguese, Polish and Dutch forms.
    "Soldaten": "soldat soldaten soldier soldiers troops truppen kämpfer fighters "
    "soldats soldados soldati żołnierzy żołnierze soldaten militares militaires",
    "Tote": "tote toten todesopfer todesopfern todesfälle todesfällen opfer deaths dead killed lives leichen "
    "fatalities casualties victims muertos morts décès victimes fallecidos víctimas morti vittime "
    "mortos vítimas ofiar zabitych doden",
    "Verletzte": "verletzte verletzten verwundete verwundeten wounded injured schwerverletzte "
    "blessés heridos feriti feridos rannych gewonden",
    "Menschen": "menschen personen people persons bewohner residents einwohner personas "
    "personnes habitants persone abitanti pessoas habitantes osób osoby ludzi mensen inwoners",
    "Gebäude": "gebäude häuser häusern structures buildings homes houses wohnungen estructuras edificios",
    "Abgeordnete": "abgeordnete abgeordneten lawmakers deputies members mitglieder parlamentarier",
    "Stunden": "stunden stunde hours hour heures horas ore godzin uur",
    "Tage": "tage tagen days day jours días giorni dias dni dagen",
    "Kilometer": "kilometer km kilometern kilometres kilometers meilen miles",
    "Meter": "meter metern metres meters m",
    "Fahrzeuge": "fahrzeuge fahrzeugen vehicles autos cars",
    "Haushalte": "haushalte haushalten households foyers ménages hogares famiglie domicílios gospodarstw "
    "huishoudens",
    "Vermisste": "vermisste vermissten missing disparus desaparecidos dispersi desaparecidas zaginionych "
    "vermisten",
    "Brände": "brände bränden fires feuer",
    "Hektar": "hektar hectares acres",
    "Jahre": "jahre jahren years",
}
_UNIT_OF = {w: canon for canon, words in UNITS.items() for w in words.split()}
_CURRENCIES = {
    "$": "USD",
    "us-$": "USD",
    "€": "EUR",
    "£": "GBP",
    "dollar": "USD",
    "us-dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
}
_TOLL_BEFORE = re.compile(
    r"(?:Zahl der (?:\w+ ){0,4}(?:Toten|Todesopfer|getöteten)|Todeszahl|death toll|number of (?:dead|deaths))"
    r"[^.\d]*$",
    re.IGNORECASE,
)
_WOUND_VERBS = re.compile(r"\b(verwundet|verletzt|wounded|injured)\b", re.IGNORECASE)
_DEATH_VERBS = re.compile(
    r"\b(getötet|ums Leben|gestorben|starben|tot\b|gefallen|"
    r"Leben verloren|Leben gekostet|getöteten|Todesopfer|Todeszahl|killed|killing|died|dead|death toll|"
    r"claimed \w+ lives|lives lost|"
    r"lost their lives|morts?\b|mortes\b|décédé|muert[oa]s?\b|fallecid|murieron|fallecieron|"
    r"mort[ie]\b|morirono|decedut|morreram|mortos\b|zginęł|zginął|zmarł|omgekomen|overleden|gedood)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Quantity:
    """A number in a sentence: value (or range), hedge, what is counted, where it stands."""

    value: float
    value_max: float | None
    unit: str | None
    approx: str | None
    raw: str
    start: int
    end: int
    # Presupposed, not reported: the size of a whole ("of its 300 members", "des
    # 300-köpfigen Parlaments") describes what the claim is about.
    background: bool = False

    @property
    def vague(self) -> bool:
        """Whether the quantity is a vague amount ("Tausende", "dozens"): a lower bound at
        most, never a value to compare."""
        return (self.approx or "").lower() in _VAGUE

    def interval(self) -> tuple[float, float]:
        """The values the quantity allows: "mindestens 5" anything from 5 up, "rund 10.000"
        five per cent either way, "11.000 bis 12.000" its range."""
        lo, hi = self.value, self.value_max if self.value_max is not None else self.value
        approx = (self.approx or "").lower()
        if approx in LOWER_BOUND:
            return lo, float("inf")
        if approx in UPPER_BOUND:
            return 0.0, hi
        if approx in _VAGUE:
            return lo, float("inf")
        if approx in NEAR:
            return lo * (1 - NEAR_TOLERANCE), hi * (1 + NEAR_TOLERANCE)
        return lo, hi

    def as_dict(self) -> dict:
        """The fields of spec/claims.schema.json."""
        return {
            "value": _plain(self.value),
            "value_max": _plain(self.value_max),
            "unit": self.unit,
            "approx": self.approx,
            "raw": self.raw,
        }


def _plain(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def parse_number(text: str, language: str | None = None) -> float | None:
    """A written number as a float: "10.000" and "10,000" are ten thousand, "3,5" is 3.5
    in German and "3.5" in English; a separator followed by three digits groups thousands."""
    text = re.sub("[\u00a0\u202f\u2009'’]", " ", text).strip()
    if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", text):
        return float(re.sub(r"[ .,]", "", text))
    m = re.fullmatch(r"(\d{1,3}(?:[ .,]\d{3})*)([.,])(\d+)", text)
    if m:
        whole = re.sub(r"[ .,]", "", m.group(1))
        decimal_mark = m.group(2)
        if language == "en" and decimal_mark == ",":
            return float(whole + m.group(3))
        return float(f"{whole}.{m.group(3)}")
    if re.fullmatch(r"\d+", text):
        return float(text)
    return None


def find_quantities(sentence: str, language: str | None = None) -> list[Quantity]:
    """Every quantity in a sentence, left to right."""
    out = []
    for m in _QUANTITY.finditer(sentence):
        q = _quantity(m, sentence, language)
        if q is not None:
            out.append(q)
    for a, b in zip(out, out[1:], strict=False):
        # "190 of its 300 members", "190 der 300 Abgeordneten": a part counts what its whole counts.
        if _PART_OF.fullmatch(sentence[a.end : b.start]):
            b.background = True
            if (a.unit is None) != (b.unit is None):
                a.unit = b.unit = a.unit or b.unit
    for q in out:
        if _WHOLE_BEFORE.search(sentence, 0, q.start) or _SIZE_AFTER.match(sentence, q.end):
            q.background = True
    return out


_WHOLE_BEFORE = re.compile(r"\b(?:out of(?: the)?|of its|of their|von insgesamt)\s*$", re.IGNORECASE)
_SIZE_AFTER = re.compile(r"-(?:köpfig|sitzig|member|seat|strong)", re.IGNORECASE)
_PART_OF = re.compile(
    r"\s*(?:(?:out\s+)?of(?:\s+(?:its|their|the))?|von(?:\s+(?:den|insgesamt))?|der|aus)\s*"
)


def _quantity(m: re.Match, sentence: str, language: str | None) -> Quantity | None:
    before, after = sentence[: m.start()], sentence[m.end() :]
    if m.group("num"):
        if _is_date_or_time(m, before, after):
            return None
        value = parse_number(m.group("num"), language)
        value_max = parse_number(m.group("num2"), language) if m.group("num2") else None
        if value is None:
            return None
        scale = _scale_of(m.group(0))
        value *= scale
        value_max = value_max * scale if value_max is not None else None
        if value_max is not None and value_max <= value:
            value_max = None  # "190-0" is a vote count, not a range
    elif m.group("vague"):
        value, value_max = float(_VAGUE[m.group("vague").lower()]), None
    else:
        word = m.group("word").lower()
        # "ein"/"one" alone is an article or pronoun far more often than a count.
        if word in ("ein", "eine", "einer", "einem", "one") or not _unit_word(after):
            return None
        value, value_max = float(_WORD_NUMBERS[word]), None
    approx = (m.group("approx") or "").lower() or (m.group("vague").lower() if m.group("vague") else None)
    unit = "%" if m.group("pct") else _unit(m, after, sentence)
    start = m.start("approx") if m.group("approx") else m.start()
    return Quantity(value, value_max, unit, approx, sentence[start : m.end()].strip(), start, m.end())


def _is_date_or_time(m: re.Match, before: str, after: str) -> bool:
    num = m.group("num")
    if _TIME_AFTER.match(after) or re.search(r"\d[:.]\d\d$", num) and _TIME_AFTER.match(after):
        return True
    if re.fullmatch(r"\d{1,2}", num) and (_DATE_AFTER.match(after) or _DATE_BEFORE.search(before)):
        return True
    if _ORDINAL_AFTER.match(after) and re.fullmatch(r"\d{1,3}", num) and not m.group("num2"):
        return True
    if _ORDINAL_SUFFIX.match(after):
        return True  # "the 266th pope", "François 1er": a rank, not a count
    return bool(re.fullmatch(r"\d{1,2}\.\d{1,2}\.(?:\d{2,4})?", num))


def _scale_of(text: str) -> float:
    m = re.search(rf"({_SCALE_WORDS}|(?<=\d)[MmKk])\b", text, re.IGNORECASE)
    return _SCALES.get(m.group(1).lower(), 1.0) if m else 1.0


def _unit_word(after: str) -> str | None:
    m = _UNIT.match(after)
    if not m:
        return None
    words = [w.lower() for w in m.groups() if w]
    for i, word in enumerate(words):
        if word in _UNIT_OF:
            # "Tote und Verwundete", "killed or wounded": one count of both.
            if (
                i + 2 < len(words)
                and words[i + 1] in ("und", "oder", "and", "or")
                and words[i + 2] in _UNIT_OF
            ):
                return " und ".join(sorted({_UNIT_OF[word], _UNIT_OF[words[i + 2]]}))
            return _UNIT_OF[word]
    return None


def _unit(m: re.Match, after: str, sentence: str) -> str | None:
    if m.group("cur"):
        return _CURRENCIES.get(m.group("cur").lower(), m.group("cur"))
    word = _UNIT.match(after)
    if word:
        for w in word.groups():
            if w and w.lower() in _CURRENCIES:
                return _CURRENCIES[w.lower()]
    unit = _unit_word(after)
    if unit in ("Menschen", "Soldaten", None):
        # What happened to the counted people: the verbs up to the next number.
        nxt = re.search(r"\d", after)
        window = after[: min(nxt.start() if nxt else 120, 120)]
        dead, wounded = _DEATH_VERBS.search(window), _WOUND_VERBS.search(window)
        if dead and wounded:
            return "Tote und Verletzte"
        if dead or unit and _DEATH_VERBS.search(sentence[max(0, m.start() - 30) : m.start()]):
            return "Tote"
        if wounded and unit:
            return "Verletzte"
    if unit is None:
        # "die Zahl der getöteten Menschen auf 24", "the death toll rose to 25"
        toll = _TOLL_BEFORE.search(sentence[max(0, m.start() - 80) : m.start()])
        if toll:
            return "Tote"
    if unit is None and re.fullmatch(r"1[89]\d\d|20\d\d", m.group("num") or ""):
        return "Jahr"
    return unit


_UNIT_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\w-]*")


def counted_things(sentence: str) -> set[str]:
    """The kinds of things a sentence talks about counting, with or without a number
    ("Die Zahl der Todesopfer wird steigen" -> {"Tote"})."""
    return {_UNIT_OF[w.lower()] for w in _UNIT_WORD.findall(sentence) if w.lower() in _UNIT_OF} - {
        "Meter",
        "Jahre",
    }


def is_unit_word(word: str) -> bool:
    """Whether a word names what is counted or a currency ("Soldaten", "Metern", "Euro")."""
    lower = word.lower()
    return lower in _UNIT_OF or lower in _CURRENCIES or lower.rstrip("n") in _UNIT_OF
