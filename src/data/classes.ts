import { DataError } from './errors.js';
import { className, describeWhere, readLabel, type LabelReading, type LabelType, type Where } from './labels.js';

export interface ClassifyOptions {
  /** The label column or tensor, for messages. */
  field: string;
  type?: LabelType;
  /** Declared class names (safetensors `__metadata__.classes`): integer labels index them, names must be among them. */
  given?: readonly string[];
  whereOf: (i: number) => Where;
}

/**
 * Raw labels → class names and per-example class indices, under the label rule (see
 * LabelType). Class order: numbers by value (0/1 stay 0/1), false before true, names as text.
 * Refused, each naming where: a label the rule cannot read, kinds mixed in one file, class
 * names that differ only in case or Unicode form, a class with a single example, fewer
 * than two classes.
 */
export function classify(raw: readonly unknown[], file: string, opts: ClassifyOptions): { classes: string[]; labels: Int32Array } {
  const type = opts.type ?? 'auto';
  const readings = raw.map((v, i) => readLabel(v, type, file, opts.field, opts.whereOf(i)));
  const { classes, labels } = opts.given ? byGiven(readings, opts.given, file, opts) : byValue(readings, file, opts);
  checkClasses(classes, labels, file, opts);
  return { classes, labels };
}

function byValue(readings: LabelReading[], file: string, opts: ClassifyOptions): { classes: string[]; labels: Int32Array } {
  const firstOfKind = new Map<string, number>();
  readings.forEach((r, i) => firstOfKind.has(r.kind) || firstOfKind.set(r.kind, i));
  if (firstOfKind.size > 1) {
    const examples = [...firstOfKind].map(([kind, i]) => `${kind === 'name' ? 'a name' : `a ${kind}`} '${className(readings[i])}' at ${describeWhere(opts.whereOf(i))}`);
    throw new DataError(
      file,
      `label '${opts.field}' mixes kinds: ${examples.join(', ')}. Numbers, true/false and names are different labels; ` +
        'fix the spelling, or pass --label-type string to treat every label as its text',
    );
  }
  const kind = readings[0]?.kind;
  const unique = new Map<string, number | boolean | string>();
  for (const r of readings) unique.set(className(r), r.value);
  const classes = [...unique.keys()].sort((a, b) => {
    if (kind === 'number') return Number(unique.get(a)) - Number(unique.get(b));
    return a < b ? -1 : a > b ? 1 : 0; // 'false' < 'true'
  });
  const index = new Map(classes.map((c, i) => [c, i]));
  return { classes, labels: Int32Array.from(readings, (r) => index.get(className(r))!) };
}

function byGiven(readings: LabelReading[], given: readonly string[], file: string, opts: ClassifyOptions): { classes: string[]; labels: Int32Array } {
  const classes = [...given];
  const labels = Int32Array.from(readings, (r, i) => {
    const idx = r.kind === 'number' ? r.value : classes.indexOf(className(r));
    if (!(idx >= 0 && idx < classes.length)) {
      throw new DataError(
        file,
        `label '${className(r)}' is not one of the ${classes.length} declared classes (${classes.join(', ')}) nor an index 0..${classes.length - 1}`,
        opts.whereOf(i),
      );
    }
    return idx;
  });
  return { classes, labels };
}

function checkClasses(classes: string[], labels: Int32Array, file: string, opts: ClassifyOptions): void {
  const variants = new Map<string, string>();
  for (const c of classes) {
    const folded = c.normalize('NFKC').toLowerCase();
    const other = variants.get(folded);
    if (other === c) throw new DataError(file, `class '${c}' is declared twice in the class names (${classes.join(', ')}); list each class once`);
    if (other !== undefined) {
      const at = (name: string) => {
        const i = labels.findIndex((l) => classes[l] === name);
        return i >= 0 ? ` (${describeWhere(opts.whereOf(i))})` : ' (declared)';
      };
      throw new DataError(
        file,
        `classes '${other}'${at(other)} and '${c}'${at(c)} differ only in case or Unicode form; spell each class one way (e.g. lower-case the label column)`,
      );
    }
    variants.set(folded, c);
  }
  const count = new Int32Array(classes.length);
  const first = new Int32Array(classes.length).fill(-1);
  labels.forEach((l, i) => {
    count[l]++;
    if (first[l] < 0) first[l] = i;
  });
  const present = count.filter((c) => c > 0).length;
  if (present < 2) {
    const only = classes[labels[0]] ?? '(none)';
    throw new DataError(
      file,
      `only one class ('${only}') in label field '${opts.field}' across ${labels.length} examples; weak-to-strong needs at least 2 classes: ` +
        `check that '${opts.field}' is the label column (--label-field) or add examples of other classes`,
    );
  }
  const single = classes.findIndex((_, c) => count[c] === 1);
  if (single >= 0) {
    throw new DataError(
      file,
      `class '${classes[single]}' has a single example (${describeWhere(opts.whereOf(first[single]))}); every class needs examples in the weak supervisor's, ` +
        'the student\'s and the test split: add examples of it, fix its spelling if it is a typo, or remove that example',
    );
  }
}
