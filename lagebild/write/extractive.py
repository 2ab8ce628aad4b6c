"""The extractive writer: a German briefing made of the sources' own sentences.

Offline and deterministic. Sentences are chosen from German reports by how
central their words are to the story (weighted by how many independent reports
use them), without repeating one another (syndicated copies count once) and
without a dangling start ("Dies ...", "Er ...") whose referent was not chosen.
Two sentences that say the same thing (the same words, or a paraphrase the
multilingual embedding sees) are one sentence cited to every report that
carries it. The course of the story ("Verlauf") is the first report of each
new development, by day. Facts that only non-German reports carry, and the
figures that contradict each other, are written as German sentences from the
claims, each cited to the sentences it rests on. Every sentence is then
verified (write.gate); what fails is dropped and listed with the reason.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from lagebild.compare import SAME_TIME_DAYS, Comparison, agree
from lagebild.dates import reference_day
from lagebild.german import german_amount
from lagebild.model import Brief, BriefSentence, Citation, Document, Story, TimelineEntry
from lagebild.numbers import find_quantities
from lagebild.origins import GENERIC_ORIGINS
from lagebild.terms import content_terms
from lagebild.write.gate import Gate

LEAD_SENTENCES = 3
BODY_SENTENCES = 8
TIMELINE_ENTRIES = 8
MAX_REDUNDANCY = 0.45  # share of a candidate's words already said
# Two sentences are one when half their words are shared (word-set Jaccard), or when
# their e5 vectors are this close: on the devset briefs, German paraphrases of one event
# ("hob das Kriegsrecht auf" / "hat das Kriegsrecht wieder aufgehoben") score 0.93-0.96,
# sentences on two facts of the same story mostly 0.85-0.92.
SAME_WORDS = 0.5
SAME_MEANING = 0.93
SHARED_TERMS = 2
SHARED_SHARE = 1 / 3
_WORD = re.compile(r"\w+")
_DANGLING = re.compile(
    r"^(?:Dies|Das|Diese|Dieser|Dieses|Er|Sie|Es|Ihr|Ihre|Sein|Seine|Dort|Damit|Dabei|Zudem|"
    r"Außerdem|Auch|Doch|Aber|Denn|Demnach|Daher|Deshalb|Trotzdem)\b"
    # A pronoun in the first two words points back too ("Zu ihnen zählen ...", "Bei ihm ...").
    r"|^\w+ (?:ihm|ihn|ihnen|ihr|ihrem|ihrer|ihren|ihres|seinem|seiner|seinen|seines|deren|dessen|"
    r"dies|diesem|dieser|diesen|dieses)\b"
)
_LEANS = re.compile(
    r"\b(?:davon|zudem|ebenfalls|deshalb|daher|dort|später|damals|also|too|later|then)\b|^(?:Eines|Einer|Eine)\b",
    re.IGNORECASE,
)
# A quotation whose speaker is only a pronoun ('"...", sagte er.') names no one, wherever
# in the brief it stands.
_PRONOUN_SPEAKS = re.compile(r",\s*(?:sagte|so|erklärte|betonte|fügte|meinte|schrieb)\s+(?:er|sie)\b")
# A sentence that is a quotation and nothing else: the reader cannot tell who said it.
_BARE_QUOTE = re.compile(r"^[\"„“”«»‚‘'].*[\"“”«»‘’']\W*$")


def write_brief(
    story: Story,
    docs: list[Document],
    comparison: Comparison,
    duplicate_of: dict[str, str],
    embedder=None,
    gate: Gate | None = None,
) -> Brief:
    """The brief of a story: headline, lead, sections, timeline, numbers, sources; all
    verified. ``embedder``: an embed.Embedder (default embed.default_embedder(); pass
    embed.StoredEmbedder to keep the vectors in the store); ``gate``: the story's gate, when
    the caller has one already."""
    by_id = {d.id: d for d in docs}
    # What is chosen next depends on what passed, so the gate is asked as the brief is built.
    gate = gate or Gate(docs, embedder=embedder)
    same = _Sameness(embedder)
    # The headline is said already: a sentence that repeats it is left out.
    chosen = [s for s in _choose(docs, duplicate_of, same) if not same.same(s.text, story.title)]
    lead = _lead(chosen)
    rest = [s for s in chosen if s not in lead]
    dropped: list[dict] = []
    lead = gate.keep(lead, dropped)
    timeline = _timeline(docs, comparison, duplicate_of, lead, rest, same)
    # What the timeline tells moves there from the body.
    told = [s for s in rest if not same.repeats(s, [e.sentence for e in timeline])]
    known = sorted(told, key=lambda s: (_date(s, by_id), s.citations[0].doc_id))
    sections = [("Was bekannt ist", gate.keep(known, dropped))]
    said = lead + known + [e.sentence for e in timeline]
    foreign = [s for s in _foreign_facts(comparison, by_id) if not same.repeats(s, said)]
    if foreign:
        sections.append(("Was nur nicht-deutsche Quellen berichten", gate.keep(foreign, dropped)))
    disputes = _disputes(comparison, by_id)
    if disputes:
        sections.append(("Widersprüche und offene Fragen", gate.keep(disputes, dropped)))
    sections = [(h, ss) for h, ss in sections if ss]
    kept = {id(s) for s in gate.keep([e.sentence for e in timeline], dropped)}
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
        timeline=[e for e in timeline if id(e.sentence) in kept],
    )


def _lead(chosen: list[BriefSentence]) -> list[BriefSentence]:
    """The most central sentences that stand on their own (none leaning on one before it),
    one count of a kind each: two tolls in three sentences read as a contradiction."""
    lead, counted = [], set()
    for s in chosen:
        units = {u for _, u in _figures(s.text) if u in _COUNTS}
        if _LEANS.search(s.text) or units & counted:
            continue
        lead.append(s)
        counted |= units
        if len(lead) == LEAD_SENTENCES:
            break
    return lead


class _Sameness:
    """Whether two sentences say the same thing: the same words, or close e5 vectors.
    Vectors are made only for the sentences that reach this question, and once each."""

    def __init__(self, embedder=None):
        self.embedder = embedder
        self.vectors: dict[str, object] = {}

    def vector(self, text: str):
        if text not in self.vectors:
            from lagebild.embed import default_embedder

            self.vectors[text] = (self.embedder or default_embedder())([text])[0]
        return self.vectors[text]

    def same(self, a: str, b: str, by_meaning: bool = True) -> bool:
        """Whether ``a`` and ``b`` say the same thing. Two sentences that count one thing
        differently never do: "drei Tote" and "neun Tote" are two stages of a story.
        ``by_meaning=False`` asks only whether they share their words."""
        if _conflict(_figures(a), _figures(b)):
            return False
        wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
        if len(wa & wb) / max(len(wa | wb), 1) >= SAME_WORDS:
            return True
        if not by_meaning:
            return False
        # Paraphrases of one statement share at least two of its content words (names,
        # the event) and a third of the shorter one's; asking the embedding only then saves
        # most of its ~30 ms a sentence. On the devset's German reports, 61 of the 67 pairs
        # at cosine 0.93 or more pass, and the 6 that do not tell two facts of one story
        # ("fünf Menschen ums Leben gekommen" / "wüten weiterhin mehrere Brände").
        ta, tb = set(content_terms(a)), set(content_terms(b))
        shared = len(ta & tb)
        if shared < SHARED_TERMS or shared < SHARED_SHARE * min(len(ta), len(tb)):
            return False
        return float(self.vector(a) @ self.vector(b)) >= SAME_MEANING

    def repeats(self, s: BriefSentence, said: list[BriefSentence]) -> BriefSentence | None:
        """The sentence of ``said`` that ``s`` repeats, if any: one with its words first, so
        that no vector is made for a sentence whose repeat the words already show."""
        by_words = next((other for other in said if self.same(s.text, other.text, False)), None)
        return by_words or next((other for other in said if self.same(s.text, other.text)), None)


def _choose(docs: list[Document], duplicate_of: dict[str, str], same: _Sameness) -> list[BriefSentence]:
    """Central, non-redundant sentences of the German reports, most central first; a
    sentence that repeats a chosen one with the same figures adds its report's citation."""
    reports = {duplicate_of.get(d.id, d.id) for d in docs}
    df: Counter = Counter()
    for rep in reports:
        words = set()
        for d in docs:
            if duplicate_of.get(d.id, d.id) == rep:
                words |= set(content_terms(d.text))
        df.update(words)
    candidates = []
    for d in docs:
        if d.language != "de" or duplicate_of.get(d.id, d.id) != d.id:
            continue
        for s in d.sentences:
            text = s.text
            if not _quotable(text):
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
        own = _figures(text)
        sentence = BriefSentence(text, [Citation(d.id, d.source, d.url, text)])
        redundant = any(len(terms & other) / max(len(terms), 1) > MAX_REDUNDANCY for other in said)
        repeated = same.repeats(sentence, chosen)
        if repeated is not None:
            # The same statement in another report: one sentence, cited to both.
            if d.id not in {c.doc_id for c in repeated.citations}:
                repeated.citations.append(sentence.citations[0])
            continue
        # A sentence whose figures were all given already is a repetition.
        if redundant or (own and own <= figures):
            continue
        figures |= own
        said.append(terms)
        chosen.append(sentence)
    return chosen


