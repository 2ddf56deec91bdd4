import type { Dataset } from '../tasks/types.js';
import { DataError } from './errors.js';
import { repeatedKey } from './json-object.js';
import { featuresDataset, readLabelsFile } from './npy.js';
import type { UserDataOptions } from './options.js';
import { readInput } from './read.js';
import { dtypeSize, isNumericDtype, numericDtype } from './tensor.js';
import { decodeUtf8 } from './utf8.js';

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

/**
 * Parse the 8-byte little-endian header length, the JSON header, and locate each tensor.
 * As the reference implementation requires, tensors tile the data section: sorted by
 * offset each starts where the previous ends (no overlap, no gap), the last ends at the
 * end of the file, and each spans exactly shape × dtype size bytes.
 */
export function parseSafetensors(buf: Uint8Array, file: string): SafetensorsFile {
  if (buf.byteLength === 0) throw new DataError(file, 'the file is empty; expected a safetensors file (safetensors.numpy.save_file)');
  if (buf.byteLength < 8) throw new DataError(file, 'too short for a safetensors file (no 8-byte header length)');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen > buf.byteLength - 8) {
    throw new DataError(file, `the header length ${headerLen} exceeds the file size ${buf.byteLength}; the file is not safetensors or is truncated`);
  }
  let header: unknown;
  const headerText = decodeUtf8(buf.subarray(8, 8 + headerLen), file);
  try {
    header = JSON.parse(headerText);
  } catch (err) {
    throw new DataError(file, `the safetensors header is not valid JSON (${err instanceof Error ? err.message : String(err)}); the file is damaged or not safetensors`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new DataError(file, 'the safetensors header must be a JSON object');
  }
  const twice = repeatedKey(headerText);
  if (twice !== undefined) throw new DataError(file, `tensor '${twice}' is listed twice in the header; the file is damaged, write it again with safetensors`);
  const data = buf.subarray(8 + headerLen);
  const tensors = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = readMetadata(raw, file);
      continue;
    }
    tensors.set(name, readEntry(name, raw, file));
  }
  checkTiling(tensors, data.byteLength, file);
  return { tensors, metadata, data };
}

function readMetadata(raw: unknown, file: string): Record<string, string> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || Object.values(raw).some((v) => typeof v !== 'string')) {
    throw new DataError(file, `__metadata__ must map names to strings, got ${JSON.stringify(raw).slice(0, 80)}`);
  }
  return raw as Record<string, string>;
}

function readEntry(name: string, raw: unknown, file: string): SafetensorsEntry {
  const e = (raw ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  const offsets = e.data_offsets;
  const natural = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (typeof e.dtype !== 'string' || !Array.isArray(e.shape) || !Array.isArray(offsets) || offsets.length !== 2) {
    throw new DataError(file, `tensor '${name}' has a malformed header entry ${JSON.stringify(raw)?.slice(0, 120)}; expected {"dtype", "shape", "data_offsets": [begin, end]}`);
  }
  if (!e.shape.every(natural)) throw new DataError(file, `tensor '${name}' has shape ${JSON.stringify(e.shape)}; dimensions must be non-negative integers`);
  if (!offsets.every(natural) || offsets[0] > offsets[1]) {
    throw new DataError(file, `tensor '${name}' has data_offsets ${JSON.stringify(offsets)}; they must be integers 0 <= begin <= end`);
  }
  const shape = e.shape as number[];
  const [begin, end] = offsets as [number, number];
  const size = dtypeSize(e.dtype);
  if (size !== undefined) {
    const count = shape.reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(count * size) || end - begin !== count * size) {
      throw new DataError(file, `tensor '${name}' spans ${end - begin} bytes but shape [${shape.join(', ')}] of ${e.dtype} needs ${count * size}; the header and data disagree`);
    }
  }
  return { dtype: e.dtype, shape, offsets: [begin, end] };
}

function checkTiling(tensors: Map<string, SafetensorsEntry>, dataLength: number, file: string): void {
  const sorted = [...tensors].sort(([, a], [, b]) => a.offsets[0] - b.offsets[0] || a.offsets[1] - b.offsets[1]);
  let at = 0;
  let prev = '';
  for (const [name, t] of sorted) {
    const [begin, end] = t.offsets;
    if (begin < at) {
      throw new DataError(file, `tensors '${prev}' and '${name}' overlap (bytes [${begin}, ${Math.min(at, end)}) of the data); each tensor needs its own bytes: the file is damaged, write it again with safetensors`);
    }
    if (begin > at) throw new DataError(file, `bytes [${at}, ${begin}) of the data belong to no tensor (before '${name}'); the file is damaged, write it again with safetensors`);
    at = end;
    prev = name;
  }
  if (at > dataLength) throw new DataError(file, `tensor '${prev}' ends at byte ${at} but the data section has ${dataLength} bytes; the file is truncated`);
  if (at < dataLength) throw new DataError(file, `the file has ${dataLength - at} bytes past the last tensor${prev ? ` ('${prev}')` : ''}; the file is damaged or not safetensors`);
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
  const st = parseSafetensors(readInput(file), file);
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
    const values = readTensor(st, labName, file);
    rawLabels = lab.dtype === 'BOOL' ? Array.from(values, (v) => v !== 0) : Array.from(values);
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
