import { ParamLayout, TransformerEncoder } from '../../engine/index.js';
import { ENCODER_PREFIX, HEAD_PREFIX, isTrained, type FinetuneModel } from './model.js';
import { classProbs, runRows } from './predict.js';
import type { TokenRows } from './tokens.js';
import { modelOf, validateStudent, weightsFingerprint, type FinetunedStudent } from './value.js';

/** A fine-tuned student ready to predict: its model, every weight, and its value. */
export class FinetunedClassifier {
  constructor(
    readonly model: FinetuneModel,
    /** All parameters, frozen ones included, in the model's layout. */
    readonly theta: Float32Array,
    readonly value: FinetunedStudent,
    private readonly threads?: number,
  ) {}

  get numClasses(): number {
    return this.value.config.numClasses;
  }

  /** Class probabilities [n, k] for token rows (each batch at its real length). */
  predict(tokens: TokenRows, opts: { perCall?: boolean } = {}): Promise<Float32Array> {
    const k = this.numClasses;
    return runRows({ model: this.model, output: classProbs(k, this.value.head.standardizer), width: k, tokens, theta: this.theta, perCall: opts.perCall, threads: this.threads });
  }
}

/**
 * Rebuilds a student from its value, in this process or another: validates
 * it, and takes the frozen layers from `base`, the pretrained encoder weights
 * it was trained on (checked by fingerprint). `base` may be left out only
 * when every parameter trained.
 */
export function loadStudent(v: unknown, base?: Float32Array, opts: { threads?: number; source?: string } = {}): FinetunedClassifier {
  const s = validateStudent(v, opts.source);
  const c = s.config;
  const model = modelOf(c);
  const layout = new ParamLayout(model);
  const theta = new Float32Array(layout.total);
  if (c.base !== null) {
    if (!base) throw new Error(`${opts.source ?? 'student'}: its frozen layers come from a pretrained encoder (fingerprint ${c.base}); pass that encoder's weights as base`);
    const encLayout = new ParamLayout(new TransformerEncoder({ ...c.encoder }));
    if (base.length !== encLayout.total) throw new Error(`loadStudent: base has ${base.length} weights, the encoder of this student has ${encLayout.total}`);
    const got = weightsFingerprint(base);
    if (got !== c.base) throw new Error(`loadStudent: base weights have fingerprint ${got}, the student was trained on ${c.base}; load the same pretrained encoder (same model, corpus, seed and steps)`);
    const at = new Map(layout.entries.map((e) => [e.name, e.offset]));
    for (const e of encLayout.entries) theta.set(base.subarray(e.offset, e.offset + e.size), at.get(ENCODER_PREFIX + e.name)!);
  }
  for (const e of layout.entries) {
    if (!isTrained(e.name, c.layers, c.encoder.layers)) continue;
    const t = e.name.startsWith(HEAD_PREFIX) ? s.head.params[e.name.slice(HEAD_PREFIX.length)] : s.encoder[e.name.slice(ENCODER_PREFIX.length)];
    theta.set(t.data, e.offset);
  }
  return new FinetunedClassifier(model, theta, s, opts.threads);
}
