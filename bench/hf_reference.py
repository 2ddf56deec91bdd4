"""Independent reference for bench/hf_reference.ts: the tiny BERT's forward pass written
out in numpy (float64) from its weights, against the hidden states ONNX Runtime and the
engine's import computed. Prints one JSON object."""
import json
import struct
import sys

import numpy as np

DT = {"F32": np.float32, "I64": np.int64}


def load(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        blob = f.read()
    meta = header.pop("__metadata__", {})
    out = {k: np.frombuffer(blob[v["data_offsets"][0]:v["data_offsets"][1]], dtype=DT[v["dtype"]]).reshape(v["shape"]) for k, v in header.items()}
    return out, meta


t, meta = load(sys.argv[1])
cfg = json.loads(meta["config"])
H, heads, L, eps = cfg["hidden"], cfg["heads"], cfg["layers"], cfg["layerNormEps"]
dh = H // heads
w = {k: v.astype(np.float64) for k, v in t.items() if v.dtype == np.float32}
ids, mask, types = t["input_ids"], t["attention_mask"], t["token_type_ids"]
B, T = ids.shape


def ln(x, p):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w[p + ".LayerNorm.weight"] + w[p + ".LayerNorm.bias"]


def erf(x):
    from math import erf as e
    return np.vectorize(e)(x)


h = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.token_type_embeddings.weight"][types] + w["embeddings.position_embeddings.weight"][np.arange(T)][None]
h = ln(h, "embeddings")
bias = (1.0 - mask[:, None, None, :].astype(np.float64)) * np.finfo(np.float32).min
mm = 1000
for l in range(L):
    P = f"encoder.layer.{l}"
    lin = lambda x, name, k: x @ w[f"onnx::MatMul_{mm + k}"] + w[f"{P}.{name}.bias"]
    split = lambda x: x.reshape(B, T, heads, dh).transpose(0, 2, 1, 3)
    q, k, v = (split(lin(h, f"attention.self.{n}", i)) for i, n in enumerate(["query", "key", "value"]))
    s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh) + bias
    s = np.exp(s - s.max(-1, keepdims=True))
    a = (s / s.sum(-1, keepdims=True)) @ v
    a = a.transpose(0, 2, 1, 3).reshape(B, T, H)
    h1 = ln(lin(a, "attention.output.dense", 3) + h, f"{P}.attention.output")
    pre = lin(h1, "intermediate.dense", 4)
    g = 0.5 * pre * (1 + erf(pre / np.sqrt(2)))
    h = ln(lin(g, "output.dense", 5) + h1, f"{P}.output")
    mm += 6
m = mask[..., None].astype(np.float64)
real = np.broadcast_to(m, h.shape) > 0
out = {"batch": B, "seq_len": T, "max_abs_hidden": float(np.abs(h[real]).max())}
for name in ["ort_hidden", "engine_hidden"]:
    x = t[name].astype(np.float64)
    out[f"{name}_max_abs_diff"] = float(np.abs(x - h)[real].max())  # padded positions are not compared
pooled = (h * m).sum(1) / m.sum(1)
out["ort_mean_pooled_max_abs_diff"] = float(np.abs(t["ort_features"].astype(np.float64) - pooled).max())
print(json.dumps(out))
