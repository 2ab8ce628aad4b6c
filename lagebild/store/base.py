"""The interface every store implements (SQLite today, PostgreSQL next)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass

from lagebild.model import AddResult, Document


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
class FeedState:
    """What a feed's server told us last time, for conditional GET."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    fetched_at: str | None = None


class Store(ABC):
    """Documents, their sentences and feed state; one transaction per document."""

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

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
