/**
 * Test helpers for methods: synthetic pools whose strong features separate the
 * classes and whose weak labels are right on a set share, fake contexts with a
 * real probe student factory or a recording fake, a recording budget oracle,
 * and a one-shot evaluator for loss graphs. Used only by tests.
 */
import { Graph, getSession, toOnnx, toOrt, type Tensor } from '../engine/index.js';
import type { ProbeConfig } from '../models/probe.js';
import type { ExtraSupervisor, MethodContext, Oracle, Student, StudentFactory, StudentTrainOptions, WeakPool } from '../contract/types.js';
import { BudgetOracle } from '../protocol/oracle.js';
import type { PoolData } from '../protocol/pool.js';
import { OracleClient } from '../runtime/oracle-client.js';
import { ProbeStudentFactory } from '../runtime/probe-students.js';
import { Rng, deriveRng } from '../util/rng.js';

export interface SyntheticOptions {
  /** Transfer rows (default 400). */
  n?: number;
  /** Val rows (default 200). */
  nVal?: number;
  dim?: number;
  k?: number;
  /** Share of rows whose weak argmax is the true class (default 0.7). */
  weakAccuracy?: number;
  /** Distance of each class mean from the origin, in noise standard deviations (default 3). */
  separation?: number;
  seed?: number;
  /** Group id of a row (default none). */
  group?: (row: number, label: number) => string | undefined;
}

export interface SyntheticPools {
  transfer: PoolData;
  val: PoolData;
  k: number;
  /** How the weak supervisor's argmax relates to the truth, per pool. */
  weakCorrect: { transfer: Uint8Array; val: Uint8Array };
}

function makePool(name: 'transfer' | 'val', n: number, o: Required<Omit<SyntheticOptions, 'group' | 'n' | 'nVal'>> & Pick<SyntheticOptions, 'group'>, rng: Rng) {
  const { dim, k } = o;
  const labels = new Int32Array(n);
  const features = new Float32Array(n * dim);
  const weakProbs = new Float32Array(n * k);
  const correct = new Uint8Array(n);
  const groups: (string | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    const y = i % k;
    labels[i] = y;
    for (let j = 0; j < dim; j++) features[i * dim + j] = rng.normal() + (j === y ? o.separation : 0);
    const right = rng.next() < o.weakAccuracy;
    correct[i] = right ? 1 : 0;
    const said = right ? y : (y + 1 + rng.int(k - 1)) % k;
    // Right answers are more confident on average, as a trained weak model's are.
    const conf = right ? 0.6 + 0.35 * rng.next() : 0.5 + 0.3 * rng.next();
    for (let c = 0; c < k; c++) weakProbs[i * k + c] = c === said ? conf : (1 - conf) / (k - 1);
    groups.push(o.group?.(i, y));
  }
  const pool: PoolData = {
    name,
    ids: Array.from({ length: n }, (_, i) => `${name}-${i}`),
    features,
    dim,
    weakProbs,
    groups: o.group ? groups : undefined,
    labels,
  };
  return { pool, correct };
}

/** Transfer and val pools: Gaussian classes along the first k axes, weak labels right on `weakAccuracy` of rows. */
export function syntheticPools(opts: SyntheticOptions = {}): SyntheticPools {
  const o = { dim: 8, k: 2, weakAccuracy: 0.7, separation: 3, seed: 0, ...opts };
  if (o.k < 2 || o.k > o.dim) throw new Error(`syntheticPools: need 2 <= k <= dim, got k=${o.k}, dim=${o.dim}`);
  const rng = deriveRng(o.seed, 'synthetic-pools');
  const t = makePool('transfer', opts.n ?? 400, o, rng);
  const v = makePool('val', opts.nVal ?? 200, o, rng);
  return { transfer: t.pool, val: v.pool, k: o.k, weakCorrect: { transfer: t.correct, val: v.correct } };
}

/** A student factory that trains nothing: it records every call and answers with `predict`. */
export class RecordingFactory implements StudentFactory {
  readonly calls: StudentTrainOptions[] = [];
  /** Transfer predictions of each student, in training order. */
  readonly transferPredictions: Float32Array[] = [];
  constructor(
    private readonly pools: { transfer: PoolData; val: PoolData },
    private readonly k: number,
    /** Predictions of the `index`-th student (0-based) on a pool; default: a deterministic per-student distortion of the weak labels. */
    private readonly predict: (index: number, pool: PoolData, opts: StudentTrainOptions) => Float32Array = (index, pool) => defaultPrediction(index, pool, k),
  ) {}
  get trained(): number {
    return this.calls.length;
  }
  async train(opts: StudentTrainOptions): Promise<Student> {
    const n = opts.rows ? opts.rows.length : this.pools[opts.pool].ids.length;
    const width = this.k + (opts.extraOutputs ?? 0);
    if (opts.targets.length !== n * width) throw new Error(`RecordingFactory: targets have ${opts.targets.length} values, expected ${n} × ${width}`);
    const index = this.calls.length;
    this.calls.push(opts);
    const preds = {
      transfer: this.predict(index, this.pools.transfer, opts),
      val: this.predict(index, this.pools.val, opts),
    };
    this.transferPredictions.push(preds.transfer);
    return { id: index + 1, predict: async (which) => preds[which].slice() };
  }
}

