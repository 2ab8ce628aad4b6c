"""The extractive writer: a German briefing made of the sources' own sentences.

Offline and deterministic. Sentences are chosen from German reports by how
central their words are to the story (weighted by how many independent reports
use them), without repeating one another (syndicated copies count once) and
without a dangling start ("Dies ...", "Er ...") whose referent was not chosen.
Facts that only non-German reports carry, and the figures that contradict
each other, are written as short German sentences from the claims, each cited
to the sentences it rests on. Every sentence is then verified; what fails is
dropped and listed with the reason.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from lagebild.compare import SAME_TIME_DAYS, Comparison, agree
from lagebild.dates import reference_day
from lagebild.model import Brief, BriefSentence, Citation, Document, Story
from lagebild.numbers import GERMAN_HEDGES, LOWER_BOUND, NEAR, UPPER_BOUND, find_quantities
from lagebild.terms import content_terms
from lagebild.verify import Verifier

LEAD_SENTENCES = 3
BODY_SENTENCES = 8
MAX_REDUNDANCY = 0.45  # share of a candidate's words already said
_DANGLING = re.compile(
    r"^(?:Dies|Das|Diese|Dieser|Dieses|Er|Sie|Es|Ihr|Ihre|Sein|Seine|Dort|Damit|Dabei|Zudem|"
    r"Außerdem|Auch|Doch|Aber|Denn|Demnach|Daher|Deshalb|Trotzdem)\b"
)
_LEANS = re.compile(
    r"\b(?:davon|zudem|ebenfalls|deshalb|daher|dort|später|damals|also|too|later|then)\b|^(?:Eines|Einer|Eine)\b"
)
_APPROX_DE = {
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


def write_brief(
    story: Story, docs: list[Document], comparison: Comparison, duplicate_of: dict[str, str]
) -> Brief:
    """The brief of a story: headline, lead, sections, numbers, sources; all verified."""
    by_id = {d.id: d for d in docs}
    verifier = Verifier(docs)
    chosen = _choose(docs, duplicate_of)
    # The lead must stand on its own: no sentence that leans on one before it.
    lead = [s for s in chosen if not _LEANS.search(s.text)][:LEAD_SENTENCES]
    rest = [s for s in chosen if s not in lead]
    dropped: list[dict] = []
    lead = _verified(lead, verifier, dropped)
    known = sorted(rest, key=lambda s: (_date(s, by_id), s.citations[0].doc_id))
    sections = [("Was bekannt ist", _verified(known, verifier, dropped))]
    foreign = _foreign_facts(comparison, by_id)
    if foreign:
        sections.append(("Was nur nicht-deutsche Quellen berichten", _verified(foreign, verifier, dropped)))
    disputes = _disputes(comparison, by_id)
    if disputes:
        sections.append(("Widersprüche und offene Fragen", _verified(disputes, verifier, dropped)))
    sections = [(h, ss) for h, ss in sections if ss]
    return Brief(
        story_id=story.id,
        headline=story.title,
        lead=lead,
        sections=sections,
        numbers=[
            g.as_dict() for g in comparison.groups if g.independent_sources > 1 or g.status == "contradicted"
        ],
        sources=[
            {
                "doc_id": d.id,
                "source": d.source,
                "url": d.url,
                "title": d.title,
                "published": d.published,
                "language": d.language,
            }
            for d in sorted(docs, key=lambda d: (d.published or "", d.id))
        ],
        dropped=dropped,
    )


def _choose(docs: list[Document], duplicate_of: dict[str, str]) -> list[BriefSentence]:
    """Central, non-redundant sentences of the German reports, most central first."""
    reports = {duplicate_of.get(d.id, d.id) for d in docs}
    df: Counter = Counter()
    for rep in reports:
        words = set()
        for d in docs:
            if duplicate_of.get(d.id, d.id) == rep:
                words |= set(content_terms(d.text))
        df.update(words)
    seen_reports: set[str] = set()
    candidates = []
    for d in docs:
        rep = duplicate_of.get(d.id, d.id)
        if d.language != "de" or rep in seen_reports:
            continue
        seen_reports.add(rep)
        for s in d.sentences:
            text = s.text
            if (
                not 50 <= len(text) <= 320
                or _DANGLING.match(text)
                or text.endswith((":", "?"))
                or "\n" in text
            ):
                continue
            terms = content_terms(text)
            # Words that many reports use are the story's core; divide by length so
            # that long sentences do not win by size alone.
            weight = sum(math.log(1 + df[t]) * (df[t] > 1) for t in terms) / (1 + math.sqrt(len(terms)))
            candidates.append((weight, d, text, set(terms)))
    candidates.sort(key=lambda c: -c[0])
    chosen, said, figures = [], [], set()
    for _, d, text, terms in candidates:
        if len(chosen) >= LEAD_SENTENCES + BODY_SENTENCES:
            break
        if any(len(terms & other) / max(len(terms), 1) > MAX_REDUNDANCY for other in said):
            continue
        # A sentence whose figures were all given already is a repetition.
        own = {(q.value, q.unit) for q in find_quantities(text, "de") if q.unit}
        if own and own <= figures:
            continue
        figures |= own
        said.append(terms)
        chosen.append(BriefSentence(text, [Citation(d.id, d.source, d.url, text)]))
    return chosen


def _verified(sentences: list[BriefSentence], verifier: Verifier, dropped: list[dict]) -> list[BriefSentence]:
    """Keep the sentences the verifier supports through their citations; drop the rest."""
    kept = []
    for s in sentences:
        reason = _check(s, verifier)
        if reason:
            dropped.append({"text": s.text, "reason": reason})
            continue
        s.verdict = "supported"
        kept.append(s)
    return kept


def _check(s: BriefSentence, verifier: Verifier) -> str | None:
    for c in s.citations:
        doc = verifier.docs.get(c.doc_id)
        if doc is None or c.quote not in doc.text:
            return f"Zitat steht nicht wörtlich in {c.doc_id}"
    if len(s.citations) == 1 and s.citations[0].quote == s.text:
        return None  # a source sentence quoted as it stands
    verdict = verifier.check(s.text, "de")
    if verdict.verdict == "supported" and not verdict.issues:
        return None
    quotes = [(c.quote, verifier.docs[c.doc_id].language) for c in s.citations]
    if verifier.backed_by_quotes(s.text, quotes):
        return None
    return f"{verdict.verdict}: " + "; ".join(i.detail for i in verdict.issues)


def _foreign_facts(comparison: Comparison, by_id: dict[str, Document]) -> list[BriefSentence]:
    """Figures that only non-German reports carry and an origin they name, told in German
    and cited to the original."""
    out = []
    for g in comparison.groups:
        mentions = [m for m in g.mentions if by_id[m.claim.doc_id].language != "de"]
        if not mentions or len(mentions) != len(g.mentions):
            continue
        m = next((m for m in mentions if m.claim.stated_origin), None)
        if m is None:
            continue  # a bare figure with a unit ("Berichtet werden 47 Verletzte") tells a reader nothing
        who = m.claim.stated_origin
        amount = _german_amount(m.quantity)
        # When the figure held: the day its sentence names, else the report's. (Not where:
        # a place in the sentence need not be where the counted things are.)
        day = (reference_day(m.claim.dates, m.claim.published) or "")[:10]
        when = f" (Stand: {_german_date(day)} {day[:4]})" if len(day) == 10 else ""
        fact = f"{amount} {g.unit}{when}"
        text = f"Laut {who} sind es {fact}."
        doc = by_id[m.claim.doc_id]
        out.append(BriefSentence(text, [Citation(doc.id, doc.source, doc.url, m.claim.sentence)]))
        if len(out) >= 4:
            break
    return out


def _disputes(comparison: Comparison, by_id: dict[str, Document]) -> list[BriefSentence]:
    """One sentence per contradicted fact: two reports of the same days whose figures
    cannot both be true, side by side and each cited."""
    out = []
    for g in comparison.groups:
        if g.status != "contradicted":
            continue
        pair = _contradicting_pair(g.mentions)
        if pair is None:
            continue
        parts, citations = [], []
        for m in pair:
            doc = by_id[m.claim.doc_id]
            day = (reference_day(m.claim.dates, m.claim.published) or "")[:10]
            # Without an origin the sentence names itself, the publisher is who says it.
            parts.append(
                f"{m.claim.stated_origin or doc.source} nennt {_german_amount(m.quantity)}"
                + (f" ({_german_date(day)})" if day else "")
            )
            citations.append(Citation(doc.id, doc.source, doc.url, m.claim.sentence))
        out.append(
            BriefSentence(f"Zu {g.what} widersprechen sich die Angaben: " + ", ".join(parts) + ".", citations)
        )
    return out


def _contradicting_pair(mentions):
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            same_days = a.day is None or b.day is None or abs(a.day - b.day) <= SAME_TIME_DAYS
            # One origin giving two figures on one day is most likely speaking of two things.
            one_origin = a.claim.attributed_to and a.claim.attributed_to == b.claim.attributed_to
            if (
                a.claim.doc_id != b.claim.doc_id
                and same_days
                and not one_origin
                and not agree(a.quantity, b.quantity)
            ):
                return a, b
    return None


def _german_amount(q) -> str:
    approx = (q.approx or "").lower()
    word = _APPROX_DE.get(approx) or (approx if approx in GERMAN_HEDGES else _german_hedge(approx))
    value = _german_number(q.value)
    if q.value_max is not None:
        value = f"{value} bis {_german_number(q.value_max)}"
    return f"{word} {value}".strip()


def _german_hedge(approx: str) -> str:
    """A hedge of another language in German by what it allows ("au moins" -> "mindestens")."""
    if approx in LOWER_BOUND:
        return "mindestens"
    if approx in UPPER_BOUND:
        return "höchstens"
    return "etwa" if approx in NEAR else ""


def _german_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _german_date(day: str) -> str:
    months = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."]
    try:
        return f"{int(day[8:10])}. {months[int(day[5:7]) - 1]}"
    except (ValueError, IndexError):
        return day


def _date(s: BriefSentence, by_id: dict[str, Document]) -> str:
    return by_id[s.citations[0].doc_id].published or ""
