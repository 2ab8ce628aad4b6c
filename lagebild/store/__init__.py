"""The store: the only state the stages share. SQLite for one analyst, PostgreSQL for a team."""

from __future__ import annotations

from lagebild.store.base import DocumentSummary, Store


def open_store(target: str, read_only: bool | None = None) -> Store:
    """Open the store named by ``target``: a file path (SQLite) or a postgresql:// URL.
    ``read_only``: True for reading only, False to require write access, None for reading
    only exactly when the store cannot be written."""
    if target.startswith(("postgresql://", "postgres://")):
        from lagebild.store.postgres import PostgresStore

        return PostgresStore(target, read_only)
    from lagebild.store.sqlite import SQLiteStore

    return SQLiteStore(target, read_only)


__all__ = ["DocumentSummary", "Store", "open_store"]
