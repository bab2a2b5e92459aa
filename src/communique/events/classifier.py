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

import os
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


REPORTING = {"say", "report", "tell", "announce", "state", "add", "claim", "confirm", "quote", "according"}
CORE_DEPS = {"dobj", "prt", "xcomp", "attr", "acomp", "neg", "aux", "prep", "agent", "nsubjpass", "oprd"}


def _is_name(t) -> bool:
    return t.pos_ == "PROPN" or (t.ent_type_ in ("GPE", "NORP", "PERSON", "ORG") and t.i != t.sent.start)


def core_verb(sent):
    """A sentence's main predicate: its root, or the complement of a reporting root
    ("Syria says it will not accept refugees" -> accept)."""
    roots = [t for t in sent if t.dep_ == "ROOT"]
    if not roots:
        return None
    root = roots[0]
    for _ in range(2):
        comp = [c for c in root.children if c.dep_ == "ccomp"]
        if root.lemma_.lower() in REPORTING and comp:
            root = comp[0]
    return root


def clause_core(sent) -> str:
    """The words that carry a sentence's main event: its main verb (see ``core_verb``), with the
    verb's particles, objects, prepositions and complements, names left out ("Iran today
    threatened to launch an offensive ..." -> "threatened to launch offensive")."""
    root = core_verb(sent)
    if root is None:
        return ""
    words = {root}
    for c in root.children:
        if c.dep_ in CORE_DEPS:
            words.add(c)
            if c.dep_ in ("xcomp", "prep", "dobj", "attr"):
                words |= {g for g in c.children if g.dep_ in ("dobj", "pobj", "prt", "compound", "amod")}
    return " ".join(w.lower_ for w in sorted(words, key=lambda t: t.i) if not _is_name(w))


def sentence_features(encoder: StaticEncoder, sents) -> np.ndarray:
    """Per parsed sentence: weighted mean and max of the word-piece vectors of its non-name words,
    and the mean vector of its clause core (3 x dim values)."""
    rows = []
    d = encoder.dim
    for sent in sents:
        text = " ".join(t.text for t in sent if not _is_name(t))
        ids = encoder.tokenizer.ids(text)
        if ids:
            V, w = encoder.vectors[ids], encoder.weights[ids]
            mean = (V * w[:, None]).sum(0) / max(float(w.sum()), 1e-6)
            mx = (V * w[:, None]).max(0)
        else:
            mean = mx = np.zeros(d, dtype=np.float32)
        core = encoder.encode([clause_core(sent)])[0]
        rows.append(np.concatenate([_unit(mean), _unit(mx), core]))
    return np.array(rows, dtype=np.float32).reshape(len(rows), 3 * d)


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


class EventTypeClassifier:
    def __init__(self, path: str | Path | None = None, encoder: StaticEncoder | None = None):
        with np.load(Path(path) if path else MODEL_DIR / CLASSIFIER_FILE, allow_pickle=False) as z:
            self.W = z["W"].astype(np.float32)
            self.b = z["b"].astype(np.float32)
            self.classes = [str(c) for c in z["classes"]]
        self.encoder = encoder or get_encoder()

    def probs(self, sents) -> np.ndarray:
        """Class probabilities for parsed sentences (spaCy spans), one row per sentence."""
        X = sentence_features(self.encoder, sents)
        return softmax(X @ self.W.T + self.b)

    def predict(self, sent) -> TypeGuess:
        p = self.probs([sent])[0]
        order = np.argsort(-p)
        return TypeGuess(self.classes[order[0]], float(p[order[0]]), float(p[order[0]] - p[order[1]]))


_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _cached(path: str | None) -> EventTypeClassifier | None:
    p = Path(path) if path else MODEL_DIR / CLASSIFIER_FILE
    if not p.exists():
        return None
    return EventTypeClassifier(p)


def get_classifier(path: str | None = None) -> EventTypeClassifier | None:
    """The shipped classifier, loaded once per process.  None when the model file is missing or
    ``$COMMUNIQUE_CLASSIFIER`` is ``off``; a path in that variable selects another model file."""
    env = os.environ.get("COMMUNIQUE_CLASSIFIER", "")
    if env.lower() in ("off", "0", "no", "false"):
        return None
    with _LOCK:
        return _cached(path or env or None)
