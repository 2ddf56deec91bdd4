"""PyTorch reference for `npm run bench:engine`: the same models, batch sizes,
optimizer, step counts and timing (median of timed rounds after 10 warm-up
steps) as bench/engine.ts, each case timed at every thread count given (default: 1 and all cores) and reported at its fastest. Also
measures OpenBLAS's sgemm (numpy's and torch's matmul of large square
matrices) when asked (argument 3: "sgemm"). Prints one JSON object per line."""
import ctypes
import json
import os
import sys
import time

import numpy as np
import torch

threads_list = sorted({int(t) for t in (sys.argv[1] if len(sys.argv) > 1 else f"1,{os.cpu_count()}").split(",")})
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 50
# "sgemm": measure only OpenBLAS's sgemm (bench/engine.ts runs it right beside its MLP case).
only_sgemm = len(sys.argv) > 3 and sys.argv[3] == "sgemm"
# Timed rounds per case; the median round is reported (as bench/engine.ts does on its side).
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
torch.manual_seed(0)
# Subnormal floats flushed to zero, as w2s's sessions do (RuntimeOptions.denormalsAsZero): a model that
# fits its one benchmark batch otherwise spends its steps in subnormal arithmetic (both sides ~15× slower).
torch.set_flush_denormal(True)


def openblas():
    """The OpenBLAS that numpy and this torch build call for sgemm, to set its own thread pool."""
    for name in ("libblas.so.3", "libopenblas.so.0"):
        try:
            lib = ctypes.CDLL(name)
            lib.openblas_set_num_threads
            return lib
        except (OSError, AttributeError):
            continue
    return None


BLAS = openblas()


def set_threads(t):
    """torch's intra-op pool and OpenBLAS's pool both at t (torch does not set OpenBLAS's, and two pools oversubscribe)."""
    torch.set_num_threads(t)
    if BLAS is not None:
        BLAS.openblas_set_num_threads(t)


def emit(o):
    print(json.dumps(o), flush=True)


def best_over_threads(name, measure, unit="steps_per_s"):
    """Runs `measure()` at each thread count; emits the fastest, naming it, with every count tried."""
    tried = {}
    for t in threads_list:
        set_threads(t)
        tried[str(t)] = round(measure(), 2)
    best = max(tried, key=tried.get)
    emit({"impl": "torch", "case": name, unit: tried[best], "threads": int(best), "tried": tried})


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def time_steps(model, batch, n, loss_fn=None, clip=None):
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    *x, y = batch
    loss_fn = loss_fn or torch.nn.CrossEntropyLoss()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(*x), y)
        loss.backward()
        if clip is not None:
            torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
        opt.step()

    for _ in range(10):
        step()

    def one_round():
        t0 = time.perf_counter()
        for _ in range(n):
            step()
        return n / (time.perf_counter() - t0)

    return median_round(one_round)


