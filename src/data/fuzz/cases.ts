/**
 * Seeded fuzz cases for the data boundary: a valid file of each format, then one mutation
 * (a label spelling, NaN, a case variant, a duplicate id or key, invalid UTF-8, a damaged
 * shape or offset, or a byte-level truncation/flip/insert/delete). `expect` is 'refuse'
 * when the mutation makes the file invalid by construction, else the oracle decides.
 */
import { concat, npyBytes, safetensorsBytes } from '../fixtures.js';
import { parquetBytes, type ParquetColumn } from '../parquet-writer.js';
import type { UserDataOptions } from '../options.js';
import { Rng } from '../../util/rng.js';

export type Format = 'jsonl' | 'csv' | 'tsv' | 'parquet' | 'npy' | 'safetensors' | 'weak-labels' | 'weak-features';
export const FORMATS: Format[] = ['jsonl', 'csv', 'tsv', 'parquet', 'npy', 'safetensors', 'weak-labels', 'weak-features'];

export interface FuzzCase {
  seed: number;
  format: Format;
  mutation: string;
  /** File name → bytes; `main` is the one given to the loader. */
  files: Record<string, Uint8Array>;
  main: string;
  opts: UserDataOptions;
  expect: 'refuse' | 'oracle';
  /** weak-labels: the dataset's classes and the examples to label; weak-features: the example count. */
  weak?: { classes: string[]; ids: string[] };
  rows?: number;
}

type Family = 'names' | 'ints' | 'bools';
const NAMES = ['spam', 'ham', 'eggs', 'toast', 'jam'];
const INTS = [0, 1, 2, 3, 7, 10, -1];
const WORDS = ['free', 'money', 'meeting', 'noon', 'hello', 'café', 'naïve', 'win', 'now', '"quoted"', 'a,b'];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];

/** k classes, n examples, each class at least twice, in shuffled order. */
function classPlan(rng: Rng): { family: Family; classes: (string | number | boolean)[]; y: number[] } {
  const family = pick(rng, ['names', 'ints', 'bools'] as const);
  const k = family === 'bools' ? 2 : 2 + rng.int(3);
  const pool = family === 'names' ? NAMES : family === 'ints' ? INTS : [false, true];
  const classes = [...pool].sort(() => rng.next() - 0.5).slice(0, k);
  const n = 2 * k + rng.int(20);
  const y = Array.from({ length: n }, (_, i) => (i < 2 * k ? i % k : rng.int(k)));
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [y[i], y[j]] = [y[j], y[i]];
  }
  return { family, classes, y };
}

/** A JSON literal for a label value, in one of the spellings that mean the same class. */
function jsonSpelling(rng: Rng, v: string | number | boolean): string {
  if (typeof v === 'number') return pick(rng, [`${v}`, `${v}.0`, `"${v}"`, `"${v}.0"`, `"${v < 0 ? '-0' : '0'}${Math.abs(v)}"`, `${v}e0`]);
  if (typeof v === 'boolean') return pick(rng, [`${v}`, `"${v}"`, `"${String(v).toUpperCase()}"`, `"${v ? 'True' : 'False'}"`]);
  return pick(rng, [`"${v}"`, `" ${v} "`]);
}

function textSpelling(rng: Rng, v: string | number | boolean): string {
  const j = jsonSpelling(rng, v);
  return j.startsWith('"') ? (JSON.parse(j) as string) : j;
}

const sentence = (rng: Rng) => Array.from({ length: 1 + rng.int(4) }, () => pick(rng, WORDS)).join(' ');

/** Label mutations shared by the tabular formats: [name, new label text for one row, must refuse]. */
function labelMutation(rng: Rng, family: Family, classes: (string | number | boolean)[]): [string, string | null, boolean] {
  const c = classes[0];
  const options: [string, string | null, boolean][] = [
    ['nan-label', pick(rng, ['NaN', 'nan', '-inf']), true],
    ['empty-label', pick(rng, ['', '  ']), true],
    ['fraction', pick(rng, ['0.5', '1.25', '-2.5e-1']), true],
    ['singleton', family === 'names' ? 'zebra' : family === 'ints' ? '99' : 'maybe', true],
  ];
  if (family === 'names') options.push(['case-variant', String(c).toUpperCase(), true], ['mixed-kind', '1', true]);
  if (family === 'ints') options.push(['mixed-kind', 'spam', true], ['mixed-kind', 'true', true]);
  if (family === 'bools') options.push(['mixed-kind', '1', true]);
  return pick(rng, options);
}

