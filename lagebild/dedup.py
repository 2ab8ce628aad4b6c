"""Syndicated copies: exact and near-duplicate documents grouped as one report.

Candidates come from two indexes in the store, so finding them never scans
all documents: hashes of long sentences (an agency text keeps its sentences
when a site adds boilerplate or a new headline) and MinHash LSH band keys
(datasketch MinHash over word 5-shingles; 16 bands of 4 rows find pairs with a
Jaccard similarity of 0.6 or more almost surely). Candidates are then checked
exactly: a document is a near-copy when most of the smaller text's shingles
occur in the other (containment), which a changed headline or added
boilerplate hardly lowers.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from datasketch import MinHash

from lagebild.model import Document

SHINGLE = 5
NUM_PERM = 64
BANDS, ROWS = 16, 4
MIN_SENTENCE_WORDS = 8
# Share of the smaller text's shingles found in the other, and a floor of shared
# shingles so that two short texts quoting one statement are not copies.
MIN_CONTAINMENT = 0.4
MIN_SHARED = 12

_WORDS = re.compile(r"\w+")


def _hash64(data: bytes) -> int:
    # Signed 63-bit so that SQLite stores it as an INTEGER.
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big") >> 1


def shingles(text: str) -> set[str]:
    """Word 5-grams of the lower-cased text."""
    words = _WORDS.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def sentence_hashes(doc: Document) -> list[int]:
    """Hashes of the document's long sentences, normalised to their words."""
    out = []
    for sentence in doc.sentences:
        words = _WORDS.findall(sentence.text.lower())
        if len(words) >= MIN_SENTENCE_WORDS:
            out.append(_hash64(" ".join(words).encode()))
    return sorted(set(out))


def band_keys(shingle_set: set[str]) -> list[int]:
    """MinHash LSH band keys of a shingle set (empty for texts too short to shingle)."""
    if not shingle_set:
        return []
    seeded = _seeded()
    minhash = MinHash(num_perm=NUM_PERM, seed=7, permutations=seeded.permutations, scheme=seeded.scheme)
    minhash.update_batch([s.encode() for s in shingle_set])
    values = minhash.hashvalues
    return [
        _hash64(bytes([band]) + values[band * ROWS : (band + 1) * ROWS].tobytes()) for band in range(BANDS)
    ]


@lru_cache(maxsize=1)
def _seeded() -> MinHash:
    # Drawing the permutations is most of a MinHash's cost (0.6 ms); they follow from the
    # seed, so they are drawn once and shared: the same keys as before.
    return MinHash(num_perm=NUM_PERM, seed=7)


def containment(a: set[str], b: set[str]) -> tuple[float, int]:
    """Share of the smaller set found in the larger, and the number shared."""
    if not a or not b:
        return 0.0, 0
    shared = len(a & b)
    return shared / min(len(a), len(b)), shared


def is_near_copy(a: set[str], b: set[str]) -> bool:
    """Whether two shingle sets are the same text with small changes."""
    share, shared = containment(a, b)
    return share >= MIN_CONTAINMENT and shared >= MIN_SHARED


def duplicate_group(store, doc: Document, hashes: list[int], keys: list[int]) -> str | None:
    """The duplicate group ``doc`` belongs to (the id of the group's first document), or None.

    An exact copy (``copy_of``) and a feed entry's page stored after its summary
    (``meta["summary"]``) join the group of what they repeat; otherwise the
    candidates from the indexes are checked exactly and the best match wins.
    """
    for earlier in (doc.copy_of, doc.meta.get("summary")):
        if earlier and store.get_document(earlier) is not None:
            return store.duplicate_group(earlier) or earlier
    mine = shingles(doc.text)
    best: tuple[float, str] | None = None
    for other_id in sorted(store.docs_sharing(hashes, keys, exclude=doc.id)):
        other = store.get_document(other_id)
        if other is None:
            continue
        theirs = shingles(other.text)
        if is_near_copy(mine, theirs):
            share = containment(mine, theirs)[0]
            if best is None or share > best[0]:
                best = (share, other_id)
    if best is None:
        return None
    return store.duplicate_group(best[1]) or best[1]
