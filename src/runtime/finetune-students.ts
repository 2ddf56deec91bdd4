import type { FinetuneSetup } from '../contract/student-setup.js';
import type { Student, StudentFactory, StudentTrainOptions, WeakPool } from '../contract/types.js';
import { trainFinetune, type FinetunedClassifier, type FinetunedStudent, type TokenRows } from '../models/finetune/index.js';
import { StudentBook } from './student-book.js';
import { checkTrainOptions, predictablePool, weakValAgreement, type PoolName } from './train-options.js';

/** The listed rows of token rows, in that order (a copy; an HF tokenizer's token-type ids come along). */
export function takeTokenRows<T extends TokenRows & { typeIds?: Int32Array }>(t: T, rows: ArrayLike<number>): T {
  const L = t.maxLen;
  const take = <A extends Int32Array | Float32Array>(a: A): A => {
    const out = new (a.constructor as new (n: number) => A)(rows.length * L);
    for (let i = 0; i < rows.length; i++) out.set(a.subarray(rows[i] * L, (rows[i] + 1) * L), i * L);
    return out;
  };
  return { ...t, ids: take(t.ids), mask: take(t.mask), ...(t.typeIds ? { typeIds: take(t.typeIds) } : {}) };
}

/**
 * The student factory of `--student finetune`: each student is the strong
 * model's encoder fine-tuned from its pretrained weights together with a head,
 * on the rows, targets, weights and loss the method chose. A method's
 * `config.hidden` sizes the head; the probe's other settings (epochs, lr…) are
 * a probe's and do not apply — fine-tuning uses the run's settings.
 */
export class FinetuneStudentFactory implements StudentFactory {
  private readonly book = new StudentBook<FinetunedClassifier>();
  constructor(
    private readonly pools: Record<PoolName, WeakPool>,
    private readonly setup: FinetuneSetup,
    private readonly k: number,
    private readonly seed: number,
    private readonly threads?: number,
  ) {
    for (const name of ['transfer', 'val'] as const) {
      const rows = setup.tokens[name].ids.length / setup.tokens[name].maxLen;
      if (rows !== pools[name].ids.length) throw new Error(`the view's ${name} pool has ${pools[name].ids.length} rows and ${rows} token rows`);
    }
  }

  get trained(): number {
    return this.book.trained;
  }

  async train(o: StudentTrainOptions): Promise<Student> {
    const { pool } = checkTrainOptions(o, this.pools, this.k);
    const all = this.setup.tokens[pool];
    const agreement = o.earlyStopOnWeakVal ? weakValAgreement(this.pools.val, this.k) : undefined;
    const hidden = o.config?.hidden;
    const student = await trainFinetune({
      base: this.setup.base,
      tokens: o.rows ? takeTokenRows(all, o.rows) : all,
      targets: o.targets,
      numClasses: this.k,
      weights: o.weights,
      config: { ...this.setup.finetune, ...(hidden ? { hidden: [...hidden] } : {}) },
      seed: this.book.nextSeed(this.seed, o.seed),
      loss: o.loss,
      scalars: o.scalars,
      extraOutputs: o.extraOutputs,
      threads: this.threads,
      selectEpoch: agreement ? async (s) => agreement(await s.predict(this.setup.tokens.val, { perCall: true })) : undefined,
    });
    const id = this.book.add(student);
    return { id, predict: async (which) => student.predict(this.setup.tokens[predictablePool(which)]) };
  }

  valueOf(s: Student): FinetunedStudent {
    return this.book.of(s).value;
  }
}