function tabular(rng: Rng, format: 'jsonl' | 'csv' | 'tsv' | 'parquet', seed: number): FuzzCase {
  const plan = classPlan(rng);
  const labels: (string | null)[] = plan.y.map((c) => (format === 'jsonl' ? jsonSpelling(rng, plan.classes[c]) : textSpelling(rng, plan.classes[c])));
  const texts = plan.y.map(() => sentence(rng));
  const ids = plan.y.map((_, i) => `r${i}`);
  const opts: UserDataOptions = { idField: 'id' };
  let mutation = pick(rng, ['none', 'none', 'label', 'label', 'label', 'dup-id', 'string-type', 'dup-key', 'invalid-utf8', 'bytes', 'bytes', 'bytes']);
  let expect: FuzzCase['expect'] = 'oracle';
  const row = rng.int(labels.length);
  if (mutation === 'label') {
    const [name, value, refuse] = labelMutation(rng, plan.family, plan.classes);
    mutation = name;
    labels[row] = format === 'jsonl' && value !== null && !/^(NaN|-inf)$/.test(value) ? JSON.stringify(value) : value;
    if (format === 'jsonl' && name === 'nan-label') labels[row] = pick(rng, ['NaN', '"NaN"', '"nan"']);
    if (name === 'singleton' && plan.family === 'ints' && format === 'jsonl') labels[row] = '99';
    expect = refuse ? 'refuse' : 'oracle';
  } else if (mutation === 'dup-id') {
    ids[row] = ids[(row + 1) % ids.length];
    expect = 'refuse';
  } else if (mutation === 'string-type') {
    opts.labelType = 'string';
  } else if (mutation === 'dup-key' && format !== 'jsonl') {
    mutation = 'none';
  }
  const name = `data.${format}`;
  let bytes: Uint8Array;
  if (format === 'jsonl') {
    const lines = plan.y.map((_, i) => {
      const dupKey = mutation === 'dup-key' && i === row ? `, "label": ${jsonSpelling(rng, plan.classes[(plan.y[i] + 1) % plan.classes.length])}` : '';
      return `{"id": ${JSON.stringify(ids[i])}, "text": ${JSON.stringify(texts[i])}, "label": ${labels[i]}${dupKey}}`;
    });
    if (mutation === 'dup-key') expect = 'refuse';
    bytes = new TextEncoder().encode(lines.join('\n') + '\n');
  } else if (format === 'parquet') {
    const numeric = plan.family === 'ints' && mutation === 'none' && rng.next() < 0.5;
    const label: ParquetColumn = numeric
      ? { name: 'label', type: pick(rng, ['int64', 'int32', 'double'] as const), values: plan.y.map((c) => plan.classes[c] as number) }
      : { name: 'label', type: 'string', values: labels.map((l) => (l === '' ? null : l)), optional: true };
    bytes = parquetBytes([{ name: 'id', type: 'string', values: ids }, { name: 'text', type: 'string', values: texts }, label]);
  } else {
    const d = format === 'tsv' ? '\t' : ',';
    const cell = (s: string) => (/[",\n\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = ['id', 'text', 'label'].join(d) + '\n' + plan.y.map((_, i) => [ids[i], texts[i], labels[i] ?? ''].map(cell).join(d)).join('\n') + '\n';
    bytes = new TextEncoder().encode(lines);
  }
  if (mutation === 'invalid-utf8') {
    bytes = invalidUtf8InText(rng, bytes, texts[row]);
    expect = 'refuse';
  }
  if (mutation === 'bytes') [mutation, bytes] = byteMutation(rng, bytes);
  return { seed, format, mutation, files: { [name]: bytes }, main: name, opts, expect };
}

/** Overwrite one byte of a text value (found in the raw bytes) with a byte that never occurs in UTF-8. */
function invalidUtf8InText(rng: Rng, bytes: Uint8Array, value: string): Uint8Array {
  const needle = new TextEncoder().encode(value);
  const out = bytes.slice();
  for (let i = 0; i + needle.length <= out.length; i++) {
    if (needle.every((b, j) => out[i + j] === b)) {
      out[i + rng.int(needle.length)] = pick(rng, [0xff, 0xfe, 0xc0, 0xc1]);
      return out;
    }
  }
  out[out.length - 2] = 0xff;
  return out;
}

/** A random byte-level damage: truncation, flips, an inserted or deleted byte, a repeated line, or an empty file. */
export function byteMutation(rng: Rng, bytes: Uint8Array): [string, Uint8Array] {
  const at = rng.int(Math.max(1, bytes.length));
  switch (rng.int(6)) {
    case 0:
      return ['truncate', bytes.slice(0, at)];
    case 1: {
      const out = bytes.slice();
      for (let f = 0, n = 1 + rng.int(3); f < n; f++) out[rng.int(out.length)] ^= 1 << rng.int(8);
      return ['flip', out];
    }
    case 2:
      return ['insert', concat([bytes.subarray(0, at), Uint8Array.of(rng.int(256)), bytes.subarray(at)])];
    case 3:
      return ['delete', concat([bytes.subarray(0, at), bytes.subarray(at + 1)])];
    case 4: {
      const lines = new TextDecoder('latin1').decode(bytes).split('\n');
      const i = rng.int(lines.length);
      lines.splice(i, 0, lines[i]);
      return ['dup-line', Uint8Array.from(lines.join('\n'), (ch) => ch.charCodeAt(0))];
    }
    default:
      return ['empty-file', new Uint8Array(0)];
  }
}

/** numpy's header dict padded as numpy pads it, with `dataBytes` of data after it. */
function npyWithHeader(header: string, data: Uint8Array): Uint8Array {
  const text = header + ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const head = new Uint8Array(10 + text.length);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(head.buffer).setUint16(8, text.length, true);
  head.set(new TextEncoder().encode(text), 10);
  return concat([head, data]);
}

function npyLabels(rng: Rng, plan: ReturnType<typeof classPlan>): Uint8Array {
  const vals = plan.y.map((c) => plan.classes[c]);
  if (plan.family === 'names') return npyBytes('<U6', [vals.length], vals as string[]);
  if (plan.family === 'bools') return npyBytes('|b1', [vals.length], vals.map(Number));
  return npyBytes(pick(rng, ['<i8', '<f8', '<i4']), [vals.length], vals as number[]);
}

function npyCase(rng: Rng, seed: number): FuzzCase {
  const plan = classPlan(rng);
  const n = plan.y.length;
  const d = 1 + rng.int(4);
  const x = Array.from({ length: n * d }, () => Math.round(rng.normal() * 100) / 100);
  let xb = npyBytes('<f4', [n, d], x);
  let yb = npyLabels(rng, plan);
  let mutation = pick(rng, ['none', 'none', 'neg-dim', 'huge-dim', 'trailing', 'truncate-data', 'bad-dtype', 'nan-label', 'fraction', 'count', 'bytes-x', 'bytes-y', 'bytes-y']);
  let expect: FuzzCase['expect'] = 'refuse';
  const body = (b: Uint8Array) => b.subarray(10 + (b[8] | (b[9] << 8)));
  if (mutation === 'none') expect = 'oracle';
  else if (mutation === 'neg-dim') xb = npyWithHeader(`{'descr': '<f4', 'fortran_order': False, 'shape': (${n}, -${d}), }`, body(xb));
  else if (mutation === 'huge-dim') xb = npyWithHeader(`{'descr': '<f4', 'fortran_order': False, 'shape': (${n}, ${pick(rng, ['4294967296', '99999999999999999999', `${d}.5`])}), }`, body(xb));
  else if (mutation === 'trailing') xb = concat([xb, new Uint8Array(1 + rng.int(8))]);
  else if (mutation === 'truncate-data') xb = xb.slice(0, xb.length - 1 - rng.int(4));
  else if (mutation === 'bad-dtype') xb = npyWithHeader(`{'descr': '${pick(rng, ['<c8', '<f16', 'O', '<V4', '<M8'])}', 'fortran_order': False, 'shape': (${n}, ${d}), }`, body(xb));
  else if (mutation === 'nan-label' || mutation === 'fraction') {
    const vals = plan.y.map((c) => (typeof plan.classes[c] === 'number' ? (plan.classes[c] as number) : c));
    vals[rng.int(n)] = mutation === 'nan-label' ? NaN : 0.5;
    yb = npyBytes('<f8', [n], vals);
  } else if (mutation === 'count') yb = npyBytes('<i8', [n - 1], plan.y.slice(1));
  else if (mutation === 'bytes-x') {
    [mutation, xb] = byteMutation(rng, xb);
    mutation = `x-${mutation}`;
    expect = 'oracle';
  } else {
    [mutation, yb] = byteMutation(rng, yb);
    mutation = `y-${mutation}`;
    expect = 'oracle';
  }
  return { seed, format: 'npy', mutation, files: { 'x.npy': xb, 'y.npy': yb }, main: 'x.npy', opts: { labelsPath: 'y.npy' }, expect };
}

function safetensorsCase(rng: Rng, seed: number): FuzzCase {
  const plan = classPlan(rng);
  const n = plan.y.length;
  const d = 1 + rng.int(4);
  const names = plan.family !== 'ints';
  const vals = plan.y.map((c) => (names ? c : (plan.classes[c] as number)));
  const labelDtype = names ? pick(rng, ['I64', 'U8', 'I32']) : pick(rng, ['I64', 'F64', 'I32']);
  const meta = names ? { classes: JSON.stringify(plan.classes.map(String)) } : undefined;
  const features = { dtype: 'F32', shape: [n, d], data: Array.from({ length: n * d }, () => rng.normal()) };
  let labels = { dtype: labelDtype, shape: [n], data: vals };
  let mutation = pick(rng, ['none', 'none', 'overlap', 'gap', 'exceed', 'size', 'neg-shape', 'nan-label', 'fraction', 'bytes', 'bytes', 'bytes']);
  let expect: FuzzCase['expect'] = 'refuse';
  if (mutation === 'nan-label' || mutation === 'fraction') {
    labels = { dtype: 'F64', shape: [n], data: [...vals] };
    labels.data[rng.int(n)] = mutation === 'nan-label' ? NaN : 1.5;
  }
  let bytes = safetensorsBytes({ features, labels }, meta);
  if (['overlap', 'gap', 'exceed', 'size', 'neg-shape'].includes(mutation)) bytes = editHeader(bytes, mutation, rng);
  if (mutation === 'none') expect = 'oracle';
  if (mutation === 'bytes') {
    [mutation, bytes] = byteMutation(rng, bytes);
    expect = 'oracle';
  }
  return { seed, format: 'safetensors', mutation, files: { 'data.safetensors': bytes }, main: 'data.safetensors', opts: {}, expect };
}

/** Rewrite the header of a safetensors file with damaged offsets or shapes. */
function editHeader(bytes: Uint8Array, how: string, rng: Rng): Uint8Array {
  const len = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + len)));
  const data = bytes.subarray(8 + len);
  const [lb, le] = header.labels.data_offsets;
  if (how === 'overlap') header.labels.data_offsets = [lb - 4, le - 4];
  if (how === 'gap') header.labels.data_offsets = [lb + 4, le + 4];
  if (how === 'exceed') header.labels.data_offsets = [lb, le + 8 + rng.int(1000)];
  if (how === 'size') header.features.shape = [header.features.shape[0] + 1, header.features.shape[1]];
  if (how === 'neg-shape') header.features.shape = [-header.features.shape[0], header.features.shape[1]];
  const json = new TextEncoder().encode(JSON.stringify(header));
  const head = new Uint8Array(8);
  new DataView(head.buffer).setBigUint64(0, BigInt(json.length), true);
  return concat([head, json, data]);
}

