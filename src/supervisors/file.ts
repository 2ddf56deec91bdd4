import { basename } from 'node:path';
import { DataError } from '../data/errors.js';
import { readLabel } from '../data/labels.js';
import { readWeakRows, type WeakRow } from './file-rows.js';
import type { Supervisor, SupervisorInput } from './types.js';

/**
 * Weak labels collected elsewhere (an LLM's answers, a person's annotations),
 * one JSON object per line: `{"id": "...", "probs": [0.2, 0.8]}`, or
 * `{"id": "...", "label": "spam", "confidence": 0.9}` (confidence optional, default 1;
 * the rest of the mass is spread over the other classes).
 *
 * A `label` names a class as the data's labels do: when the classes are integers it is
 * compared by value (`1`, `1.0` and `"1"` are class `1`); when they are names it is the
 * name (`"spam"`), or a JSON integer indexing the classes in order (`1` → the second);
 * for the classes false/true, true/false in any spelling the data accepts.
 * Errors are DataErrors naming the file, the line and the fix.
 */
export function fileSupervisor(path: string): Supervisor {
  let rows: Map<string, WeakRow> | null = null;
  return {
    name: `file:${basename(path)}`,
    async label(examples: readonly SupervisorInput[], classes: readonly string[]) {
      rows ??= readWeakRows(path);
      const k = classes.length;
      const out = new Float32Array(examples.length * k);
      const missing: string[] = [];
      examples.forEach((e, i) => {
        const row = rows!.get(e.id);
        if (!row) missing.push(e.id);
        else out.set(weakProbs(row, classes, path), i * k);
      });
      if (missing.length) {
        throw new DataError(
          path,
          `no weak label for ${missing.length} of ${examples.length} examples (e.g. ${missing.slice(0, 3).join(', ')}); ` +
            'the file must label every example of transfer, val and test, by the ids of the data (--id-field)',
        );
      }
      return out;
    },
  };
}

/** One row's class probabilities over `classes`. */
export function weakProbs(row: WeakRow, classes: readonly string[], path: string): Float32Array {
  const k = classes.length;
  const where = { line: row.line };
  if (row.probs) {
    if (row.probs.length !== k) throw new DataError(path, `${row.probs.length} probabilities for ${k} classes (${classes.join(', ')}); give one per class, in that order`, where);
    return Float32Array.from(row.probs);
  }
  const c = classIndex(row.label, classes, path, where);
  const out = new Float32Array(k).fill((1 - row.confidence) / (k - 1));
  out[c] = row.confidence;
  return out;
}

function classIndex(label: unknown, classes: readonly string[], path: string, where: { line: number }): number {
  const k = classes.length;
  const numericClasses = classes.every((c) => /^-?\d+$/.test(c));
  const named = (text: string) => {
    const i = classes.indexOf(text);
    if (i >= 0) return i;
    const near = classes.find((c) => c.toLowerCase() === text.toLowerCase());
    throw new DataError(
      path,
      `label ${JSON.stringify(label)} is not one of the classes ${classes.join(', ')}${near ? ` (did you mean '${near}'? class names are case-sensitive)` : ''}` +
        (numericClasses ? '' : ` or an index 0..${k - 1}`),
      where,
    );
  };
  if (classes.length === 2 && classes[0] === 'false' && classes[1] === 'true') {
    const r = readLabel(label, 'auto', path, 'label', where);
    if (r.kind === 'boolean') return r.value ? 1 : 0;
  }
  if (numericClasses) {
    let value: number;
    try {
      value = readLabel(label, 'number', path, 'label', where).value as number;
    } catch {
      throw new DataError(path, `label ${JSON.stringify(label)} is not one of the classes ${classes.join(', ')}; the data's labels are integers, give one of them (1, 1.0 and "1" are the same class)`, where);
    }
    return named(String(value));
  }
  if (typeof label === 'number') {
    if (Number.isInteger(label) && label >= 0 && label < k) return label;
    throw new DataError(path, `label ${label} is not a class index 0..${k - 1}; give the class name (${classes.join(', ')}) or its index`, where);
  }
  return named(String(label).trim());
}
