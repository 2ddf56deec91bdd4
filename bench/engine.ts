/**
 * `npm run bench:engine`: training and inference throughput of the engine,
 * and the same loops in PyTorch (bench/torch_engine.py) when it is installed.
 * Prints one JSON object per line; the last line holds the ratios ours ÷ PyTorch
 * (PyTorch at its fastest thread count per case), the MLP's achieved GFLOP/s as a
 * fraction of OpenBLAS's sgemm measured in the same run (the small MLP's and the wide one's), and fine-tuning the `l`
 * encoder with its head. Beside the MLP it times the step's two big products alone, in OpenBLAS and in
 * ONNX Runtime, so the line says how much of sgemm's peak those shapes allow on the machine.
 *
 *   --steps N             timed steps per round of an MLP case (default 50; the transformer and fine-tuning run N/2)
 *   --rounds N            timed rounds per case, after a warm-up; the median round is reported (default 5),
 *                         on both sides, so that a burst of load on a shared machine does not decide a ratio
 *   --threads N           intra-op threads for our engine (default: all cores)
 *   --torch-threads LIST  thread counts PyTorch is timed at, best kept (default: 1 and all cores)
 *   --per-run N           steps compiled into one run in the `_per_run` MLP case (default 8)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import {
  Graph, MLP, Module, Linear, Predictor, TransformerBlock, Trainer, adamw, defaultThreads, getSession, matmul, reduceMean, softmaxCrossEntropy,
  toOnnx, toOrt, transpose, type Ctx, type Tensor,
} from '../src/engine/index.js';
import { FinetuneModel, encoderInputs } from '../src/models/finetune/model.js';
import { ENCODER_INPUTS } from '../src/models/finetune/predict.js';
import { DEFAULT_FINETUNE } from '../src/models/finetune/train.js';
import { getModel } from '../src/models/ladder.js';
import { Rng } from '../src/util/rng.js';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const STEPS = flag('steps', 50);
const ROUNDS = flag('rounds', 5);
const THREADS = flag('threads', defaultThreads());
const ti = args.indexOf('--torch-threads');
const TORCH_THREADS = ti >= 0 ? args[ti + 1] : `1,${defaultThreads()}`;
const rng = new Rng(0);

function randn(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal();
  return a;
}
function oneHotRandom(n: number, k: number): Float32Array {
  const a = new Float32Array(n * k);
  for (let i = 0; i < n; i++) a[i * k + rng.int(k)] = 1;
  return a;
}

/** Steps per second: the median of ROUNDS timed rounds of n steps, after 10 warm-up steps (ONNX Runtime's arena and V8 settle in them). */
/** Steps per second, `n` steps a round (rounded up to whole runs of the trainer's stepsPerRun, each run fed that many batches). */
async function timeSteps<M extends Module>(trainer: Trainer<M>, feeds: Parameters<Trainer<M>["step"]>[0], n: number): Promise<number> {
  const k = trainer.stepsPerRun;
  const runs = Math.ceil(n / k);
  const batches = Array.from({ length: k }, () => feeds);
  const lrs = new Array<number>(k).fill(1e-3);
  const run = () => (k === 1 ? trainer.step(feeds, 1e-3) : trainer.stepMany(batches, lrs));
  for (let i = 0; i < Math.ceil(10 / k); i++) await run();
  return medianRound(async () => {
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) await run();
    return (runs * k * 1000) / (performance.now() - t0);
  });
}

async function medianRound(round: () => Promise<number>): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) rates.push(await round());
  rates.sort((a, b) => a - b);
  return rates[rates.length >> 1];
}

/** Matmul FLOPs of one training step of MLP [dIn, hidden, out]: forward, weight gradients, and the input gradient of the second layer only (the data needs none). */
function mlpStepFlops(dIn: number, hidden: number, out: number, batch: number): number {
  const weights = dIn * hidden + hidden * out;
  return 2 * batch * weights * 2 + 2 * batch * hidden * out;
}