function weakLabelsCase(rng: Rng, seed: number): FuzzCase {
  const numeric = rng.next() < 0.5;
  const classes = numeric ? ['0', '1', '2'].slice(0, 2 + rng.int(2)) : ['ham', 'spam', 'eggs'].slice(0, 2 + rng.int(2));
  const k = classes.length;
  const n = 4 + rng.int(12);
  const ids = Array.from({ length: n }, (_, i) => `e${i}`);
  const lines = ids.map((id) => {
    const c = rng.int(k);
    if (rng.next() < 0.3) {
      const p = Array.from({ length: k }, () => rng.next() + 0.01);
      const s = p.reduce((a, b) => a + b, 0);
      return `{"id": "${id}", "probs": [${p.map((v) => (v / s).toFixed(6)).join(', ')}]}`;
    }
    const label = numeric ? jsonSpelling(rng, c) : rng.next() < 0.3 ? String(c) : `"${classes[c]}"`;
    const conf = rng.next() < 0.5 ? `, "confidence": ${(0.5 + rng.next() / 2).toFixed(3)}` : '';
    return `{"id": "${id}", "label": ${label}${conf}}`;
  });
  let mutation = pick(rng, ['none', 'none', 'dup-id', 'case-variant', 'nan-conf', 'string-probs', 'both', 'missing', 'out-of-range', 'fraction', 'dup-key', 'invalid-utf8', 'bytes', 'bytes', 'bytes']);
  let expect: FuzzCase['expect'] = 'refuse';
  const row = rng.int(n);
  if (mutation === 'none') expect = 'oracle';
  else if (mutation === 'dup-id') lines.push(lines[row]);
  else if (mutation === 'case-variant') lines[row] = `{"id": "${ids[row]}", "label": "${numeric ? 'One' : classes[0].toUpperCase()}"}`;
  else if (mutation === 'nan-conf') lines[row] = `{"id": "${ids[row]}", "label": ${numeric ? 0 : '"ham"'}, "confidence": ${pick(rng, ['NaN', '"0.9"', 'null', '1.5'])}}`;
  else if (mutation === 'string-probs') lines[row] = `{"id": "${ids[row]}", "probs": [${Array.from({ length: k }, (_, i) => (i === 0 ? '"1"' : '0')).join(', ')}]}`;
  else if (mutation === 'both') lines[row] = `{"id": "${ids[row]}", "label": ${numeric ? 0 : '"ham"'}, "probs": [${Array.from({ length: k }, (_, i) => (i === 0 ? 1 : 0)).join(', ')}]}`;
  else if (mutation === 'missing') lines.splice(row, 1);
  else if (mutation === 'out-of-range') lines[row] = `{"id": "${ids[row]}", "label": ${numeric ? '"7"' : k}}`;
  else if (mutation === 'fraction') lines[row] = `{"id": "${ids[row]}", "label": ${numeric ? '0.5' : '"ham"'}, ${numeric ? '"x": 1' : '"confidence": -0.1'}}`;
  else if (mutation === 'dup-key') lines[row] = lines[row].replace(/}$/, `, "id": "${ids[(row + 1) % n]}"}`);
  let bytes: Uint8Array = new TextEncoder().encode(lines.join('\n') + '\n');
  if (mutation === 'invalid-utf8') bytes = invalidUtf8InText(rng, bytes, ids[row]);
  if (mutation === 'bytes') {
    [mutation, bytes] = byteMutation(rng, bytes);
    expect = 'oracle';
  }
  return { seed, format: 'weak-labels', mutation, files: { 'weak.jsonl': bytes }, main: 'weak.jsonl', opts: {}, expect, weak: { classes, ids } };
}