def _quotable(text: str) -> bool:
    """Whether a source sentence can stand in a brief as it is."""
    return (
        50 <= len(text) <= 320
        and not _DANGLING.match(text)
        and not text.endswith((":", "?"))
        and "\n" not in text
        and not _BARE_QUOTE.match(text)
        and not _PRONOUN_SPEAKS.search(text)
    )


def _conflict(ours: frozenset, theirs: frozenset) -> bool:
    """Whether two sets of (value, unit) figures count the same unit differently."""
    units = {u for _, u in ours} & {u for _, u in theirs}
    return any({v for v, w in ours if w == u} != {v for v, w in theirs if w == u} for u in units)


@lru_cache(maxsize=4096)
def _figures(text: str) -> frozenset[tuple[float, str]]:
    return frozenset((q.value, q.unit) for q in find_quantities(text, "de") if q.unit)


def _timeline(
    docs: list[Document],
    comparison: Comparison,
    duplicate_of: dict[str, str],
    lead: list[BriefSentence],
    rest: list[BriefSentence],
    same: _Sameness,
) -> list[TimelineEntry]:
    """The story's course, oldest first: each count (toll, injured, missing) where it first
    rose above what was reported before, and for each day the most central German
    sentence that says something no earlier entry said. A figure's day is the day its
    sentence names, else its report's; an undated report that names no day has no place."""
    by_id = {d.id: d for d in docs}
    rank = {s.text: i for i, s in enumerate(lead + rest)}
    figures = []
    # Only counts two independent sources give: one report's background figure (another
    # disaster's toll, a count in one town) is no stage of this story. And only the
    # story's whole count: the stages of one town's or a part's count ("36 of the 70" in
    # Paiporta) read as the whole toll's in a sentence that cannot say where.
    for g in comparison.groups:
        fact = g.mentions[0].fact
        whole = not (fact.scope or fact.part or fact.background) and fact.era is None
        if g.unit in _COUNTS and g.independent_sources > 1 and whole:
            for m in g.mentions:
                day = (reference_day(m.claim.dates, m.claim.published) or "")[:10]
                if len(day) == 10:
                    figures.append((day, m.quantity.value, g.unit, m))
    entries: list[TimelineEntry] = []
    told = list(lead)
    highs: dict[str, float] = {}
    for day, value, unit, m in sorted(figures, key=lambda f: (f[0], f[1])):
        if value <= highs.get(unit, 0):
            continue
        highs[unit] = value
        sentence = _count_sentence(m, unit, by_id)
        # A count no told sentence gives is news; only one that is told may be repeated.
        told_figures = frozenset().union(*(_figures(t.text) for t in told))
        if sentence and not (_figures(sentence.text) & told_figures and same.repeats(sentence, told)):
            entries.append(TimelineEntry(day, sentence))
            told.append(sentence)
    days: dict[str, list[tuple[int, BriefSentence]]] = {}
    for d in docs:
        day = (d.published or "")[:10]
        if d.language != "de" or len(day) != 10 or duplicate_of.get(d.id, d.id) != d.id:
            continue
        for s in d.sentences:
            # The sentences the brief chose, by centrality, then each report's opening (a
            # report's first sentence says what is new; later ones lean on it).
            order = rank.get(s.text, len(rank))
            if _quotable(s.text) and not _LEANS.search(s.text) and (s.text in rank or s.index == 0):
                days.setdefault(day, []).append((order, BriefSentence(s.text, [_cite(d, s.text)])))
    words = {t for s in told for t in content_terms(s.text)}
    for day in sorted(days):
        for _, sentence in sorted(days[day], key=lambda c: c[0]):
            terms = set(content_terms(sentence.text))
            new = len(terms - words) / max(len(terms), 1)
            if new >= 0.5 and not same.repeats(sentence, told):
                entries.append(TimelineEntry(day, sentence))
                told.append(sentence)
                words |= terms
                break
    entries.sort(key=lambda e: e.day)
    if len(entries) > TIMELINE_ENTRIES:
        # The beginning and the latest state matter most to a reader who comes in late.
        half = TIMELINE_ENTRIES // 2
        entries = entries[:half] + entries[-(TIMELINE_ENTRIES - half) :]
    return entries


