/**
 * Small writers for the formats the loaders read, used by the tests to build files (and
 * handy for exporting features): .npy, safetensors, and a minimal uncompressed Parquet.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory. */
export function tempDir(prefix = 'w2s-data-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write a .npy file: numeric data with a dtype like '<f4', '<f8', '<i8', or strings as '<U{n}'. */
export function npyBytes(descr: string, shape: number[], data: ArrayLike<number> | string[], fortran = false): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const head = new Uint8Array(10 + header.length);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(head.buffer).setUint16(8, header.length, true);
  head.set(new TextEncoder().encode(header), 10);
  const m = /^[<>|=]?([a-zA-Z])(\d+)$/.exec(descr);
  if (!m) throw new Error(`npyBytes: bad descr ${descr}`);
  const kind = m[1];
  const size = Number(m[2]);
  const le = !descr.startsWith('>');
  const n = data.length;
  const width = kind === 'U' ? 4 * size : size;
  const body = new Uint8Array(n * width);
  const view = new DataView(body.buffer);
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (kind === 'U') {
      [...String(v)].forEach((ch, c) => view.setUint32((i * size + c) * 4, ch.codePointAt(0)!, true));
    } else if (kind === 'f' && size === 4) view.setFloat32(i * 4, Number(v), le);
    else if (kind === 'f' && size === 8) view.setFloat64(i * 8, Number(v), le);
    else if (kind === 'i' && size === 8) view.setBigInt64(i * 8, BigInt(Number(v)), le);
    else if (kind === 'i' && size === 4) view.setInt32(i * 4, Number(v), le);
    else if (size === 1) view.setUint8(i, Number(v));
    else throw new Error(`npyBytes: unsupported descr ${descr}`);
  }
  return concat([head, body]);
}

export function writeNpy(path: string, descr: string, shape: number[], data: ArrayLike<number> | string[]): string {
  writeFileSync(path, npyBytes(descr, shape, data));
  return path;
}

export interface TensorSpec {
  dtype: 'F32' | 'F64' | 'I64' | 'I32' | 'U8' | string;
  shape: number[];
  data: ArrayLike<number>;
}

export function safetensorsBytes(tensors: Record<string, TensorSpec>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const size = { F32: 4, F64: 8, I64: 8, I32: 4, U8: 1 }[t.dtype as 'F32'] ?? 4;
    const bytes = new Uint8Array(t.data.length * size);
    const v = new DataView(bytes.buffer);
    for (let i = 0; i < t.data.length; i++) {
      const x = t.data[i];
      if (t.dtype === 'F64') v.setFloat64(i * 8, x, true);
      else if (t.dtype === 'I64') v.setBigInt64(i * 8, BigInt(x), true);
      else if (t.dtype === 'I32') v.setInt32(i * 4, x, true);
      else if (t.dtype === 'U8') v.setUint8(i, x);
      else v.setFloat32(i * 4, x, true);
    }
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes.length] };
    offset += bytes.length;
    chunks.push(bytes);
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const len = new Uint8Array(8);
  new DataView(len.buffer).setBigUint64(0, BigInt(json.length), true);
  return concat([len, json, ...chunks]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The error `fn` throws or rejects with; fails if it returns normally. */
export async function caught(fn: () => unknown): Promise<Error & { file?: string; line?: number; row?: number }> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`threw a non-Error: ${String(err)}`);
  }
  throw new Error('expected an error, but the call succeeded');
}

/** Write `content` to `name` inside `dir`; returns the path. */
export function writeText(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
