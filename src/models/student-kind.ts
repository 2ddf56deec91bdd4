import { isFinetunable, listModelKinds, parseModel } from './kinds/index.js';

/**
 * How students (weak supervisor, ceiling, transfer) are trained: `probe`
 * trains a head on the model's frozen features; `finetune` trains the
 * encoder itself (all of it, or its top layers) with the head. Methods run
 * unchanged over either: they choose rows, targets, weights, losses and
 * scalars, and the student factory decides how a student is trained.
 */
export const STUDENT_KINDS = ['finetune', 'probe'] as const;
export type StudentKind = (typeof STUDENT_KINDS)[number];

/** The flag (`--student`), grid key and library option that choose it. */
export const STUDENT_FLAG = '--student';

/** A `--student` value (flag, grid entry, API option), checked. */
export function parseStudentKind(value: unknown): StudentKind {
  if (typeof value === 'string' && (STUDENT_KINDS as readonly string[]).includes(value)) return value as StudentKind;
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  throw new Error(`${STUDENT_FLAG} ${shown} is not a kind of student; use one of: ${STUDENT_KINDS.join(', ')} (finetune trains the encoder with its head; probe trains a head on frozen features)`);
}

/**
 * Fails, saying what to do instead, when the kind cannot apply to the data
 * and model: fine-tuning needs an encoder (a ladder rung or an `hf:` folder;
 * the model registry says which kinds have one), and feature-matrix data has none.
 */
export function checkStudentKind(kind: StudentKind, data: { kind: 'text' | 'features'; name: string }, model: string): void {
  if (kind !== 'finetune') return;
  if (data.kind === 'features') {
    throw new Error(
      `${STUDENT_FLAG} finetune: ${data.name} holds feature vectors, and model "${model}" is a fixed view of them with no encoder to fine-tune; use ${STUDENT_FLAG} probe for feature data (or give text data to fine-tune a ladder model)`,
    );
  }
  const spec = parseModel(model, data.kind);
  if (!isFinetunable(spec)) {
    const able = listModelKinds().filter((k) => k.finetunable).map((k) => k.syntax).join(', ');
    throw new Error(`${STUDENT_FLAG} finetune: model "${model}" (${spec.kind}) has no encoder to fine-tune; the fine-tunable models are ${able}; use ${STUDENT_FLAG} probe with it`);
  }
}

/**
 * The kind a run trains when it names none: fine-tuned wherever the data is
 * text and every model that trains (the weak one when it is a model, and the
 * strong one) has an encoder; probes otherwise (feature data, `ngram`, fixed
 * feature views). Fine-tuned students are what make the ceiling strong: with
 * the shipped ladder they reach the n-gram reference on every built-in task
 * where probes stay 0.04–0.08 below it (docs/students.md has the measurements).
 */
export function defaultStudentKind(dataKind: 'text' | 'features', models: readonly string[]): StudentKind {
  if (dataKind !== 'text') return 'probe';
  return models.every((m) => isFinetunable(parseModel(m, dataKind))) ? 'finetune' : 'probe';
}
