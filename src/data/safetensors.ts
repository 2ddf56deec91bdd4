import { readFileSync } from 'node:fs';
import type { Dataset } from '../tasks/types.js';
import { DataError } from './errors.js';
import { featuresDataset, readLabelsFile } from './npy.js';
import type { UserDataOptions } from './options.js';
import { isNumericDtype, numericDtype } from './tensor.js';

export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  /** Byte offsets into the data section, [begin, end). */
  offsets: [number, number];
}

export interface SafetensorsFile {
  tensors: Map<string, SafetensorsEntry>;
  metadata: Record<string, string>;
  /** The data section (everything after the header). */
  data: Uint8Array;
}

/** Parse the 8-byte little-endian header length, the JSON header, and locate each tensor. */
export function parseSafetensors(buf: Uint8Array, file: string): SafetensorsFile {
  if (buf.byteLength === 0) throw new DataError(file, 'the file is empty; expected a safetensors file (safetensors.numpy.save_file)');
  if (buf.byteLength < 8) throw new DataError(file, 'too short for a safetensors file (no 8-byte header length)');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen > buf.byteLength - 8) {
    throw new DataError(file, `the header length ${headerLen} exceeds the file size ${buf.byteLength}; the file is not safetensors or is truncated`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(buf.subarray(8, 8 + headerLen)));
  } catch (err) {
    throw new DataError(file, `the safetensors header is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new DataError(file, 'the safetensors header must be a JSON object');
  }
  const data = buf.subarray(8 + headerLen);
  const tensors = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = (raw ?? {}) as Record<string, string>;
      continue;
    }
    const e = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const offsets = e.data_offsets;
    if (typeof e.dtype !== 'string' || !Array.isArray(e.shape) || !Array.isArray(offsets) || offsets.length !== 2) {
      throw new DataError(file, `tensor '${name}' has a malformed header entry ${JSON.stringify(raw)}`);
    }
    const [begin, end] = offsets as number[];
    if (!(begin >= 0 && end >= begin && end <= data.byteLength)) {
      throw new DataError(file, `tensor '${name}' data [${begin}, ${end}) lies outside the data section (${data.byteLength} bytes); the file is truncated`);
    }
    tensors.set(name, { dtype: e.dtype, shape: e.shape as number[], offsets: [begin, end] });
  }
  return { tensors, metadata, data };
}

/** Read one tensor's values, widened to float64. */
export function readTensor(st: SafetensorsFile, name: string, file: string): Float64Array {
  const e = st.tensors.get(name);
  if (!e) throw new DataError(file, `no tensor named '${name}'; tensors: ${[...st.tensors.keys()].join(', ') || '(none)'}`);
  if (!isNumericDtype(e.dtype)) {
    throw new DataError(file, `tensor '${name}' has unsupported dtype ${e.dtype}; use F32, F64, F16, BF16, an integer type or BOOL`);
  }
  const reader = numericDtype(e.dtype);
  const count = e.shape.reduce((a, b) => a * b, 1);
  const [begin, end] = e.offsets;
  if (end - begin !== count * reader.size) {
    throw new DataError(file, `tensor '${name}' has ${end - begin} bytes but shape [${e.shape.join(', ')}] of ${e.dtype} needs ${count * reader.size}`);
  }
  return reader.read(st.data.subarray(begin, end), count, true);
}

/**
 * A features dataset from a safetensors file: a 2-D `features` tensor and a 1-D `labels`
 * tensor (names configurable; labels may instead come from `labelsPath`). Class names come
 * from `__metadata__.classes` (a JSON array) when present.
 */
export function loadSafetensors(file: string, opts: UserDataOptions = {}): Dataset {
  const st = parseSafetensors(readFileSync(file), file);
  const featName = opts.featuresField ?? 'features';
  const feat = st.tensors.get(featName);
  if (!feat) {
    throw new DataError(file, `no features tensor '${featName}'; tensors: ${[...st.tensors.keys()].join(', ') || '(none)'}. Pass --features-field NAME`);
  }
  if (feat.shape.length !== 2) {
    throw new DataError(file, `features tensor '${featName}' must be 2-D (rows, features); got shape [${feat.shape.join(', ')}]`);
  }
  const [n, d] = feat.shape;
  const values = readTensor(st, featName, file);
  let rawLabels: unknown[];
  let labelsFile = file;
  if (opts.labelsPath) {
    labelsFile = opts.labelsPath;
    rawLabels = readLabelsFile(opts.labelsPath);
  } else {
    const labName = opts.labelField ?? 'labels';
    if (!st.tensors.has(labName)) {
      throw new DataError(file, `no labels tensor '${labName}'; tensors: ${[...st.tensors.keys()].join(', ')}. Pass --label-field NAME or --labels FILE`);
    }
    const lab = st.tensors.get(labName)!;
    if (!(lab.shape.length === 1 || (lab.shape.length === 2 && lab.shape[1] === 1))) {
      throw new DataError(file, `labels tensor '${labName}' must be 1-D; got shape [${lab.shape.join(', ')}]`);
    }
    rawLabels = Array.from(readTensor(st, labName, file));
  }
  if (rawLabels.length !== n) {
    throw new DataError(labelsFile, `has ${rawLabels.length} labels but '${featName}' has ${n} rows; they must match one to one`);
  }
  return featuresDataset(file, opts, values, n, d, rawLabels, labelsFile, classNames(st, file));
}

function classNames(st: SafetensorsFile, file: string): string[] | undefined {
  const raw = st.metadata.classes;
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed) && parsed.every((c) => typeof c === 'string')) return parsed as string[];
  } catch {
    // reported below
  }
  throw new DataError(file, `__metadata__.classes must be a JSON array of class names, got ${raw}`);
}