def median_round(one_round):
    rates = sorted(one_round() for _ in range(rounds))
    return rates[len(rates) // 2]


def mlp_case(name, d_in, hidden, batch):
    model = mlp([d_in, hidden, 2])
    data = (torch.randn(batch, d_in), torch.randint(0, 2, (batch,)))
    best_over_threads(name, lambda: time_steps(model, data, steps))


class Block(torch.nn.Module):
    """Pre-norm encoder block (exact GELU), as src/engine/nn/layers.ts TransformerBlock."""

    def __init__(self, d, heads, ff, dropout=0.0):
        super().__init__()
        self.ln1 = torch.nn.LayerNorm(d)
        self.attn = torch.nn.MultiheadAttention(d, heads, dropout=dropout, batch_first=True)
        self.ln2 = torch.nn.LayerNorm(d)
        self.ff = torch.nn.Sequential(torch.nn.Linear(d, ff), torch.nn.GELU(), torch.nn.Linear(ff, d))
        self.drop = torch.nn.Dropout(dropout)

    def forward(self, x, pad=None):
        h = self.ln1(x)
        x = x + self.drop(self.attn(h, h, h, key_padding_mask=pad, need_weights=False)[0])
        return x + self.drop(self.ff(self.ln2(x)))


class BlockModel(torch.nn.Module):
    """One block, mean-pooled into a 2-way head (as bench/engine.ts)."""

    def __init__(self, d, heads):
        super().__init__()
        self.block = Block(d, heads, 4 * d)
        self.head = torch.nn.Linear(d, 2)

    def forward(self, x):
        return self.head(self.block(x).mean(dim=1))


class FinetuneModel(torch.nn.Module):
    """The `l` ladder encoder with its head, as src/models/finetune/model.ts: token and
    position embeddings, pre-norm blocks, final LayerNorm; the head reads the masked mean
    of the hidden states, the focus token's state and the masked mean of the embeddings."""

    def __init__(self, vocab, max_len, d, heads, layers, ff, classes, dropout):
        super().__init__()
        self.tok = torch.nn.Embedding(vocab, d)
        self.pos = torch.nn.Embedding(max_len, d)
        self.blocks = torch.nn.ModuleList([Block(d, heads, ff, dropout) for _ in range(layers)])
        self.ln_f = torch.nn.LayerNorm(d)
        self.head = torch.nn.Linear(3 * d, classes)

    def forward(self, ids, mask):
        e = self.tok(ids)
        h = e + self.pos.weight[: ids.shape[1]]
        pad = mask == 0
        for b in self.blocks:
            h = b(h, pad)
        h = self.ln_f(h)
        m = mask.unsqueeze(-1)
        count = m.sum(1) + 1e-6
        return self.head(torch.cat([(h * m).sum(1) / count, h[:, 1], (e * m).sum(1) / count], 1))


def sgemm_gflops(n=2048, reps=5):
    """OpenBLAS sgemm GFLOP/s through numpy and torch.mm at each thread count; the best is the peak."""
    a = np.random.default_rng(0).standard_normal((n, n), dtype=np.float32)
    b = np.random.default_rng(1).standard_normal((n, n), dtype=np.float32)
    ta, tb = torch.from_numpy(a), torch.from_numpy(b)

    def rate(f):
        f()
        t0 = time.perf_counter()
        for _ in range(reps):
            f()
        return round(reps * 2 * n**3 / (time.perf_counter() - t0) / 1e9, 1)

    numpy_gf, torch_gf = {}, {}
    for t in threads_list:
        set_threads(t)
        numpy_gf[str(t)] = rate(lambda: a @ b)
        torch_gf[str(t)] = rate(lambda: torch.mm(ta, tb))
    emit({"impl": "openblas", "case": f"sgemm_{n}", "numpy_gflops": numpy_gf, "torch_mm_gflops": torch_gf, "gflops": max(*numpy_gf.values(), *torch_gf.values()), "openblas_pool_set": BLAS is not None})
    # The MLP case's own two big products (forward x@W1, weight gradient x^T@dH): what sgemm reaches at those shapes.
    x = np.random.default_rng(2).standard_normal((256, 768), dtype=np.float32)
    w = np.random.default_rng(3).standard_normal((768, 512), dtype=np.float32)
    dh = np.random.default_rng(4).standard_normal((256, 512), dtype=np.float32)
    flops = 2 * (2 * 256 * 768 * 512)
    shaped = {}
    for t in threads_list:
        set_threads(t)
        f = lambda: (x @ w, x.T @ dh)
        for _ in range(3):
            f()
        t0 = time.perf_counter()
        for _ in range(20):
            f()
        shaped[str(t)] = round(20 * flops / (time.perf_counter() - t0) / 1e9, 1)
    emit({"impl": "openblas", "case": "sgemm_mlp_shapes", "shapes": "[256,768]@[768,512] + [768,256]@[256,512]", "numpy_gflops": shaped, "gflops": max(shaped.values())})


if only_sgemm:
    sgemm_gflops()
    sys.exit(0)
mlp_case("mlp_768_512_2_b256", 768, 512, 256)
mlp_case("mlp_1024_2048_2_b512", 1024, 2048, 512)
block = BlockModel(256, 4)
block_data = (torch.randn(32, 64, 256), torch.randint(0, 2, (32,)))
best_over_threads("transformer_block_d256_h4_t64_b32", lambda: time_steps(block, block_data, max(10, steps // 2)))

ft = FinetuneModel(2000, 64, 128, 4, 3, 256, 2, 0.0)  # dropout as trainFinetune's default
ft_data = (torch.randint(5, 2000, (32, 64)), torch.ones(32, 64), torch.randint(0, 2, (32,)))
best_over_threads("finetune_l_t64_b32", lambda: time_steps(ft, ft_data, max(10, steps // 2), clip=1.0))

model = mlp([768, 512, 2]).eval()
x = torch.randn(10000, 768)


def inference():
    with torch.no_grad():
        for _ in range(2):
            for i in range(0, 10000, 1000):
                model(x[i:i + 1000])

        def one_round():
            t0 = time.perf_counter()
            for i in range(0, 10000, 1000):
                model(x[i:i + 1000])
            return 10000 / (time.perf_counter() - t0)

        return median_round(one_round)


best_over_threads("inference_mlp_768_512_2_rows", inference, unit="rows_per_s")
