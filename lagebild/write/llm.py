"""The LLM writer: fluent German prose from an OpenAI-compatible endpoint, and nothing
invented gets through.

The model is given the story's evidence, numbered (the sentences the extractive brief
cites, German ones first, foreign ones with their language, then the sentences that give
the story's figures) and the figures side by side, and is asked for a German briefing in
the brief's sections with [n] after every sentence. Each sentence it writes is then held
against the sentences it cites (gate.Gate.backing): a citation that does not back it is
removed; a sentence that no citation backs is replaced by the extractive brief's sentence
for the same evidence, or dropped; a sentence without citation is dropped. All of it is
counted in the brief's ``gate``. When the endpoint fails, or nothing it wrote survives,
the extractive brief stands, and the caller is told why in one line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lagebild.analyse import split_sentences
from lagebild.llm import ChatClient, Completion, LLMError
from lagebild.model import Brief, BriefSentence, Citation
from lagebild.render.table import latest_per_origin, table_facts
from lagebild.write.gate import Gate, Tally

MAX_EVIDENCE = 40
MAX_TOKENS = 600
LEAD = "Kurzfassung"
KNOWN = "Was bekannt ist"
FOREIGN = "Was nur nicht-deutsche Quellen berichten"
DISPUTES = "Widersprüche und offene Fragen"
# A model names the brief's parts in its own words; these stems say which part it means.
_PART_WORDS = (
    (LEAD, ("kurzfassung", "zusammenfassung", "einleitung", "lead", "überblick")),
    (FOREIGN, ("nicht-deutsch", "nichtdeutsch", "fremdsprach", "ausländ", "internationale")),
    (DISPUTES, ("widerspr", "offene frage", "umstritten")),
    (KNOWN, ("bekannt",)),
)
_CITES = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
_LEADING_CITES = re.compile(r"^(?:\s*\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\])+")
_HEADING = re.compile(r"^\s*(?:#{1,6}\s*(.+?)|\*\*(.+?)\*\*:?)\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_LANGUAGES = {"en": "Englisch", "fr": "Französisch", "es": "Spanisch", "it": "Italienisch", "pl": "Polnisch"}
_UNBACKED = "kein zitierter Beleg trägt den Satz"
_STATUS = {"corroborated": "bestätigt", "contradicted": "widersprüchlich", "single_source": "eine Quelle"}


@dataclass(frozen=True, slots=True)
class Evidence:
    """A numbered source sentence the model may cite."""

    number: int
    citation: Citation
    language: str | None
    published: str | None


def evidence_of(base: Brief, language_of: dict[str, str | None]) -> list[Evidence]:
    """The evidence the model is given: the sentences the extractive brief cites (by
    centrality, as it chose them), then those that give the story's figures; German ones
    first; each (report, sentence) once."""
    seen: set[tuple[str, str]] = set()
    cited: list[Citation] = []
    sentences = base.lead + [s for _, ss in base.sections for s in ss] + [e.sentence for e in base.timeline]
    for c in (c for s in sentences for c in s.citations):
        if (c.doc_id, c.quote) not in seen:
            seen.add((c.doc_id, c.quote))
            cited.append(c)
    by_id = {d["doc_id"]: d for d in base.sources}
    for group in table_facts(base.numbers):
        for v in latest_per_origin(group):
            if (v["doc_id"], v["quote"]) not in seen and v["doc_id"] in by_id:
                seen.add((v["doc_id"], v["quote"]))
                d = by_id[v["doc_id"]]
                cited.append(Citation(d["doc_id"], d["source"], d["url"], v["quote"]))
    cited.sort(key=lambda c: language_of.get(c.doc_id) != "de")
    return [
        Evidence(i, c, language_of.get(c.doc_id), (by_id.get(c.doc_id) or {}).get("published"))
        for i, c in enumerate(cited[:MAX_EVIDENCE], 1)
    ]


def messages(headline: str, evidence: list[Evidence], numbers: list[dict]) -> list[dict]:
    """The chat messages asking for the brief."""
    number_of = {(e.citation.doc_id, e.citation.quote): e.number for e in evidence}
    lines = []
    for e in evidence:
        where = e.citation.source + (f", {e.published[:10]}" if e.published else "")
        if e.language != "de":
            where += f", Sprache: {_LANGUAGES.get(e.language or '', e.language or 'unbekannt')}"
        lines.append(f"[{e.number}] ({where}) {e.citation.quote}")
    facts = []
    for group in table_facts(numbers):
        values = [
            f"{v['who']} {v['raw']} [{number_of[v['doc_id'], v['quote']]}]"
            for v in latest_per_origin(group)
            if (v["doc_id"], v["quote"]) in number_of
        ]
        if values:
            status = _STATUS.get(group["status"], group["status"])
            facts.append(f"- {group['what']} ({status}): " + "; ".join(values))
    foreign = any(e.language != "de" for e in evidence)
    disputed = any(g["status"] == "contradicted" for g in numbers)
    parts = [f"## {LEAD} (zwei bis drei Sätze: das Wichtigste)", f"## {KNOWN}"]
    if foreign:
        parts.append(f"## {FOREIGN} (was nur fremdsprachige Belege sagen, auf Deutsch)")
    if disputed:
        parts.append(f"## {DISPUTES} (welche Zahlen sich widersprechen, wer was sagt)")
    system = (
        "Du bist Nachrichtenredakteur und schreibst ein sachliches Lagebild auf Deutsch. "
        "Schreibe nur, was in den nummerierten Belegen steht: keine Zahl, keinen Namen, keinen Ort "
        "und keine Quelle, die dort nicht stehen. Setze hinter jeden Satz die Nummern der Belege, "
        "die ihn tragen, in eckigen Klammern, etwa [3] oder [2][5]. Ein Satz ohne Beleg wird gestrichen."
    )
    user = (
        f"Thema: {headline}\n\nBelege:\n"
        + "\n".join(lines)
        + ("\n\nZahlen der Quellen:\n" + "\n".join(facts) if facts else "")
        + "\n\nSchreibe das Lagebild in diesen Abschnitten, jeder beginnt mit seiner Überschrift:\n"
        + "\n".join(parts)
        + "\nJeder Satz endet mit seinen Belegnummern in eckigen Klammern."
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


@dataclass(slots=True)
class Written:
    """A sentence as the model wrote it: its part of the brief, text and cited numbers."""

    part: str
    text: str
    numbers: list[int]


def parse(answer: str) -> list[Written]:
    """The model's sentences with the numbers each cites. Headings name the part; a
    citation that opens a sentence ("... Tote. [2] Die Polizei ...") belongs to the one
    before it on its line; markup (bullets, bold) is not part of a sentence."""
    out: list[Written] = []
    part = LEAD
    for line in answer.splitlines():
        heading = _HEADING.match(line)
        if heading:
            part = _part(heading.group(1) or heading.group(2))
            continue
        line = _BULLET.sub("", line).replace("**", "").replace("__", "")
        for s in split_sentences(line):
            text = s.text
            opening = _LEADING_CITES.match(text)
            # Only within a line: a line that opens with "[3]" is an item, not a tail.
            if opening and s.index > 0 and out and out[-1].part == part:
                out[-1].numbers += _numbers(opening.group(0))
                text = text[opening.end() :]
            numbers = _numbers(text)
            text = _CITES.sub("", text)
            text = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split())).strip()
            if any(ch.isalpha() for ch in text):
                out.append(Written(part, text, numbers))
    return out


def _numbers(text: str) -> list[int]:
    return [int(n) for group in _CITES.findall(text) for n in re.split(r"\s*[,;]\s*", group)]


def _part(heading: str) -> str:
    heading = heading.strip().lower()
    for part, stems in _PART_WORDS:
        if any(stem in heading for stem in stems):
            return part
    return KNOWN


def gated(written: list[Written], evidence: list[Evidence], base: Brief, gate: Gate) -> tuple[Brief, Tally]:
    """The brief from the model's sentences, each held against what it cites; the
    extractive brief gives the replacements, numbers, timeline and sources."""
    tally = Tally(written=len(written))
    by_number = {e.number: e.citation for e in evidence}
    replacements = base.lead + [s for _, ss in base.sections for s in ss]
    parts: dict[str, list[BriefSentence]] = {LEAD: [], KNOWN: [], FOREIGN: [], DISPUTES: []}
    dropped: list[dict] = []
    said: set[str] = set()
    for w in written:
        cited = list({n: by_number[n] for n in w.numbers if n in by_number}.values())
        tally.citations_removed += len(w.numbers) - len(cited)
        if w.text in said:
            tally.dropped += 1
            dropped.append({"text": w.text, "reason": "wiederholt einen Satz"})
            continue
        if not cited:
            tally.dropped += 1
            dropped.append({"text": w.text, "reason": "ohne Beleg"})
            continue
        backing = gate.backing(w.text, cited)
        if backing:
            # A sentence that goes takes its citations along; only a kept one loses some.
            tally.citations_removed += len(cited) - len(backing)
            tally.kept += 1
            said.add(w.text)
            parts[w.part].append(BriefSentence(w.text, backing, "supported"))
            continue
        quotes = {(c.doc_id, c.quote) for c in cited}
        stand_in = next(
            (
                s
                for s in replacements
                if s.text not in said and quotes & {(c.doc_id, c.quote) for c in s.citations}
            ),
            None,
        )
        if stand_in is None:
            tally.dropped += 1
            dropped.append({"text": w.text, "reason": _UNBACKED})
            continue
        tally.replaced += 1
        said.add(stand_in.text)
        dropped.append({"text": w.text, "reason": f"{_UNBACKED}; ersetzt durch den Satz der Quelle"})
        parts[w.part].append(BriefSentence(stand_in.text, list(stand_in.citations), "supported"))
    brief = Brief(
        story_id=base.story_id,
        headline=base.headline,
        lead=parts.pop(LEAD),
        sections=[(h, ss) for h, ss in parts.items() if ss],
        numbers=base.numbers,
        sources=base.sources,
        dropped=dropped,
        timeline=base.timeline,
        writer="llm",
    )
    return brief, tally


def write(
    base: Brief,
    gate: Gate,
    client: ChatClient,
    progress: Callable[[int], None] | None = None,
) -> tuple[Brief, Completion]:
    """The model's brief of the story whose extractive brief is ``base``, gated; LLMError
    when the endpoint fails or none of the model's sentences survives."""
    language_of = {d["doc_id"]: d.get("language") for d in base.sources}
    evidence = evidence_of(base, language_of)
    if not evidence:
        raise LLMError("the story has no evidence sentence to give the model")
    completion = client.complete(messages(base.headline, evidence, base.numbers), MAX_TOKENS, progress)
    brief, tally = gated(parse(completion.text), evidence, base, gate)
    if not tally.kept and not tally.replaced:
        shown = " ".join(completion.text.split())[:80]
        raise LLMError(f"{completion.model}: no sentence of its answer is backed by its citations: {shown!r}")
    brief.generated_by = brief.model = completion.model
    brief.gate = tally.as_dict()
    return brief, completion
