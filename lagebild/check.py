"""Check an article against the sources: each sentence with a verdict, evidence and issues."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lagebild.analyse import analyse, detect_language, normalise_text
from lagebild.cluster import Clusterer
from lagebild.errors import IngestError, NotFoundError
from lagebild.extract import extract_html
from lagebild.features import document_features
from lagebild.ingest.fetch import Fetcher
from lagebild.linkage import THRESHOLD
from lagebild.model import Document, Story
from lagebild.settings import Settings
from lagebild.store import Store
from lagebild.verify import Verdict, Verifier


@dataclass
class CheckReport:
    """The verdict on every sentence of an article."""

    article: Document
    story: Story | None
    sentences: list[tuple[str, Verdict]] = field(default_factory=list)
    sources: int = 0  # documents checked against

    def summary(self) -> dict[str, int]:
        """How many sentences got each verdict."""
        counts = {"supported": 0, "contradicted": 0, "unsupported": 0, "not_checkable": 0}
        for _, v in self.sentences:
            counts[v.verdict] += 1
        return counts


def load_article(spec: str, settings: Settings) -> Document:
    """An article from a file (.txt, .md, .html) or a URL, as text with sentences."""
    if re.match(r"^https?://", spec):
        with Fetcher(settings) as fetcher:
            response = fetcher.get(spec)
        page = extract_html(response.content, url=spec, label=spec)
        text, title = page.text, page.title
    else:
        path = Path(spec)
        if not path.is_file():
            raise IngestError(spec, "no such file (give a .txt, .md or .html file or a URL)")
        data = path.read_bytes()
        if path.suffix.lower() in (".html", ".htm"):
            page = extract_html(data, label=spec)
            text, title = page.text, page.title
        else:
            try:
                text, title = normalise_text(data.decode("utf-8-sig")), None
            except UnicodeDecodeError as exc:
                raise IngestError(spec, f"not UTF-8 text ({exc.reason})") from exc
    if not text.strip():
        raise IngestError(spec, "the article has no text")
    analysis = analyse(text)
    return Document(
        id="article",
        url=spec if "://" in spec else None,
        source="Artikel",
        title=title,
        text=text,
        language=analysis.language,
        sentences=analysis.sentences,
    )


def source_documents(inputs: list[str], store: Store, settings: Settings) -> list[Document]:
    """The documents of ``check --sources``, ingested now; the first input that cannot be
    read is an error, since a check against only some of the sources would mislead."""
    from lagebild.ingest import ingest
    from lagebild.stories import documents_of

    report = ingest(inputs, store, settings)
    if report.failed:
        raise IngestError(report.failed[0].label, report.failed[0].reason)
    return documents_of(store, [r.doc_id for r in report.added + report.present])


def pick_story(store: Store, article: Document) -> Story:
    """The story that fits the article best, if it fits as well as a new report must to
    join a story; else NotFoundError naming the closest."""
    (features,) = document_features([article])
    clusterer = Clusterer(store, lambda state, feats: "")
    story_id, score = clusterer.best_story(features)
    story = store.story(story_id) if story_id is not None else None
    if story is None:
        raise NotFoundError("no story fits this article; ingest its sources first or give --story")
    if score < THRESHOLD:
        raise NotFoundError(
            f"no story fits this article (closest: story {story.id}, {story.title!r}); "
            "name a story (--story) or give sources (--sources)"
        )
    return story


def check_article(
    article: Document,
    sources: list[Document],
    story: Story | None = None,
    semantic: bool = True,
    embedders=None,
    verifier: Verifier | None = None,
    progress: Callable[[int], None] | None = None,
) -> CheckReport:
    """Judge each sentence of the article against the source documents (``semantic``: also
    look for paraphrases of sentences the rules find unsupported; ``embedders``: the models
    of that step, default embed.paraphrase_embedders(), and embed.paraphrase_embedders(store)
    keeps the embeddings for later checks).
    ``verifier``: one already built over ``sources``, to skip indexing them again;
    ``progress`` is called with 1 after each sentence."""
    if verifier is None:
        verifier = Verifier(sources, semantic=semantic, embedders=embedders)
    else:
        # A verifier kept for the sources (the web server's, per story version); not thread-safe.
        verifier.semantic, verifier.embedders = semantic, embedders
    report = CheckReport(article, story, sources=len(sources))
    for s in article.sentences:
        # Articles quote and mix languages: judge each sentence in its own.
        language = detect_language(s.text) if len(s.text) >= 40 else None
        report.sentences.append((s.text, verifier.check(s.text, language or article.language)))
        if progress:
            progress(1)
    return report
