"""The plain data the pipeline stages hand to each other."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Sentence:
    """One sentence of a document, cited verbatim as ``text[start:end]``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class RawDocument:
    """What an ingest source found, before extraction and analysis.

    Exactly one of ``text`` and ``html`` is set. ``label`` names the input in
    error messages (a URL, ``file.jsonl:7``, ``archive.warc.gz#12``).
    """

    label: str
    kind: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    author: str | None = None
    text: str | None = None
    html: str | bytes | None = None
    id: str | None = None
    meta: dict = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    """A stored report: main text, metadata and its sentences with offsets."""

    id: str
    url: str | None
    source: str
    title: str | None
    text: str
    language: str | None
    published: str | None = None
    author: str | None = None
    kind: str = "text"
    text_hash: str = ""
    copy_of: str | None = None
    ingested_at: str | None = None
    meta: dict = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class AddResult:
    """What the store did with one document: ``added`` or ``present``."""

    status: str
    doc_id: str
    copy_of: str | None = None


@dataclass(slots=True)
class Failure:
    """One input that could not be ingested, with a one-line reason."""

    label: str
    reason: str


@dataclass
class IngestReport:
    """The outcome of one ingest run."""

    added: list[AddResult] = field(default_factory=list)
    present: list[AddResult] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def copies(self) -> list[AddResult]:
        """Newly added documents whose text is an exact copy of an earlier one."""
        return [r for r in self.added if r.copy_of]


@dataclass(slots=True)
class Features:
    """What clustering knows of a document: embedding, names, time span."""

    doc_id: str
    embedding: object  # numpy float32 vector of unit length
    names: dict[str, float]
    language: str | None
    date_lo: str | None  # first and last day the publication date allows (ISO dates)
    date_hi: str | None
    model: str = ""  # the embedding's model and size (embed.model_key): never compared across models


@dataclass(slots=True)
class StoryState:
    """A story as clustering sees it: its members, their embedding sum, its time span."""

    id: int | None
    doc_ids: list[str]
    embedding_sum: object  # numpy float32 vector
    date_lo: str | None = None
    date_hi: str | None = None


@dataclass(slots=True)
class Story:
    """A story as users see it (spec/stories.schema.json)."""

    id: int
    title: str
    doc_ids: list[str]
    languages: list[str]
    sources: list[str]
    first_published: str | None
    last_published: str | None
    duplicate_groups: list[list[str]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.doc_ids)


@dataclass(slots=True)
class Citation:
    """A source sentence that backs a brief's sentence, quoted verbatim."""

    doc_id: str
    source: str
    url: str | None
    quote: str
    support: float | None = None


@dataclass(slots=True)
class BriefSentence:
    """One sentence of a brief with its citations and the verifier's verdict."""

    text: str
    citations: list[Citation]
    verdict: str | None = None


@dataclass(slots=True)
class TimelineEntry:
    """One step of a story's course: the day it was first reported, and what."""

    day: str  # ISO date
    sentence: BriefSentence


@dataclass
class Brief:
    """A German briefing on one story (spec/brief.schema.json)."""

    story_id: int
    headline: str
    lead: list[BriefSentence]
    sections: list[tuple[str, list[BriefSentence]]]
    numbers: list[dict]
    sources: list[dict]
    dropped: list[dict] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    language: str = "de"
    generated_by: str = "extractive"
    # The writer (write.WRITERS) and, for a language model, its name.
    writer: str = "extractive"
    model: str | None = None
    # What the gate did with the writer's sentences: written, kept, replaced, dropped,
    # citations_removed (write.gate.Tally.as_dict()).
    gate: dict = field(default_factory=dict)
