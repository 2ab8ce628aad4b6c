"""One exception per kind of failure a user can act on.

Every message names the document, input or argument it is about, so the CLI
can print it as one line.
"""


class LagebildError(Exception):
    """Base of all errors lagebild reports to the user."""


class IngestError(LagebildError):
    """An input could not be read or turned into a document."""

    def __init__(self, label: str, reason: str):
        super().__init__(f"{label}: {reason}")
        self.label = label
        self.reason = reason


class FetchError(IngestError):
    """A URL could not be fetched (network, HTTP status, size, address guard)."""


class UpstreamError(FetchError):
    """The other server failed: no answer, an HTTP error status, too slow, too large,
    too many redirects (unlike a refused or malformed URL, nothing the user typed is wrong)."""


class ExtractionError(IngestError):
    """A page held no main text that could be extracted."""


class StoreError(LagebildError):
    """The store could not be opened, migrated or written."""


class NotFoundError(LagebildError):
    """A document, story or other object asked for does not exist."""


class ClusterError(LagebildError):
    """The Dask cluster of a backfill could not be reached or started."""