/** Steps compiled into one run in the `_per_run` cases (Trainer's stepsPerRun): the weights and AdamW state cross into ONNX Runtime and back once per run. */
const PER_RUN = flag('per-run', 8);

async function mlpCase(name: string, dIn: number, hidden: number, batch: number, stepsPerRun = 1): Promise<number> {
  const module = new MLP([dIn, hidden, 2]);
  const trainer = await Trainer.create({
    module,
    inputs: { x: { dtype: 'float32', shape: ['batch', dIn] }, y: { dtype: 'float32', shape: ['batch', 2] } },
    loss: (ctx, { x, y }, m) => softmaxCrossEntropy(m.forward(ctx, x), y),
    optimizer: adamw({ weightDecay: 0.01 }),
    runtime: { threads: THREADS },
    stepsPerRun,
  });
  const sps = await timeSteps(trainer, { x: { data: randn(batch * dIn), dims: [batch, dIn] }, y: { data: oneHotRandom(batch, 2), dims: [batch, 2] } }, STEPS);
  print({ impl: 'w2s', case: name, steps_per_s: round(sps), gflops: round((sps * mlpStepFlops(dIn, hidden, 2, batch)) / 1e9) });
  return sps;
}

/**
 * The MLP step's two big products alone, x[256,768]·W[768,512] and xᵀ·dY[256,512], in one
 * ONNX Runtime session on our threads, one pair a run from JavaScript into preallocated
 * fetches (the binding still hands both results back, 2 MB a run): what a run of only those
 * kernels reaches through onnxruntime-node on this machine, against which the whole step
 * (products, AdamW's passes, the hand-off of weights and moments) is read.
 */
async function mlpProductsCase(): Promise<number> {
  const [B, D, H] = [256, 768, 512];
  const g = new Graph();
  const x = g.input('x', 'float32', [B, D]);
  const w = g.input('w', 'float32', [D, H]);
  const dy = g.input('dy', 'float32', [B, H]);
  const session = await getSession(toOnnx(g, { inputs: [x, w, dy], outputs: { h: matmul(x, w), gw: matmul(transpose(x, [1, 0]), dy) } }), { threads: THREADS, cache: false });
  const feeds = { x: toOrt('float32', randn(B * D), [B, D]), w: toOrt('float32', randn(D * H), [D, H]), dy: toOrt('float32', randn(B * H), [B, H]) };
  const fetches = { h: new ort.Tensor('float32', new Float32Array(B * H), [B, H]), gw: new ort.Tensor('float32', new Float32Array(D * H), [D, H]) };
  for (let i = 0; i < 10; i++) await session.run(feeds, fetches);
  const runsPerS = await medianRound(async () => {
    const t0 = performance.now();
    for (let i = 0; i < STEPS; i++) await session.run(feeds, fetches);
    return (STEPS * 1000) / (performance.now() - t0);
  });
  await session.release();
  const gflops = (runsPerS * 2 * 2 * B * D * H) / 1e9;
  print({ impl: 'w2s', case: 'mlp_products_768_512_b256', runs_per_s: round(runsPerS), gflops: round(gflops) });
  return gflops;
}

/** One pre-norm encoder block, mean-pooled into a 2-way head (as the PyTorch reference). */
class BlockModel extends Module {
  readonly block = this.module('block', new TransformerBlock(256, 4));
  readonly head = this.module('head', new Linear(256, 2));
  logits(ctx: Ctx, x: Tensor): Tensor {
    return this.head.forward(ctx, reduceMean(this.block.forward(ctx, x), 1));
  }
}

async function transformerCase(): Promise<number> {
  const [B, T, D] = [32, 64, 256];
  const trainer = await Trainer.create({
    module: new BlockModel(),
    inputs: { x: { dtype: 'float32', shape: ['batch', T, D] }, y: { dtype: 'float32', shape: ['batch', 2] } },
    loss: (ctx, { x, y }, m) => softmaxCrossEntropy(m.logits(ctx, x), y),
    runtime: { threads: THREADS },
  });
  const sps = await timeSteps(trainer, { x: { data: randn(B * T * D), dims: [B, T, D] }, y: { data: oneHotRandom(B, 2), dims: [B, 2] } }, Math.max(10, STEPS >> 1));
  print({ impl: 'w2s', case: 'transformer_block_d256_h4_t64_b32', steps_per_s: round(sps) });
  return sps;
}

