"""What the verifier says about a sentence: its verdict, evidence and issues."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Evidence:
    """A source sentence offered in support, verbatim."""

    doc_id: str
    source: str
    quote: str
    score: float


@dataclass(slots=True)
class Issue:
    """What is wrong with a sentence, in one line."""

    kind: str
    detail: str


@dataclass
class Verdict:
    """The judgement of one sentence."""

    verdict: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
