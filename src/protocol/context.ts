import { trainProbe, type Probe, type ProbeConfig } from '../models/probe.js';
import { takeRows } from '../methods/labels.js';
import { argmax } from '../metrics/index.js';
import { deriveRng } from '../util/rng.js';
import type { MethodContext, Oracle, Student, StudentFactory, StudentTrainOptions, SupervisorView, WeakPool } from './types.js';

export interface PoolData extends WeakPool {
  /** Ground truth, held by the protocol; never placed in the method's view. */
  labels: Int32Array;
}

/** The student factory: probes on the strong model's frozen features of transfer and val. */
export class ProbeStudentFactory implements StudentFactory {
  private count = 0;
  private readonly probes = new Map<number, Probe>();
  constructor(
    private readonly pools: { transfer: WeakPool; val: WeakPool },
    private readonly k: number,
    private readonly seed: number,
    private readonly probe: Partial<ProbeConfig>,
    private readonly threads?: number,
  ) {}

  get trained(): number {
    return this.count;
  }

  async train(o: StudentTrainOptions): Promise<Student> {
    const pool = this.pools[o.pool];
    if (!pool) throw new Error(`student.train: pool must be 'transfer' or 'val', got ${String(o.pool)}`);
    const d = pool.dim;
    const rows = o.rows;
    const n = rows ? rows.length : pool.ids.length;
    if (n === 0) throw new Error('student.train: no rows to train on (a filter removed every example?)');
    const width = this.k + (o.extraOutputs ?? 0);
    if (o.targets.length !== n * width) throw new Error(`student.train: targets have ${o.targets.length} values, expected ${n} rows × ${width} outputs`);
    const features = rows ? takeRows(pool.features, d, rows) : pool.features;
    const val = this.pools.val;
    const valWeak = argmax(val.weakProbs, this.k);
    const probe = await trainProbe({
      features,
      dim: d,
      targets: o.targets,
      numClasses: this.k,
      weights: o.weights,
      config: { ...this.probe, ...o.config },
      seed: o.seed ?? this.seed + 1000 * this.count,
      loss: o.loss,
      scalars: o.scalars,
      extraOutputs: o.extraOutputs,
      threads: this.threads,
      selectEpoch: o.earlyStopOnWeakVal
        ? async (p) => {
            const pred = argmax(await p.predict(val.features), this.k);
            let agree = 0;
            for (let i = 0; i < pred.length; i++) agree += pred[i] === valWeak[i] ? 1 : 0;
            return agree / Math.max(1, pred.length);
          }
        : undefined,
    });
    const id = ++this.count;
    this.probes.set(id, probe);
    const pools = this.pools;
    return {
      id,
      predict: async (which) => {
        const p = pools[which];
        if (!p) throw new Error(`student.predict: only 'transfer' and 'val' are visible to methods, got ${String(which)}`);
        return probe.predict(p.features);
      },
    };
  }

  /** Protocol-only: the probe behind a student the method returned. */
  probeOf(s: Student): Probe {
    const p = this.probes.get(s.id);
    if (!p) throw new Error('the method returned a student that this run did not train');
    return p;
  }
}

/** Budgeted ground truth for transfer rows (the stand-in for a human annotator). */
export class BudgetOracle implements Oracle {
  private count = 0;
  private readonly asked: string[] = [];
  private readonly seen = new Set<number>();
  constructor(
    readonly budget: number,
    private readonly pool: PoolData,
  ) {}
  get used(): number {
    return this.count;
  }
  get queried(): readonly string[] {
    return this.asked;
  }
  async query(rows: Int32Array): Promise<Int32Array> {
    const fresh = [...new Set(rows)].filter((r) => !this.seen.has(r));
    if (this.count + fresh.length > this.budget) {
      throw new Error(`oracle budget exceeded: ${this.count} used + ${fresh.length} new > budget ${this.budget}`);
    }
    const out = new Int32Array(rows.length);
    rows.forEach((r, i) => {
      if (r < 0 || r >= this.pool.labels.length) throw new Error(`oracle.query: row ${r} is outside the transfer pool (0..${this.pool.labels.length - 1})`);
      out[i] = this.pool.labels[r];
    });
    for (const r of fresh) {
      this.seen.add(r);
      this.asked.push(this.pool.ids[r]);
    }
    this.count += fresh.length;
    return out;
  }
}

/** A pool as the method sees it: the same data minus the labels. */
export function methodView(p: PoolData): WeakPool {
  const { name, ids, features, dim, weakProbs, groups, aux } = p;
  return Object.freeze({ name, ids, features, dim, weakProbs, groups, aux });
}

export function makeContext(opts: {
  transfer: PoolData;
  val: PoolData;
  classes: string[];
  seed: number;
  factory: ProbeStudentFactory;
  oracle: Oracle;
  supervisor: SupervisorView;
  log: (m: string) => void;
}): MethodContext {
  return Object.freeze({
    numClasses: opts.classes.length,
    classes: opts.classes,
    seed: opts.seed,
    rng: deriveRng(opts.seed, 'method'),
    transfer: methodView(opts.transfer),
    val: methodView(opts.val),
    student: opts.factory,
    supervisor: opts.supervisor,
    oracle: opts.oracle,
    log: opts.log,
  });
}
