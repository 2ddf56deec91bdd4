"""PyTorch reference for `npm run bench:engine`: the same models, batch sizes,
optimizer and step counts as bench/engine.ts. Prints one JSON object per line."""
import json
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 50
torch.set_num_threads(threads)
torch.manual_seed(0)


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def time_steps(model, make_batch, n):
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    x, y = make_batch()
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss

    for _ in range(5):
        step()
    t0 = time.perf_counter()
    for _ in range(n):
        step()
    return n / (time.perf_counter() - t0)


def mlp_case(name, d_in, hidden, batch):
    model = mlp([d_in, hidden, 2])
    sps = time_steps(model, lambda: (torch.randn(batch, d_in), torch.randint(0, 2, (batch,))), steps)
    print(json.dumps({"impl": "torch", "case": name, "steps_per_s": round(sps, 2)}), flush=True)


class Block(torch.nn.Module):
    """Pre-norm encoder block, mean-pooled into a 2-way head (as bench/engine.ts)."""

    def __init__(self, d, heads):
        super().__init__()
        self.ln1 = torch.nn.LayerNorm(d)
        self.attn = torch.nn.MultiheadAttention(d, heads, batch_first=True)
        self.ln2 = torch.nn.LayerNorm(d)
        self.ff = torch.nn.Sequential(torch.nn.Linear(d, 4 * d), torch.nn.GELU(), torch.nn.Linear(4 * d, d))
        self.head = torch.nn.Linear(d, 2)

    def forward(self, x):
        h = self.ln1(x)
        x = x + self.attn(h, h, h, need_weights=False)[0]
        x = x + self.ff(self.ln2(x))
        return self.head(x.mean(dim=1))


mlp_case("mlp_768_512_2_b256", 768, 512, 256)
mlp_case("mlp_1024_2048_2_b512", 1024, 2048, 512)
block = Block(256, 4)
sps = time_steps(block, lambda: (torch.randn(32, 64, 256), torch.randint(0, 2, (32,))), max(10, steps // 2))
print(json.dumps({"impl": "torch", "case": "transformer_block_d256_h4_t64_b32", "steps_per_s": round(sps, 2)}), flush=True)

model = mlp([768, 512, 2]).eval()
x = torch.randn(10000, 768)
with torch.no_grad():
    for _ in range(2):
        for i in range(0, 10000, 1000):
            model(x[i:i + 1000])
    reps = 5
    t0 = time.perf_counter()
    for _ in range(reps):
        for i in range(0, 10000, 1000):
            model(x[i:i + 1000])
    rows = reps * 10000 / (time.perf_counter() - t0)
print(json.dumps({"impl": "torch", "case": "inference_mlp_768_512_2_rows", "rows_per_s": round(rows)}), flush=True)
