/**
 * The fuzzer's oracle: an independent, deliberately plain reading of what a file's labels
 * say under the documented rule (see LabelType), written without the loaders' code. It
 * answers per example the class name the loader must give, 'refuse' when the rule says the
 * file is invalid, or 'unknown' when the oracle cannot tell (counted, never passed).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';

export type Verdict = { labels: string[] } | 'refuse' | 'unknown';

const STRICT = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Uint8Array): string | undefined {
  try {
    return STRICT.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** Canonical class per value under `auto` or `string`, then the file-level rules. */
export function canonical(values: unknown[], type: 'auto' | 'string'): Verdict {
  const out: string[] = [];
  const kinds = new Set<string>();
  for (const v of values) {
    let c: string;
    let kind: string;
    if (v === null || v === undefined) return 'refuse';
    if (typeof v === 'number' && !Number.isFinite(v)) return 'refuse';
    if (typeof v === 'string' && v.trim() === '') return 'refuse';
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean' && typeof v !== 'bigint') return 'refuse';
    if (type === 'string') {
      c = String(v).trim();
      kind = 'name';
    } else if (typeof v === 'boolean') {
      [c, kind] = [String(v), 'bool'];
    } else if (typeof v === 'number' || typeof v === 'bigint') {
      const n = Number(v);
      if (!Number.isSafeInteger(n)) return 'refuse';
      [c, kind] = [String(n), 'number'];
    } else {
      const t = v.trim();
      if (t.toLowerCase() === 'true' || t.toLowerCase() === 'false') [c, kind] = [t.toLowerCase(), 'bool'];
      else if (['nan', 'inf', 'infinity'].includes(t.toLowerCase().replace(/^[-+]/, ''))) return 'refuse';
      else if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) {
        const n = exactInteger(t);
        if (n === null) return 'refuse';
        [c, kind] = [String(n), 'number'];
      } else [c, kind] = [t, 'name'];
    }
    kinds.add(kind);
    out.push(c);
  }
  if (kinds.size > 1) return 'refuse';
  const counts = new Map<string, number>();
  for (const c of out) counts.set(c, (counts.get(c) ?? 0) + 1);
  const folded = new Set([...counts.keys()].map((c) => c.normalize('NFKC').toLowerCase()));
  if (folded.size < counts.size || counts.size < 2 || [...counts.values()].some((n) => n === 1)) return 'refuse';
  return { labels: out };
}

/** The integer a decimal spelling denotes, by rational arithmetic (mantissa × 10^exponent); null when fractional or beyond 2^53. */
function exactInteger(t: string): number | null {
  const [mant, exp = '0'] = t.toLowerCase().split('e');
  const negative = mant.startsWith('-');
  const [whole, frac = ''] = mant.replace(/^[-+]/, '').split('.');
  const digits = BigInt(`${whole}${frac}` || '0');
  const scale = frac.length - Number(exp); // value = digits / 10^scale
  if (digits === 0n) return 0;
  if (scale > 400 || scale < -40) return null;
  let v: bigint;
  if (scale <= 0) v = digits * 10n ** BigInt(-scale);
  else {
    const d = 10n ** BigInt(scale);
    if (digits % d !== 0n) return null;
    v = digits / d;
  }
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(negative ? -v : v);
}

/** Tabular options the generated files use. */
export interface TableSpec {
  textField: string;
  labelField: string;
  idField?: string;
  type: 'auto' | 'string';
}

function fromRecords(records: Record<string, unknown>[], spec: TableSpec): Verdict {
  if (records.length === 0) return 'refuse';
  const ids = new Set<string>();
  for (const r of records) {
    const t = r[spec.textField];
    if (!(typeof t === 'string' || (typeof t === 'number' && Number.isFinite(t)))) return 'refuse';
    if (spec.idField) {
      const id = r[spec.idField];
      if (id === null || id === undefined || typeof id === 'object') return 'refuse';
      if (ids.has(String(id))) return 'refuse';
      ids.add(String(id));
    }
    if (!(spec.labelField in r)) return 'refuse';
  }
  return canonical(records.map((r) => r[spec.labelField]), spec.type);
}

export function referenceJsonl(bytes: Uint8Array, spec: TableSpec): Verdict {
  const t = text(bytes);
  if (t === undefined) return 'refuse';
  const records: Record<string, unknown>[] = [];
  for (const line of t.split('\n')) {
    if (!line.trim()) continue;
    // Keys the generator writes appear once per line; a second one is a duplicate key.
    for (const k of [spec.textField, spec.labelField, spec.idField].filter(Boolean)) {
      if ((line.match(new RegExp(`"${k}"\\s*:`, 'g')) ?? []).length > 1) return 'refuse';
    }
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      return /NaN|Infinity/.test(line) ? 'unknown' : 'refuse';
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'refuse';
    records.push(v as Record<string, unknown>);
  }
  return fromRecords(records, spec);
}

