import { probeValue, type StudentValue } from '../contract/student-value.js';
import type { Student, StudentFactory, StudentTrainOptions, WeakPool } from '../contract/types.js';
import { trainProbe, type Probe, type ProbeConfig } from '../models/probe.js';
import { takeRows } from '../methods/labels.js';
import { argmax } from '../metrics/index.js';

/**
 * The student factory a method uses: probes on the strong model's frozen
 * features of transfer and val, trained where the method runs (no labels are
 * needed to train on targets the method chose).
 */
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
    const pool = o.pool === 'transfer' || o.pool === 'val' ? this.pools[o.pool] : undefined;
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
        const p = which === 'transfer' || which === 'val' ? pools[which] : undefined;
        if (!p) throw new Error(`student.predict: only 'transfer' and 'val' are visible to methods, got ${String(which)}`);
        return probe.predict(p.features);
      },
    };
  }

  /** The trained weights behind a student the method returned, as a value for the host to score. */
  valueOf(s: Student): StudentValue {
    const p = typeof s?.id === 'number' ? this.probes.get(s.id) : undefined;
    if (!p) throw new Error('the method returned a student that its student factory did not train (return the value of ctx.student.train)');
    return probeValue(p);
  }
}