function weakFeaturesCase(rng: Rng, seed: number): FuzzCase {
  const n = 4 + rng.int(20);
  const d = 1 + rng.int(5);
  const st = rng.next() < 0.5;
  const data = Array.from({ length: n * d }, () => rng.normal());
  let mutation = pick(rng, ['none', 'short', 'long', 'nan', 'flat', 'bytes', 'bytes', 'bytes']);
  let expect: FuzzCase['expect'] = mutation === 'none' ? 'oracle' : 'refuse';
  const rows = mutation === 'short' ? n - 1 : mutation === 'long' ? n + 1 : n;
  if (mutation === 'nan') data[rng.int(n * d)] = pick(rng, [NaN, Infinity]);
  const shape = mutation === 'flat' ? [rows * d] : [rows, d];
  const values = mutation === 'long' ? [...data, ...data.slice(0, d)] : mutation === 'short' ? data.slice(d) : data;
  let bytes = st ? safetensorsBytes({ features: { dtype: 'F32', shape, data: values } }) : npyBytes('<f4', shape, values);
  if (mutation === 'bytes') {
    [mutation, bytes] = byteMutation(rng, bytes);
    expect = 'oracle';
  }
  const main = st ? 'weak.safetensors' : 'weak.npy';
  return { seed, format: 'weak-features', mutation, files: { [main]: bytes }, main, opts: {}, expect, rows: n };
}

/** The case for one seed: the format cycles with the seed, everything else is drawn from it. */
export function fuzzCase(seed: number): FuzzCase {
  const rng = new Rng(seed * 7919 + 17);
  const format = FORMATS[seed % FORMATS.length];
  if (format === 'npy') return npyCase(rng, seed);
  if (format === 'safetensors') return safetensorsCase(rng, seed);
  if (format === 'weak-labels') return weakLabelsCase(rng, seed);
  if (format === 'weak-features') return weakFeaturesCase(rng, seed);
  return tabular(rng, format, seed);
}
