import { readFile } from 'node:fs/promises';
import { writeFileAtomicSync } from '../../util/fs.js';

/** F16 holds IEEE half-precision bit patterns (a Uint16Array); converting them to numbers is the caller's. */
export type SafeDType = 'F32' | 'F16' | 'F64' | 'I64' | 'I32' | 'U8';
export interface NamedTensor {
  dtype: SafeDType;
  shape: number[];
  data: Float32Array | Uint16Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;
}

const BYTES: Record<SafeDType, number> = { F32: 4, F16: 2, F64: 8, I64: 8, I32: 4, U8: 1 };
const CTORS = { F32: Float32Array, F16: Uint16Array, F64: Float64Array, I64: BigInt64Array, I32: Int32Array, U8: Uint8Array } as const;

/** Encodes tensors in the safetensors format: u64 header length, JSON header, raw little-endian data. */
export function encodeSafetensors(tensors: Record<string, NamedTensor>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  const names = Object.keys(tensors).sort();
  for (const name of names) {
    const t = tensors[name];
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (n !== t.data.length) throw new Error(`safetensors: ${name} has ${t.data.length} values for shape [${t.shape}]`);
    const bytes = n * BYTES[t.dtype];
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  while ((8 + json.length) % 8 !== 0) json += ' ';
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const name of names) {
    const d = tensors[name].data;
    out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), pos);
    pos += d.byteLength;
  }
  return out;
}

/** Decodes a safetensors buffer; `source` names the file in errors. */
export function decodeSafetensors(buf: Uint8Array, source = 'buffer'): { tensors: Record<string, NamedTensor>; metadata: Record<string, string> } {
  if (buf.length < 8) throw new Error(`${source}: not a safetensors file (shorter than its 8-byte header length)`);
  const len = Number(new DataView(buf.buffer, buf.byteOffset, 8).getBigUint64(0, true));
  if (8 + len > buf.length) throw new Error(`${source}: header length ${len} runs past the end of the file (${buf.length} bytes); the file is truncated or not safetensors`);
  let header: Record<string, { dtype: SafeDType; shape: number[]; data_offsets: [number, number] } | Record<string, string>>;
  try {
    header = JSON.parse(new TextDecoder().decode(buf.subarray(8, 8 + len)));
  } catch (e) {
    throw new Error(`${source}: the safetensors header is not valid JSON (${(e as Error).message})`);
  }
  const base = 8 + len;
  const tensors: Record<string, NamedTensor> = {};
  let metadata: Record<string, string> = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = info as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets } = info as { dtype: SafeDType; shape: number[]; data_offsets: [number, number] };
    const Ctor = CTORS[dtype];
    if (!Ctor) throw new Error(`${source}: tensor ${name} has dtype ${dtype}; supported: ${Object.keys(CTORS).join(', ')}`);
    const [s, e] = data_offsets;
    const bytes = buf.slice(base + s, base + e);
    if (bytes.length !== e - s) throw new Error(`${source}: tensor ${name} runs past the end of the file`);
    tensors[name] = { dtype, shape, data: new Ctor(bytes.buffer, 0, (e - s) / BYTES[dtype]) as NamedTensor['data'] };
  }
  return { tensors, metadata };
}

export function saveSafetensors(path: string, tensors: Record<string, NamedTensor>, metadata?: Record<string, string>): void {
  writeFileAtomicSync(path, encodeSafetensors(tensors, metadata));
}

export async function loadSafetensors(path: string) {
  return decodeSafetensors(new Uint8Array(await readFile(path)), path);
}
