"""A small learned event-type classifier over static MiniLM sentence vectors.

The model is a softmax regression (one weight row per PLOVER type plus ``NONE``) trained by
``training/train_event_classifier.py`` on sentences the team wrote (``training/event_types``).
It is shipped as ``data/models/event_types.npz`` and runs with numpy only.

The extractor uses it in two places (see ``events/extract.py``):
* to propose an event for a sentence that names political actors but where no lexicon entry or
  rule fired, when the classifier is confident and the sentence has a usable dyad;
* to break ties between rule events of different types on the same clause.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .embeddings import MODEL_DIR, get_encoder, StaticEncoder

CLASSIFIER_FILE = "event_types.npz"


@dataclass(frozen=True)
class TypeGuess:
    type: str            # a PLOVER type or "NONE"
    prob: float
    margin: float        # prob minus the runner-up's prob


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)


class EventTypeClassifier:
    def __init__(self, path: str | Path | None = None, encoder: StaticEncoder | None = None):
        with np.load(Path(path) if path else MODEL_DIR / CLASSIFIER_FILE, allow_pickle=False) as z:
            self.W = z["W"].astype(np.float32)
            self.b = z["b"].astype(np.float32)
            self.classes = [str(c) for c in z["classes"]]
        self.encoder = encoder or get_encoder()

    def probs(self, texts: list[str]) -> np.ndarray:
        X = self.encoder.encode(texts)
        return softmax(X @ self.W.T + self.b)

    def predict(self, text: str) -> TypeGuess:
        p = self.probs([text])[0]
        order = np.argsort(-p)
        return TypeGuess(self.classes[order[0]], float(p[order[0]]), float(p[order[0]] - p[order[1]]))

    def prob_of(self, text: str, type_: str) -> float:
        if type_ not in self.classes:
            return 0.0
        return float(self.probs([text])[0][self.classes.index(type_)])


_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _cached(path: str | None) -> EventTypeClassifier | None:
    p = Path(path) if path else MODEL_DIR / CLASSIFIER_FILE
    if not p.exists():
        return None
    return EventTypeClassifier(p)


def get_classifier(path: str | None = None) -> EventTypeClassifier | None:
    """The shipped classifier, loaded once per process (None if the model file is missing)."""
    with _LOCK:
        return _cached(path)
