import { DataError } from './errors.js';

/** Where a value came from, for error messages. */
export interface Where {
  line?: number;
  row?: number;
}

export function describeWhere(w: Where): string {
  return w.line !== undefined ? `line ${w.line}` : w.row !== undefined ? `row ${w.row}` : 'the file';
}

/**
 * How raw labels become classes (`--label-type`, parsed once at the boundary):
 * - `auto` (default): numbers compare as values, so `1`, `1.0`, `"1"`, `"1.0"` and `"01"` are
 *   one class named `1`; they must be integers. `true`/`false` (any case, JSON or text) are
 *   the classes `false` and `true`, never 0/1. Anything else is a class name (trimmed text).
 *   One file uses one of these kinds: numbers mixed with names or booleans is an error.
 *   NaN/inf spelled as a label is an error (a missing value, as pandas writes it).
 * - `number`: every label must be an integer, in any spelling of its value.
 * - `string`: every label is its trimmed text: `1` and `1.0` are two classes, `NaN` and
 *   `0.5` are names; a JSON number or boolean is its text as JavaScript prints it.
 * In every type a missing or empty label, or a NaN/inf number, is an error.
 */
export type LabelType = 'auto' | 'string' | 'number';
export const LABEL_TYPES: readonly LabelType[] = ['auto', 'string', 'number'];

/** One label read under the rule: its kind decides how classes compare and sort. */
export type LabelReading = { kind: 'number'; value: number } | { kind: 'boolean'; value: boolean } | { kind: 'name'; value: string };

/** Decimal spellings: optional sign, digits with an optional fraction (or a bare fraction), optional exponent. */
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;
const NONFINITE = /^[-+]?(nan|inf|infinity)$/i;
const BOOLEAN = /^(true|false)$/i;

export function readLabel(value: unknown, type: LabelType, file: string, field: string, where: Where): LabelReading {
  const bad = (what: string, fix: string) => new DataError(file, `label '${field}' is ${what}; ${fix}`, where);
  const asString = 'if the labels are class names, pass --label-type string';
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    throw bad('empty', 'give every example a label or remove the example');
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw bad(`${value} (a missing value)`, 'give every example a label or remove the example');
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint' && typeof value !== 'boolean') {
    throw bad(short(value), 'it must be a class name, an integer or true/false');
  }
  if (type === 'string') return { kind: 'name', value: String(value).trim() };

  const text = typeof value === 'string' ? value.trim() : undefined;
  if (typeof value === 'boolean' || (text !== undefined && BOOLEAN.test(text))) {
    const b = typeof value === 'boolean' ? value : text!.toLowerCase() === 'true';
    if (type === 'number') throw bad(`${b}, not a number`, 'use 0/1, or --label-type auto to read true/false as classes');
    return { kind: 'boolean', value: b };
  }
  if (text !== undefined && NONFINITE.test(text)) {
    throw bad(`'${text}' (a missing value, as pandas writes it)`, `give every example a label or remove the example; ${asString}`);
  }
  if (text !== undefined && !DECIMAL.test(text)) {
    if (type === 'number') throw bad(`'${text}', not a number`, 'fix the label, or pass --label-type auto or string for class names');
    return { kind: 'name', value: text };
  }
  const exact = typeof value === 'bigint' ? value : text !== undefined ? decimalInteger(text) : Number.isInteger(value) ? BigInt(value as number) : null;
  const spelled = text ?? String(value);
  if (exact === null) {
    throw bad(`${spelled}, a fractional number`, `w2s does classification, so numeric labels must be integers; ${asString}`);
  }
  const n = Number(exact);
  if (exact === undefined || !Number.isSafeInteger(n)) throw bad(`${spelled}, too large to compare exactly as a number`, asString);
  return { kind: 'number', value: n === 0 ? 0 : n };
}

/**
 * The exact integer a decimal spelling denotes ('1.0' → 1n, '1e3' → 1000n, '01' → 1n); null
 * when it has a fractional part ('0.5', '1.0000000000000001'); undefined when it is too large.
 */
export function decimalInteger(text: string): bigint | null | undefined {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:e([-+]?\d+))?$/i.exec(text);
  if (!m) return null;
  const [, sign, int, frac = '', expText = '0'] = m;
  const all = int + frac;
  const lead = all.length - all.replace(/^0+/, '').length;
  const digits = all.slice(lead);
  if (digits === '') return 0n;
  const point = int.length + Number(expText) - lead; // the decimal point sits before digits[point]
  if (/[1-9]/.test(digits.slice(Math.max(0, point)))) return null;
  if (point > 30) return undefined;
  const whole = BigInt(digits.slice(0, point).padEnd(point, '0'));
  return sign === '-' ? -whole : whole;
}

/** The class name of a reading: numbers print as integers, booleans as false/true. */
export function className(r: LabelReading): string {
  return String(r.value);
}

function short(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  if (v instanceof Uint8Array) s = `${v.length} raw bytes`;
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