/** One fine-tuning step of the `l` ladder encoder with its head (batch 32, 64 tokens), as trainFinetune takes it by default: AdamW, clipping, no dropout. */
async function finetuneCase(): Promise<number> {
  const [B, T, V] = [32, 64, 2000];
  const model = new FinetuneModel({ ...getModel('l').encoder, vocabSize: V, maxLen: T, dropout: DEFAULT_FINETUNE.dropout }, 2, []);
  const identity = { mean: new Float32Array(model.featureDim), scale: new Float32Array(model.featureDim).fill(1) };
  const trainer = await Trainer.create({
    module: model,
    inputs: { ...ENCODER_INPUTS, y: { dtype: 'float32', shape: ['batch', 2] } },
    loss: (ctx, inp, m) => softmaxCrossEntropy(m.logits(ctx, encoderInputs(inp), identity), inp.y),
    optimizer: adamw({ weightDecay: 0.01 }),
    clipNorm: 1,
    runtime: { threads: THREADS },
  });
  const ids = BigInt64Array.from({ length: B * T }, () => BigInt(5 + rng.int(V - 5)));
  const feeds = {
    ids: { data: ids, dims: [B, T] },
    mask: { data: new Float32Array(B * T).fill(1), dims: [B, T] },
    positions: { data: BigInt64Array.from({ length: T }, (_, j) => BigInt(j)), dims: [T] },
    focus: { data: BigInt64Array.from({ length: B }, (_, i) => BigInt(i * T + 1)), dims: [B] },
    y: { data: oneHotRandom(B, 2), dims: [B, 2] },
  };
  const sps = await timeSteps(trainer, feeds, Math.max(10, STEPS >> 1));
  print({ impl: 'w2s', case: 'finetune_l_t64_b32', steps_per_s: round(sps) });
  return sps;
}

async function inferenceCase(): Promise<number> {
  const module = new MLP([768, 512, 2]);
  const theta = module.numParams();
  const p = await Predictor.create(
    { module, inputs: { x: { dtype: 'float32', shape: ['batch', 768] } }, forward: (ctx, { x }, m) => ({ logits: m.forward(ctx, x) }), runtime: { threads: THREADS } },
    randn(theta).map((v) => v * 0.03),
  );
  const x = { x: { data: randn(10000 * 768), dims: [10000, 768] } };
  for (let i = 0; i < 2; i++) await p.runBatched(x, 1000);
  const rows = await medianRound(async () => {
    const t0 = performance.now();
    await p.runBatched(x, 1000);
    return (10000 * 1000) / (performance.now() - t0);
  });
  print({ impl: 'w2s', case: 'inference_mlp_768_512_2_rows', rows_per_s: Math.round(rows) });
  return rows;
}

function print(o: object): void {
  console.log(JSON.stringify(o));
}
const round = (x: number) => Math.round(x * 100) / 100;

const HAS_TORCH = spawnSync('/usr/bin/python3', ['-c', 'import torch, numpy'], { encoding: 'utf8' }).status === 0;