def _cite(doc: Document, quote: str) -> Citation:
    return Citation(doc.id, doc.source, doc.url, quote)


# The counts a German sentence can tell whatever language reported them: the predicate
# follows from what is counted (auxiliary singular, plural, participle). Other figures
# ("5.000 Haushalte", "80 Gebäude") need the report's own verb, which we cannot
# translate, so they stay in the numbers table.
_COUNTS = {
    "Tote": ("ist", "sind", "ums Leben gekommen"),
    "Verletzte": ("wurde", "wurden", "verletzt"),
    "Vermisste": ("wird", "werden", "vermisst"),
    "Tote und Verletzte": ("wurde", "wurden", "getötet oder verletzt"),
    "Evakuierte": ("wurde", "wurden", "evakuiert"),
    "Eingeschlossene": ("war", "waren", "eingeschlossen"),
}


# Who is counted, clear enough to name a dispute over their number ("Soldaten (Russland)").
_ACTORS = {"Soldaten"}


def _count_sentence(
    m, unit: str, by_id: dict[str, Document], when: str = "", where: list[str] = ()
) -> BriefSentence | None:
    """A count as a whole German sentence: the source's own sentence when it is German and
    can stand alone, else one made from the claim ("Laut <origin> sind in Paiporta
    mindestens 36 Menschen ums Leben gekommen.", ``where`` the places the count is of).
    None for a range or a vague amount, which such a sentence would misstate."""
    doc = by_id[m.claim.doc_id]
    if (
        doc.language == "de"
        and _quotable(m.claim.sentence)
        and not _LEANS.search(m.claim.sentence)
        and not when
    ):
        return BriefSentence(m.claim.sentence, [_cite(doc, m.claim.sentence)])
    q = m.quantity
    if q.value_max is not None or q.vague or unit not in _COUNTS:
        return None
    singular, plural, participle = _COUNTS[unit]
    amount = _amount(q)
    aux, people = (singular, "Mensch") if amount == "1" else (plural, "Menschen")
    amount = "ein" if amount == "1" else amount
    # Who states a figure without naming anyone says it themselves: the publisher.
    who = m.claim.stated_origin or doc.source
    # "laut" takes the dative: "laut Rettungsdiensten"
    who = who + "n" if who in GENERIC_ORIGINS and who.endswith("e") else who
    place = f" in {' und '.join(where)}" if where else ""
    text = f"Laut {who} {aux}{place} {amount} {people} {participle}{when}."
    return BriefSentence(text, [_cite(doc, m.claim.sentence)])


