import { DataError } from './errors.js';

/** Where a value came from, for error messages. */
export interface Where {
  line?: number;
  row?: number;
}

/**
 * The class name of one raw label: strings are trimmed, integers and booleans become their
 * text. Missing labels, fractional numbers and structured values are errors.
 */
export function labelKey(value: unknown, file: string, field: string, where: Where): string {
  if (typeof value === 'string') {
    const s = value.trim();
    if (s.length > 0) return s;
  } else if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    throw new DataError(
      file,
      `label '${field}' is ${value}, which is not a class: labels must be class names or integers (w2s does classification)`,
      where,
    );
  } else if (typeof value === 'bigint' || typeof value === 'boolean') {
    return String(value);
  } else if (value !== null && value !== undefined) {
    throw new DataError(file, `label '${field}' is ${JSON.stringify(value)}; it must be a string, integer or boolean`, where);
  }
  throw new DataError(file, `label '${field}' is empty; give every example a label or remove the example`, where);
}

const NUMERIC = /^[-+]?\d+(\.\d+)?$/;

/**
 * Map label keys to class indices. Class order: numeric labels sort by value (so 0/1 stay
 * 0/1), other labels sort as text, 'false' precedes 'true'. With `given` names, numeric keys
 * are indices into them and string keys must be among them.
 */
export function indexLabels(
  keys: readonly string[],
  file: string,
  opts: { field: string; given?: readonly string[]; whereOf: (i: number) => Where },
): { classes: string[]; labels: Int32Array } {
  const labels = new Int32Array(keys.length);
  let classes: string[];
  if (opts.given) {
    classes = [...opts.given];
    keys.forEach((k, i) => {
      const byName = classes.indexOf(k);
      const idx = byName >= 0 ? byName : /^\d+$/.test(k) ? Number(k) : -1;
      if (!(idx >= 0 && idx < classes.length)) {
        throw new DataError(file, `label '${k}' is not one of the ${classes.length} declared classes (${classes.join(', ')})`, opts.whereOf(i));
      }
      labels[i] = idx;
    });
  } else {
    const unique = [...new Set(keys)];
    const allNumeric = unique.every((k) => NUMERIC.test(k));
    classes = allNumeric
      ? unique.sort((a, b) => Number(a) - Number(b))
      : unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const index = new Map(classes.map((c, i) => [c, i]));
    keys.forEach((k, i) => (labels[i] = index.get(k)!));
  }
  const present = new Set(labels).size;
  if (present < 2) {
    const only = classes[labels[0]] ?? '(none)';
    throw new DataError(
      file,
      `only one class ('${only}') in label field '${opts.field}' across ${keys.length} examples; weak-to-strong needs at least 2 classes: ` +
        `check that '${opts.field}' is the label column (--label-field) or add examples of other classes`,
    );
  }
  return { classes, labels };
}