/** The PyTorch reference's JSON lines (printed through), by case; `sgemm` runs only the sgemm measurement. */
function torchReference(mode: 'cases' | 'sgemm' = 'cases'): Record<string, number> | null {
  if (!HAS_TORCH) return null;
  const script = fileURLToPath(new URL('./torch_engine.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', [script, TORCH_THREADS, String(STEPS), mode === 'sgemm' ? 'sgemm' : 'cases', String(ROUNDS)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`PyTorch reference failed:\n${r.stderr}`);
  const out: Record<string, number> = {};
  for (const line of r.stdout.trim().split('\n')) {
    console.log(line);
    const o = JSON.parse(line);
    out[o.case] = o.steps_per_s ?? o.rows_per_s ?? o.gflops;
  }
  return out;
}

print({ bench: 'engine', threads: THREADS, steps: STEPS, rounds: ROUNDS, node: process.version });
// OpenBLAS's sgemm right before the MLP case, so both see the same machine (it is often shared).
const sgemm = torchReference('sgemm');
const ours = {
  mlp: await mlpCase('mlp_768_512_2_b256', 768, 512, 256),
  mlpPerRun: await mlpCase(`mlp_768_512_2_b256_${PER_RUN}_per_run`, 768, 512, 256, PER_RUN),
  mlpWide: await mlpCase('mlp_1024_2048_2_b512', 1024, 2048, 512),
  mlpProductsGflops: await mlpProductsCase(),
  transformer: await transformerCase(),
  finetune: await finetuneCase(),
  inference: await inferenceCase(),
};
const torch = torchReference();
if (!torch) {
  print({
    torch: 'absent',
    how_to_install: 'apt-get install python3-torch libopenblas0-pthread   (then rerun; /usr/bin/python3 -c "import torch" must work)',
  });
} else {
  print({
    mlp_ratio_vs_torch: round(ours.mlp / torch.mlp_768_512_2_b256),
    transformer_ratio_vs_torch: round(ours.transformer / torch.transformer_block_d256_h4_t64_b32),
    inference_ratio_vs_torch: round(ours.inference / torch.inference_mlp_768_512_2_rows),
    finetune_ratio_vs_torch: round(ours.finetune / torch.finetune_l_t64_b32),
    mlp_gflops: round((ours.mlp * mlpStepFlops(768, 512, 2, 256)) / 1e9),
    sgemm_gflops: sgemm?.sgemm_2048,
    mlp_fraction_of_sgemm_peak: sgemm ? round((ours.mlp * mlpStepFlops(768, 512, 2, 256)) / 1e9 / sgemm.sgemm_2048) : null,
    // The same MLP with PER_RUN steps compiled into one run (Trainer's stepsPerRun; bitwise the same weights).
    steps_per_run: PER_RUN,
    mlp_per_run_ratio_vs_torch: round(ours.mlpPerRun / torch.mlp_768_512_2_b256),
    mlp_per_run_fraction_of_sgemm_peak: sgemm ? round((ours.mlpPerRun * mlpStepFlops(768, 512, 2, 256)) / 1e9 / sgemm.sgemm_2048) : null,
    // What sgemm itself reaches on the MLP's two big products: the ceiling for a step made of them.
    sgemm_mlp_shapes_gflops: sgemm?.sgemm_mlp_shapes,
    sgemm_mlp_shapes_fraction_of_sgemm_peak: sgemm ? round(sgemm.sgemm_mlp_shapes / sgemm.sgemm_2048) : null,
    // ONNX Runtime's two big products of the MLP step, one pair a run from JavaScript (mlp_products case).
    ort_mlp_products_gflops: round(ours.mlpProductsGflops),
    ort_mlp_products_fraction_of_sgemm_peak: sgemm ? round(ours.mlpProductsGflops / sgemm.sgemm_2048) : null,
    // How close the whole step (PER_RUN steps a run) comes to its own products.
    mlp_per_run_fraction_of_ort_products: round((ours.mlpPerRun * mlpStepFlops(768, 512, 2, 256)) / 1e9 / ours.mlpProductsGflops),
    // The wide MLP (1024→2048→2, batch 512): 11× the matmul work per step over 5× the weights,
    // so the step's fixed costs (AdamW's elementwise passes, handing the weights back) weigh less.
    mlp_wide_gflops: round((ours.mlpWide * mlpStepFlops(1024, 2048, 2, 512)) / 1e9),
    mlp_wide_fraction_of_sgemm_peak: sgemm ? round((ours.mlpWide * mlpStepFlops(1024, 2048, 2, 512)) / 1e9 / sgemm.sgemm_2048) : null,
    torch_mlp_gflops: round((torch.mlp_768_512_2_b256 * mlpStepFlops(768, 512, 2, 256)) / 1e9),
  });
}
