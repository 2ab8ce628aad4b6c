"""Numbers that name a point, not an amount: the day of a month an event of a story's
course happened on ("discharged on 23 March", "ingresado el 14 de febrero") and a rank in
a line of office holders ("the 266th pope", "266. następca św. Piotra").

Reports state them as facts and may differ on them, so the claims stage gives them as
claims of their own kind; they are never counts. numbers.find_quantities, which the check
stage reads figures from, leaves them out (a day is a date there, checked by its date
rule; a rank is no count), and the numbers table a reader sees leaves them out too
(render.table): it compares amounts, and a day or rank shown beside counts reads as one.
Every figure stays in ``--format json``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lagebild.dates import date_mentions
from lagebild.numbers import Quantity

ADMITTED = "Tag der Aufnahme ins Krankenhaus"
DISCHARGED = "Tag der Entlassung aus dem Krankenhaus"
RANK = "Rang in der Amtsfolge"
UNITS = frozenset({ADMITTED, DISCHARGED, RANK})

# The start and the end of a stay in hospital, the events of a person's course that news
# date most, in the languages the claims read; "alta" is the discharge in Spanish and
# Portuguese ("recibió el alta", "teve alta").
_EVENTS = {
    ADMITTED: (
        r"(?:was|were|been|being) admitted|hospitali[sz]ed|taken to (?:the )?hospital|eingeliefert|"
        r"ins Krankenhaus|in die Klinik|stationär aufgenommen|hospitalisée?|admise? à l['’]hôpital|"
        r"entré à l['’]hôpital|ingresad[oa]|ingresó|hospitalizad[oa]|ricoverat[oa]|ricovero|internad[oa]|"
        r"deu entrada|trafił\w* do szpitala|hospitalizowan\w*|przyjęt\w* do szpitala|opgenomen|"
        r"naar het ziekenhuis"
    ),
    DISCHARGED: (
        r"discharged|left (?:the )?hospital|released from (?:the )?hospital|entlassen|"
        r"verließ (?:das|die) \w+|sorti[e]? de l['’]hôpital|quitté l['’]hôpital|"
        r"\b(?:el|de|teve|tuvo|recebeu|deu)\s+(?:a\s+)?alta\b|salió del hospital|abandonó el hospital|"
        r"dimess[oa]|dimissioni|uscito dall['’]ospedale|lasciato l['’]ospedale|saiu do hospital|"
        r"deixou o hospital|wypisan\w*|opuścił\w* szpital|wyszedł\w* ze szpitala|ontslagen|"
        r"verliet het ziekenhuis"
    ),
}
# Every event opens on a word: the boundary first makes the search cheap (23 ms to 9 ms on
# the 456 sentences of the bench's 60 reports).
_EVENT = re.compile(
    r"\b(?:" + "|".join(f"(?P<e{i}>{p})" for i, p in enumerate(_EVENTS.values())) + ")", re.IGNORECASE
)
_KINDS = list(_EVENTS)
# How far a day may stand from its event's word: the same clause ("sorti de l'hôpital le
# 23 mars"), not the next one.
_NEAR = 60
# The end of a stay given after its start ("ricoverato dal 14 febbraio al 23 marzo",
# "from February 14 to March 23"): the second day is the discharge.
_UNTIL = re.compile(
    r"^\s*(?:bis(?:\s+zum)?|to|until|till|au|jusqu['’]au|al|hasta(?:\s+el)?|até|a|do|tot|fino\s+al)\s*$",
    re.IGNORECASE,
)
# A rank before the holder it counts: "the 266th pope", "der 266. Papst", "le 266e pape",
# "el 266º papa", "266. następcą", with up to two words between ("the 266th head of").
_HOLDERS = (
    r"pope|pontiff|president|head|leader|successor|king|queen|chancellor|prime minister|bishop|"
    r"papst|oberhaupt|nachfolger|präsident|kanzler|könig|pape|pontife|président|successeur|chef|roi|reine|"
    r"papa|pontífice|presidente|sucesor|sucessor|successore|capo|rey|reina|rei|re|"
    r"papież\w*|następc\w*|prezydent\w*|król\w*|paus|opvolger|koning"
)
_RANK = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,4})(?:st|nd|rd|th|e|er|ème|º|ª|°|\.º|\.ª|\.)(?!\w)\s+"
    rf"(?:[^\W\d_]+\s+){{0,2}}?(?:{_HOLDERS})(?![^\W\d_])",
    re.IGNORECASE,
)


def find_milestones(sentence: str, language: str | None = None) -> list[Quantity]:
    """The days of events and the ranks a sentence states, as quantities whose unit says
    which (ADMITTED, DISCHARGED, RANK), left to right."""
    return list(_milestones(sentence, language))


@lru_cache(maxsize=50_000)
def _milestones(sentence: str, language: str | None) -> tuple[Quantity, ...]:
    out = [
        Quantity(
            float(m.group("n")), None, RANK, None, m.group("n") + sentence[m.end("n") : m.end()], *m.span()
        )
        for m in _RANK.finditer(sentence)
    ]
    events = [(m.start(), m.end(), _KINDS[int(m.lastgroup[1:])]) for m in _EVENT.finditer(sentence)]
    if not events or not re.search(r"\d", sentence):  # a day is written in digits
        return tuple(sorted(out, key=lambda q: q.start))
    previous_end, previous_kind = None, None
    at = 0
    for mention in date_mentions(sentence, language):
        day = next((int(s[3:].split(".")[0]) for s in mention.says if s.startswith("dm:")), None)
        raw = mention.text.rstrip(" .,;")
        start = sentence.find(raw, at)
        if day is None or start < 0:
            continue
        end, at = start + len(raw), start + len(raw)
        near = [(min(abs(s - end), abs(start - e)), kind) for s, e, kind in events]
        distance, kind = min(near)
        if (
            previous_end is not None
            and _UNTIL.match(sentence[previous_end:start])
            and previous_kind == ADMITTED
        ):
            kind, distance = DISCHARGED, 0
        if distance <= _NEAR:
            out.append(Quantity(float(day), None, kind, None, raw, start, end))
            previous_end, previous_kind = end, kind
    return tuple(sorted(out, key=lambda q: q.start))