function defaultPrediction(index: number, pool: PoolData, k: number): Float32Array {
  const n = pool.ids.length;
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) {
      const v = pool.weakProbs[i * k + c] + 0.1 * (index + 1) * (c === (i * 7 + index) % k ? 1 : 0);
      out[i * k + c] = v;
      s += v;
    }
    for (let c = 0; c < k; c++) out[i * k + c] /= s;
  }
  return out;
}

/** The method's oracle over the host's budget oracle (as in a run, without the process between), every call's rows recorded. */
export class RecordingOracle implements Oracle {
  readonly calls: Int32Array[] = [];
  private readonly inner: OracleClient;
  constructor(budget: number, pool: PoolData) {
    const host = new BudgetOracle(pool);
    host.declare(budget);
    this.inner = new OracleClient(budget, pool.ids, { declareBudget: async () => {}, oracle: async (rows) => host.query(rows), log: () => {} });
  }
  get budget(): number {
    return this.inner.budget;
  }
  get used(): number {
    return this.inner.used;
  }
  get queried(): readonly string[] {
    return this.inner.queried;
  }
  async query(rows: Int32Array): Promise<Int32Array> {
    this.calls.push(rows.slice());
    return this.inner.query(rows);
  }
}

export interface FakeContextOptions {
  pools?: SyntheticPools;
  /** 'probe' (default): the protocol's ProbeStudentFactory; 'recording': a RecordingFactory; or your own. */
  student?: 'probe' | 'recording' | StudentFactory;
  /** Probe overrides for the real factory (default: 10 epochs, batch 32, lr 0.05, one thread). */
  probe?: Partial<ProbeConfig>;
  extra?: Map<string, ExtraSupervisor>;
  oracleBudget?: number;
  seed?: number;
}

export interface FakeContext {
  ctx: MethodContext;
  pools: SyntheticPools;
  student: StudentFactory;
  oracle: RecordingOracle;
  logs: string[];
}

/** A method context over synthetic (or given) pools, built the way the protocol builds one. */
export function fakeContext(opts: FakeContextOptions = {}): FakeContext {
  const pools = opts.pools ?? syntheticPools({ seed: opts.seed });
  const seed = opts.seed ?? 0;
  const student =
    opts.student === 'recording'
      ? new RecordingFactory(pools, pools.k)
      : opts.student && opts.student !== 'probe'
        ? opts.student
        : new ProbeStudentFactory(pools, pools.k, seed, { epochs: 10, batchSize: 32, lr: 0.05, ...opts.probe }, 1);
  const oracle = new RecordingOracle(opts.oracleBudget ?? 0, pools.transfer);
  const logs: string[] = [];
  const ctx: MethodContext = Object.freeze({
    numClasses: pools.k,
    classes: Array.from({ length: pools.k }, (_, c) => `c${c}`),
    seed,
    rng: deriveRng(seed, 'method'),
    transfer: withoutLabels(pools.transfer),
    val: withoutLabels(pools.val),
    student,
    supervisor: { name: 'weak', extra: opts.extra ?? new Map() },
    oracle,
    log: (m: string) => void logs.push(m),
  });
  return { ctx, pools, student, oracle, logs };
}

/** A pool as a method sees it: the same data minus the labels. */
export function withoutLabels(p: PoolData): WeakPool {
  const { labels: _labels, ...view } = p;
  return Object.freeze(view);
}

export type { PoolData };

/** Accuracy of a [n, k] probability matrix against labels. */
export function accuracyOf(probs: Float32Array, labels: Int32Array, k: number): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    let b = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + b]) b = c;
    right += b === labels[i] ? 1 : 0;
  }
  return right / labels.length;
}

/** Builds a graph from float32 inputs, runs it once, and returns its outputs' values. */
export async function evalGraph(
  inputs: Record<string, { data: Float32Array; dims: number[] }>,
  build: (x: Record<string, Tensor>) => Record<string, Tensor>,
): Promise<Record<string, Float32Array>> {
  const g = new Graph();
  const xs = Object.fromEntries(Object.entries(inputs).map(([name, v]) => [name, g.input(name, 'float32', v.dims)]));
  const outputs = build(xs);
  const session = await getSession(toOnnx(g, { inputs: Object.values(xs), outputs }), { threads: 1 });
  const res = await session.run(Object.fromEntries(Object.entries(inputs).map(([name, v]) => [name, toOrt('float32', v.data, v.dims)])));
  return Object.fromEntries(Object.keys(outputs).map((k) => [k, Float32Array.from(res[k].data as ArrayLike<number>)]));
}

/**
 * Votes of a supervisor that is right with probability `accuracy` (otherwise a
 * uniformly drawn wrong class) and votes on a `coverage` share of rows:
 * class indices, −1 where it abstains.
 */
export function noisyVotes(labels: Int32Array, k: number, accuracy: number, rng: Rng, coverage = 1): Int32Array {
  return Int32Array.from(labels, (y) => {
    if (rng.next() >= coverage) return -1;
    return rng.next() < accuracy ? y : (y + 1 + rng.int(k - 1)) % k;
  });
}

/** Votes as a supervisor's soft labels [n, k]: one-hot, an all-zero row for an abstention. */
export function votesToProbs(votes: Int32Array, k: number): Float32Array {
  const out = new Float32Array(votes.length * k);
  votes.forEach((v, i) => v >= 0 && (out[i * k + v] = 1));
  return out;
}
