import type { FinetuneSetup } from '../contract/student-setup.js';
import type { Student, StudentFactory, StudentTrainOptions, WeakPool } from '../contract/types.js';
import { takeTokenRows, trainFinetune, type FinetunedClassifier, type FinetunedStudent } from '../models/finetune/index.js';
import { StudentBook } from './student-book.js';
import { checkTrainOptions, methodChoices, predictablePool, type PoolName } from './train-options.js';

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
    const hidden = o.config?.hidden;
    const student = await trainFinetune({
      ...methodChoices<FinetunedClassifier>(o, this.book.nextSeed(this.seed, o.seed), this.threads, this.pools.val, this.k, (s) => s.predict(this.setup.tokens.val, { perCall: true })),
      base: this.setup.base,
      tokens: o.rows ? takeTokenRows(all, o.rows) : all,
      config: { ...this.setup.finetune, ...(hidden ? { hidden: [...hidden] } : {}) },
    });
    const id = this.book.add(student);
    return { id, predict: async (which) => student.predict(this.setup.tokens[predictablePool(which)]) };
  }

  valueOf(s: Student): FinetunedStudent {
    return this.book.of(s).value;
  }
}
