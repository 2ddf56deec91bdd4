import type { HfFinetuneSetup } from '../contract/student-setup.js';
import type { Student, StudentFactory, StudentTrainOptions, WeakPool } from '../contract/types.js';
import { trainHfStudent, type HfStudent, type HfStudentValue } from '../models/hf/student.js';
import { takeTokenRows } from '../models/finetune/tokens.js';
import { StudentBook } from './student-book.js';
import { checkTrainOptions, methodChoices, predictablePool, type PoolName } from './train-options.js';

/**
 * The student factory of `--student finetune` with an `hf:` strong model:
 * each student is the imported encoder's top layers (or all of it) fine-tuned
 * with a linear head on the rows, targets, weights and loss the method chose.
 * The head is linear: a method's `config.hidden` is a probe's and does not apply.
 */
export class HfStudentFactory implements StudentFactory {
  private readonly book = new StudentBook<HfStudent>();
  constructor(
    private readonly pools: Record<PoolName, WeakPool>,
    private readonly setup: HfFinetuneSetup,
    private readonly k: number,
    private readonly seed: number,
    private readonly threads?: number,
  ) {}

  get trained(): number {
    return this.book.trained;
  }

  async train(o: StudentTrainOptions): Promise<Student> {
    const { pool } = checkTrainOptions(o, this.pools, this.k);
    const all = this.setup.tokens[pool];
    const student = await trainHfStudent({
      ...methodChoices<HfStudent>(o, this.book.nextSeed(this.seed, o.seed), this.threads, this.pools.val, this.k, (s) => s.predict(this.setup.tokens.val)),
      onnx: this.setup.onnx,
      source: this.setup.source,
      pooling: this.setup.pooling,
      rows: o.rows ? takeTokenRows(all, o.rows) : all,
      config: this.setup.finetune,
    });
    const id = this.book.add(student);
    return { id, predict: async (which) => student.predict(this.setup.tokens[predictablePool(which)]) };
  }

  valueOf(s: Student): HfStudentValue {
    return this.book.of(s).value;
  }
}