def _foreign_facts(comparison: Comparison, by_id: dict[str, Document]) -> list[BriefSentence]:
    """Counts that only non-German reports carry, told as German sentences and cited to the
    original."""
    out = []
    for g in comparison.groups:
        mentions = [m for m in g.mentions if by_id[m.claim.doc_id].language != "de"]
        if not mentions or len(mentions) != len(g.mentions):
            continue
        fact = g.mentions[0].fact
        if fact.era is not None or fact.background or (fact.part or fact.scope) and not g.where:
            continue  # another event's count, a whole's size, a part no place says: no news
        # A figure one report gives without naming anyone may be background (another
        # disaster's toll); it is told only when a second source gives it too.
        m = next((m for m in mentions if m.claim.stated_origin), None)
        if m is None and g.independent_sources > 1:
            m = mentions[0]
        if m is None:
            continue
        # When the figure held: the day its sentence names, else the report's. (Not where:
        # a place in the sentence need not be where the counted things are.)
        day = (reference_day(m.claim.dates, m.claim.published) or "")[:10]
        when = f" (Stand: {_german_date(day)} {day[:4]})" if len(day) == 10 else ""
        sentence = _count_sentence(m, g.unit, by_id, when, g.where)
        if sentence is not None:
            out.append(sentence)
        if len(out) >= 4:
            break
    return out


