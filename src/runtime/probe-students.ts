import { probeValue, type ProbeStudentValue } from '../contract/student-value.js';
import type { Student, StudentFactory, StudentTrainOptions, WeakPool } from '../contract/types.js';
import { trainProbe, type Probe, type ProbeConfig } from '../models/probe.js';
import { takeRows } from '../methods/labels.js';
import { StudentBook } from './student-book.js';
import { checkTrainOptions, methodChoices, predictablePool, type PoolName } from './train-options.js';

/**
 * The student factory of `--student probe`: probes on the strong model's
 * frozen features of transfer and val, trained where the method runs (no
 * labels are needed to train on targets the method chose).
 */
export class ProbeStudentFactory implements StudentFactory {
  private readonly book = new StudentBook<Probe>();
  constructor(
    private readonly pools: Record<PoolName, WeakPool>,
    private readonly k: number,
    private readonly seed: number,
    private readonly probe: Partial<ProbeConfig>,
    private readonly threads?: number,
  ) {}

  get trained(): number {
    return this.book.trained;
  }

  async train(o: StudentTrainOptions): Promise<Student> {
    const { pool } = checkTrainOptions(o, this.pools, this.k);
    const p = this.pools[pool];
    const features = o.rows ? takeRows(p.features, p.dim, o.rows) : p.features;
    const probe = await trainProbe({
      ...methodChoices<Probe>(o, this.book.nextSeed(this.seed, o.seed), this.threads, this.pools.val, this.k, (s) => s.predict(this.pools.val.features)),
      features,
      dim: p.dim,
      config: { ...this.probe, ...o.config },
    });
    const id = this.book.add(probe);
    return { id, predict: async (which) => probe.predict(this.pools[predictablePool(which)].features) };
  }

  /** The trained weights behind a student the method returned, as a value for the host to score. */
  valueOf(s: Student): ProbeStudentValue {
    return probeValue(this.book.of(s));
  }
}