export function referenceCsv(bytes: Uint8Array, spec: TableSpec, delimiter: string): Verdict {
  const t = text(bytes);
  if (t === undefined) return 'refuse';
  let rows: string[][];
  try {
    rows = parseCsv(t, { skip_empty_lines: true, delimiter, relax_column_count: false }) as string[][];
  } catch {
    return 'refuse';
  }
  if (rows.length < 2) return 'refuse';
  const [header, ...body] = rows;
  if (new Set(header).size !== header.length) return 'refuse';
  return fromRecords(body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))), spec);
}

export async function referenceParquet(bytes: Uint8Array, spec: TableSpec): Promise<Verdict> {
  let objects: Record<string, unknown>[];
  try {
    const file = bytes.slice().buffer as ArrayBuffer;
    objects = await parquetReadObjects({ file });
  } catch {
    return 'refuse';
  }
  if (objects.some((o) => Object.values(o).some((v) => typeof v === 'string' && v.includes('\uFFFD')))) return 'refuse';
  return fromRecords(objects, spec);
}

/** The labels of a .npy file as numpy.save writes them for the dtypes the generator uses; 'unknown' for anything else. */
export function referenceNpyLabels(bytes: Uint8Array): unknown[] | 'refuse' | 'unknown' {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) return 'refuse';
  const hlen = bytes[8] | (bytes[9] << 8);
  if (10 + hlen > bytes.length) return 'refuse';
  const header = new TextDecoder('latin1').decode(bytes.subarray(10, 10 + hlen));
  const m = /^\{'descr': '(<i8|<f8|<i4|\|b1|<U\d+)', 'fortran_order': False, 'shape': \((\d+),\), \}\s*\n$/.exec(header);
  if (!m) return 'unknown';
  const descr = m[1];
  const n = Number(m[2]);
  const data = bytes.subarray(10 + hlen);
  const width = descr.startsWith('<U') ? 4 * Number(descr.slice(2)) : descr === '|b1' ? 1 : descr === '<i4' ? 4 : 8;
  if (data.length !== n * width) return 'refuse';
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    if (descr === '<i8') out.push(view.getBigInt64(i * 8, true));
    else if (descr === '<i4') out.push(view.getInt32(i * 4, true));
    else if (descr === '<f8') out.push(view.getFloat64(i * 8, true));
    else if (descr === '|b1') out.push(data[i] !== 0);
    else {
      const cps: number[] = [];
      for (let c = 0; c < width / 4; c++) {
        const cp = view.getUint32(i * width + c * 4, true);
        if (cp === 0) break;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return 'refuse';
        cps.push(cp);
      }
      out.push(String.fromCodePoint(...cps));
    }
  }
  return out;
}

const SIZE: Record<string, number> = { F32: 4, F64: 8, I64: 8, I32: 4, U8: 1 };

/**
 * The named tensor of a safetensors file, after checking that every data byte belongs to
 * exactly one tensor (an ownership map, not the loader's sorted walk). 'unknown' for dtypes
 * the oracle does not decode.
 */
export function referenceSafetensors(bytes: Uint8Array, tensor: string): { values: number[]; shape: number[] } | 'refuse' | 'unknown' {
  if (bytes.length < 8) return 'refuse';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = Number(view.getBigUint64(0, true));
  if (8 + hlen > bytes.length) return 'refuse';
  const t = text(bytes.subarray(8, 8 + hlen));
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>;
  try {
    header = JSON.parse(t ?? '');
  } catch {
    return 'refuse';
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) return 'refuse';
  const dataLen = bytes.length - 8 - hlen;
  const owner = new Uint8Array(dataLen);
  for (const [name, e] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    if (!e || typeof e !== 'object' || !(e.dtype in SIZE)) return 'unknown';
    const [b, en] = Array.isArray(e.data_offsets) ? e.data_offsets : [];
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return 'refuse';
    if (!Number.isSafeInteger(b) || !Number.isSafeInteger(en) || b < 0 || en < b || en > dataLen) return 'refuse';
    if (en - b !== e.shape.reduce((x, y) => x * y, 1) * SIZE[e.dtype]) return 'refuse';
    for (let i = b; i < en; i++) if (owner[i]++) return 'refuse';
  }
  if (owner.some((o) => o !== 1)) return 'refuse';
  const e = header[tensor];
  if (!e) return 'refuse';
  const base = 8 + hlen + e.data_offsets[0];
  const count = e.shape.reduce((x, y) => x * y, 1);
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const o = base + i * SIZE[e.dtype];
    values.push(e.dtype === 'F32' ? view.getFloat32(o, true) : e.dtype === 'F64' ? view.getFloat64(o, true) : e.dtype === 'I64' ? Number(view.getBigInt64(o, true)) : e.dtype === 'I32' ? view.getInt32(o, true) : view.getUint8(o));
  }
  return { values, shape: e.shape };
}