def _disputes(comparison: Comparison, by_id: dict[str, Document]) -> list[BriefSentence]:
    """One sentence per contradicted fact: two reports of the same days whose figures
    cannot both be true, side by side and each cited."""
    out = []
    for g in comparison.groups:
        what = _disputed(g)
        if g.status != "contradicted" or what is None:
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
                # figures set side by side are digits, as a reader compares them
                f"laut {m.claim.stated_origin or doc.source} {_amount(m.quantity, words=False)} {g.unit}"
                + (f" ({_german_date(day)})" if day else "")
            )
            citations.append(Citation(doc.id, doc.source, doc.url, m.claim.sentence))
        out.append(BriefSentence(f"{what}: " + ", ".join(parts) + ".", citations))
    return out


def _disputed(g) -> str | None:
    """What a contradicted fact is, said so a reader knows ("Wie viele Menschen ums Leben
    gekommen sind, ist umstritten"); None for a figure whose label alone does not say what
    was counted ("Menschen", "Jahre", "Gebäude": the reports' verbs differ, and so may the
    facts)."""
    if g.unit in _COUNTS:
        _, plural, participle = _COUNTS[g.unit]
        return f"Wie viele Menschen {participle} {plural}, ist umstritten"
    if g.unit in _ACTORS:
        return f"Zur Zahl der {g.what} gibt es widersprüchliche Angaben"
    return None


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


def _amount(q, words: bool = True) -> str:
    return german_amount(q.value, q.value_max, q.approx, words=words)


def _german_date(day: str) -> str:
    months = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."]
    try:
        return f"{int(day[8:10])}. {months[int(day[5:7]) - 1]}"
    except (ValueError, IndexError):
        return day


def _date(s: BriefSentence, by_id: dict[str, Document]) -> str:
    return by_id[s.citations[0].doc_id].published or ""
