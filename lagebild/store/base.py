"""The interface every store implements (SQLite and PostgreSQL)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from lagebild.model import AddResult, Document, Features, Story, StoryState


@dataclass(slots=True)
class DocumentSummary:
    """A row of the documents listing: everything but the text."""

    id: str
    url: str | None
    source: str
    title: str | None
    published: str | None
    language: str | None
    kind: str
    chars: int
    sentences: int
    copy_of: str | None


@dataclass(slots=True)
class StoryCentroids:
    """Every story's embedding sum (a row of ``sums``, numpy) and dated span (ISO days, None
    when it has no dated report), in the order of ``ids``."""

    ids: list[int]
    sums: object
    date_lo: list[str | None]
    date_hi: list[str | None]


@dataclass(slots=True)
class FeedState:
    """What a feed's server told us last time, for conditional GET."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    fetched_at: str | None = None


class Store(ABC):
    """Documents, their sentences and feed state; one transaction per document."""

    # Opened for reading only: caches (sentence vectors) are not kept, other writes raise StoreError.
    read_only: bool = False

    @abstractmethod
    def add_document(self, doc: Document) -> AddResult:
        """Store a document idempotently.

        The same URL is stored once; a document without URL is stored once per
        text. The same text under a new URL is stored and marked ``copy_of``
        the earliest document with that text.
        """

    @abstractmethod
    def get_document(self, doc_id: str) -> Document | None:
        """The document with its sentences, or None."""

    @abstractmethod
    def id_for_url(self, url: str) -> str | None:
        """The id of the document stored under this (normalised) URL, or None."""

    @abstractmethod
    def documents(self) -> Iterator[DocumentSummary]:
        """All documents, oldest publication first (undated last)."""

    @abstractmethod
    def summaries(self, doc_ids: list[str]) -> list[DocumentSummary]:
        """Listing rows of the given documents, oldest publication first."""

    @abstractmethod
    def count_documents(self) -> int:
        """Number of stored documents."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[DocumentSummary]:
        """Documents whose title or text match a full-text query, best first."""

    @abstractmethod
    def feed_state(self, url: str) -> FeedState | None:
        """The remembered ETag / Last-Modified of a feed."""

    @abstractmethod
    def save_feed_state(self, state: FeedState) -> None:
        """Remember a feed's ETag / Last-Modified."""

    # -- clustering: features, statistics, duplicate indexes, stories --------

    def clustering(self) -> AbstractContextManager:
        """Held while stories are updated, so that two processes (two ingests, or an ingest
        and the web server) do not place the same new documents at once. A store for
        several writers (PostgreSQL) takes a lock across processes; the default takes none."""
        return nullcontext()

    @abstractmethod
    def unclustered_doc_ids(self) -> list[str]:
        """Ids of documents in no story yet, in ingest order (kept as documents are added
        and placed: this reads only them, not every stored document)."""

    @abstractmethod
    def save_features(self, features: Features, sentence_hashes: list[int], band_keys: list[int]) -> None:
        """Store a document's features and index entries; count its terms and names."""

    @abstractmethod
    def features(self, doc_ids: list[str]) -> dict[str, Features]:
        """Features of the given documents (those that have them)."""

    @abstractmethod
    def featured_count(self) -> int:
        """Number of documents with features (the N of inverse document frequency)."""

    @abstractmethod
    def features_of_other_models(self, model: str) -> bool:
        """Whether any stored features were embedded by another model than ``model``
        (see embed.model_key): their vectors cannot be compared with this model's."""

    @abstractmethod
    def clear_features(self) -> None:
        """Remove all features, their statistics and duplicate indexes (documents stay); with
        clear_stories, what a change of the embedding model needs."""

    @abstractmethod
    def term_stats(self, keys: list[str]) -> dict[str, tuple[int, int]]:
        """For each known key: (document frequency, number of languages seen in)."""

    @abstractmethod
    def docs_sharing(self, sentence_hashes: list[int], band_keys: list[int], exclude: str) -> set[str]:
        """Documents that share a sentence hash or a MinHash band key with the given ones."""

    @abstractmethod
    def set_duplicate_group(self, doc_id: str, group_id: str) -> None:
        """Put a document into the duplicate group named by its first member."""

    @abstractmethod
    def duplicate_group(self, doc_id: str) -> str | None:
        """The group a document belongs to (its first member's id), or None."""

    @abstractmethod
    def story_centroids(self) -> StoryCentroids:
        """Every story's embedding sum and dated span, by id, for a quick shortlist of
        candidates (read as one matrix: stories are many)."""

    @abstractmethod
    def language_embedding_sums(self) -> dict[str, tuple[int, object]]:
        """Per language ("?" when unknown): the number of documents with features and the
        sum of their embeddings (numpy), kept as features are saved."""

    @abstractmethod
    def story_ids_of_docs(self, doc_ids: list[str]) -> dict[str, int]:
        """The story each given document belongs to."""

    @abstractmethod
    def story_state(self, story_id: int) -> StoryState | None:
        """A story's clustering state."""

    @abstractmethod
    def save_story_state(self, state: StoryState, title: str | None) -> int:
        """Create or update a story with its members; returns its id."""

    @abstractmethod
    def delete_story(self, story_id: int) -> None:
        """Remove a story (its documents become unassigned)."""

    @abstractmethod
    def clear_stories(self) -> None:
        """Remove all stories and duplicate groups (features stay)."""

    @abstractmethod
    def stories(self) -> list[Story]:
        """All stories, largest first."""

    @abstractmethod
    def story(self, story_id: int) -> Story | None:
        """One story."""

    @abstractmethod
    def vectors(self, keys: list[bytes]) -> dict[bytes, bytes]:
        """Stored sentence embeddings by key (see embed.StoredEmbedder)."""

    @abstractmethod
    def save_vectors(self, vectors: dict[bytes, bytes]) -> None:
        """Keep sentence embeddings by key; keys already stored are left as they are."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
