"""Words for full-text search in PostgreSQL, cut as SQLite's FTS5 (unicode61) cuts them.

PostgreSQL's own parser depends on the database's locale (under the C locale every
non-ASCII character is a letter: "Brücke—Elbe" is one word, "«Zitat»" another), keeps
accents unless an extension is installed, and reads "3.000" or "C-Lion1" as one token where
SQLite reads two: ``search()`` would find other documents on the two stores. So the words are made here,
the same on every server: runs of letters, digits and private-use characters, lower-cased,
Latin diacritics removed. PostgreSQL keeps them in a tsvector with their positions, matches
with a tsquery and ranks with ts_rank.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+|[\ue000-\uf8ff]+")
# A tsvector holds at most 1 MB and positions up to 16383; a lexeme at most 2047 bytes.
MAX_VECTOR_BYTES = 900_000
MAX_POSITION = 16383
MAX_POSITIONS_PER_WORD = 256
MAX_WORD_BYTES = 2046


def words(text: str) -> list[str]:
    """The searchable words of ``text``, in order."""
    folded = unicodedata.normalize("NFD", text.lower())
    folded = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn")
    return _WORD.findall(unicodedata.normalize("NFC", folded))


def _quoted(word: str) -> str:
    return "'" + word + "'"  # words hold no quote or backslash: those are not letters


def search_vector(title: str | None, text: str) -> str:
    """A tsvector literal of the title's and the text's words with positions. The title
    ends one position before the text begins, so that no phrase runs from one into the
    other (SQLite keeps them in two columns); words past the size PostgreSQL allows are
    left out of the index (the document is stored whole)."""
    positions: dict[str, list[int]] = {}
    size = 0
    pos = 0
    for part in (title or "", text):
        for word in words(part):
            pos = min(pos + 1, MAX_POSITION)
            if len(word.encode()) > MAX_WORD_BYTES:
                continue
            seen = positions.get(word)
            if seen is None:
                size += len(word.encode()) + 8
                if size > MAX_VECTOR_BYTES:
                    return _literal(positions)
                positions[word] = [pos]
            elif len(seen) < MAX_POSITIONS_PER_WORD and seen[-1] != pos:
                seen.append(pos)
                size += 2
        pos += 1
    return _literal(positions)


def _literal(positions: dict[str, list[int]]) -> str:
    return " ".join(f"{_quoted(w)}:{','.join(map(str, p))}" for w, p in positions.items())


def search_query(query: str) -> str | None:
    """A tsquery literal for a user's query read as the SQLite store reads it: every
    whitespace-separated word must occur, a word of several parts ("C-Lion1", "3.000") as
    those parts in a row; None when the query holds no word at all."""
    phrases = []
    for part in query.replace('"', " ").split():
        found = [w for w in words(part) if len(w.encode()) <= MAX_WORD_BYTES]
        if found:
            phrases.append("(" + " <-> ".join(map(_quoted, found)) + ")")
    return " & ".join(phrases) or None
