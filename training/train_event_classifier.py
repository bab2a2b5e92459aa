#!/usr/bin/env python3
"""Train the event-type classifier shipped in src/communique/data/models/event_types.npz.

    .venv/bin/python training/train_event_classifier.py            # 5-fold CV report, then train on all
    .venv/bin/python training/train_event_classifier.py --cv-only

Data: training/event_types/<TYPE>.jsonl, sentences written by the team (one JSON object per line
with "text" and "type"; NONE holds sentences that state no event).  Features: static MiniLM vectors
(communique.events.embeddings) of the sentence's non-name words (mean and max) and of its clause
core (communique.events.classifier.sentence_features).  Model: softmax regression with L2, fitted by
full-batch gradient descent in numpy, classes weighted to balance NONE against the 16 types.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from communique.events.classifier import CLASSIFIER_FILE, sentence_features, softmax
from communique.events.embeddings import MODEL_DIR, StaticEncoder

DATA = ROOT / "training" / "event_types"


def load(data_dir: Path = DATA) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for f in sorted(data_dir.glob("*.jsonl")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{f}:{n}: {e}")
            if r.get("text") and r.get("type"):
                texts.append(r["text"])
                labels.append(str(r["type"]).upper())
    return texts, labels


def fit(X: np.ndarray, y: np.ndarray, k: int, l2: float = 1e-4, epochs: int = 3000, lr: float = 2.0,
        class_weight: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    n, d = X.shape
    W = np.zeros((k, d), dtype=np.float64)
    b = np.zeros(k, dtype=np.float64)
    Y = np.eye(k)[y]
    sw = class_weight[y] if class_weight is not None else np.ones(n)
    sw = sw / sw.mean()
    for _ in range(epochs):
        P = softmax(X @ W.T + b)
        G = (P - Y) * sw[:, None] / n
        W -= lr * (G.T @ X + l2 * W)
        b -= lr * G.sum(0)
    return W, b


def features(enc: StaticEncoder, texts: list[str]) -> np.ndarray:
    from communique.nlp.loader import get_nlp
    nlp = get_nlp()
    sents = [next(iter(doc.sents)) if len(list(doc.sents)) == 1 else doc[:] for doc in nlp.pipe(texts, batch_size=64)]
    return sentence_features(enc, sents).astype(np.float64)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="train the event-type classifier")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--epochs", type=int, default=3000)
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--out", default=str(MODEL_DIR / CLASSIFIER_FILE))
    a = ap.parse_args(argv)
    texts, labels = load()
    classes = sorted(set(labels))
    print(f"{len(texts)} sentences, {len(classes)} classes:",
          ", ".join(f"{c} {n}" for c, n in sorted(Counter(labels).items())))
    enc = StaticEncoder()
    X = features(enc, texts)
    y = np.array([classes.index(lab) for lab in labels])
    counts = np.bincount(y, minlength=len(classes))
    cw = counts.sum() / (len(classes) * np.maximum(counts, 1))
    rng = np.random.default_rng(7)
    order = rng.permutation(len(y))
    folds = np.array_split(order, a.folds)
    pred = np.zeros(len(y), dtype=int)
    for i, test in enumerate(folds):
        train = np.concatenate([f for j, f in enumerate(folds) if j != i])
        W, b = fit(X[train], y[train], len(classes), a.l2, a.epochs, class_weight=cw)
        pred[test] = np.argmax(X[test] @ W.T + b, axis=1)
    acc = float((pred == y).mean())
    print(f"{a.folds}-fold cross-validated accuracy: {acc:.3f}")
    for ci, c in enumerate(classes):
        tp = int(((pred == ci) & (y == ci)).sum())
        p = tp / max(1, int((pred == ci).sum()))
        r = tp / max(1, int((y == ci).sum()))
        print(f"  {c:10s} P {p:.2f} R {r:.2f}  n={int((y == ci).sum())}")
    if a.cv_only:
        return 0
    W, b = fit(X, y, len(classes), a.l2, a.epochs, class_weight=cw)
    np.savez_compressed(a.out, W=W.astype(np.float32), b=b.astype(np.float32), classes=np.array(classes),
                        cv_accuracy=np.array(acc), n_train=np.array(len(y)))
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
