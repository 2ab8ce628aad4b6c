"""Writers: a story and its claims -> a Brief, then the gate.

Writers are registered by name in WRITERS and chosen by ``--writer`` / LAGEBILD_WRITER:
``extractive`` (the default: offline, deterministic, every sentence a source's own) and
``llm`` (an OpenAI-compatible endpoint; its prose is held against what it cites). Every
writer returns the same Brief, and every brief passes the same gate afterwards
(write.gate.Gate.verify), whoever wrote it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lagebild.compare import Comparison
from lagebild.errors import LagebildError
from lagebild.model import Brief, Document, Story
from lagebild.settings import Settings
from lagebild.write.gate import Gate


@dataclass
class Material:
    """What a writer writes from: the story, its documents, its claims compared, and for
    each syndicated copy the document that speaks for its report."""

    story: Story
    docs: list[Document]
    comparison: Comparison
    duplicate_of: dict[str, str]
    embedder: object = None


Warn = Callable[[str], None]
Progress = Callable[[int], None]


def _extractive(material: Material, gate: Gate, settings: Settings, warn: Warn, progress) -> Brief:
    from lagebild.write.extractive import write_brief

    m = material
    return write_brief(m.story, m.docs, m.comparison, m.duplicate_of, m.embedder, gate)


def _llm(material: Material, gate: Gate, settings: Settings, warn: Warn, progress) -> Brief:
    from lagebild.llm import ChatClient, LLMError
    from lagebild.write import llm

    base = _extractive(material, gate, settings, warn, progress)
    try:
        with ChatClient(
            settings.llm_url or "",
            settings.llm_model,
            settings.llm_key,
            timeout=settings.timeout,
            deadline=settings.llm_timeout,
        ) as client:
            return llm.write(base, gate, client, progress)[0]
    except LLMError as exc:
        warn(f"LLM writer: {exc}; the extractive brief follows")
        return base


WRITERS: dict[str, Callable[..., Brief]] = {"extractive": _extractive, "llm": _llm}


def check_writer(settings: Settings) -> None:
    """LagebildError for a writer that cannot run with these settings (an unknown name, the
    llm writer without an endpoint), before any work is done."""
    if settings.writer not in WRITERS:
        raise LagebildError(f"--writer {settings.writer}: unknown writer (one of: {', '.join(WRITERS)})")
    if settings.writer == "llm" and not settings.llm_url:
        raise LagebildError("--writer llm: no endpoint; give --llm-url URL (or set LAGEBILD_LLM_URL)")


def write(
    material: Material, settings: Settings, warn: Warn | None = None, progress: Progress | None = None
) -> Brief:
    """The verified brief by the writer ``settings.writer``. ``warn`` hears, in one line,
    why a writer fell back to the extractive brief; ``progress`` how far a model's
    streamed answer has come."""
    check_writer(settings)
    gate = Gate(material.docs, embedder=material.embedder)
    brief = WRITERS[settings.writer](material, gate, settings, warn or (lambda _: None), progress)
    return gate.verify(brief)
