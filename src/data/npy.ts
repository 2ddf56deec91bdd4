import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, basename } from 'node:path';
import type { Dataset } from '../tasks/types.js';
import { DataError } from './errors.js';
import { indexLabels, labelKey } from './labels.js';
import type { UserDataOptions } from './options.js';
import { datasetName } from './rows.js';
import { numericDtype, type NumericDtype } from './tensor.js';

/** A parsed .npy array: numbers (any numeric dtype, widened to float64) or strings (U/S dtypes). */
export interface NpyArray {
  descr: string;
  shape: number[];
  numbers?: Float64Array;
  strings?: string[];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const NPY_NUMERIC: Record<string, NumericDtype> = {
  f2: 'F16', f4: 'F32', f8: 'F64', i1: 'I8', i2: 'I16', i4: 'I32', i8: 'I64',
  u1: 'U8', u2: 'U16', u4: 'U32', u8: 'U64', b1: 'BOOL',
};

export function parseNpy(buf: Uint8Array, file: string): NpyArray {
  if (buf.byteLength === 0) throw new DataError(file, 'the file is empty; expected a .npy array written by numpy.save');
  if (buf.byteLength < 10 || MAGIC.some((b, i) => buf[i] !== b)) {
    throw new DataError(file, 'not a .npy file (missing the \\x93NUMPY magic); write it with numpy.save(path, array)');
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const major = buf[6];
  if (major < 1 || major > 3) throw new DataError(file, `unsupported .npy format version ${major}.${buf[7]}`);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  if (headerStart + headerLen > buf.byteLength) throw new DataError(file, 'the .npy header is truncated; the file is incomplete');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(buf.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new DataError(file, `unsupported .npy header ${header.trim()}: structured dtypes are not supported; save a plain numeric array`);
  }
  if (fortran === 'True') {
    throw new DataError(file, 'the array is in Fortran order; save it C-ordered: numpy.save(path, numpy.ascontiguousarray(a))');
  }
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const m = /^([<>|=])?([a-zA-Z])(\d+)$/.exec(descr);
  if (!m) throw new DataError(file, `unsupported dtype '${descr}'; use float32, float64, an integer type, or a string type`);
  const [, order = '=', kind, sizeText] = m;
  const size = Number(sizeText);
  const little = order !== '>';
  const dataStart = headerStart + headerLen;
  const data = buf.subarray(dataStart);

  if (kind === 'U' || kind === 'S') {
    const width = kind === 'U' ? 4 * size : size;
    checkLength(file, data, count * width);
    const strings: string[] = [];
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let i = 0; i < count; i++) {
      let s = '';
      for (let c = 0; c < size; c++) {
        const code = kind === 'U' ? dv.getUint32((i * size + c) * 4, little) : data[i * size + c];
        if (code === 0) break;
        s += String.fromCodePoint(code);
      }
      strings.push(s);
    }
    return { descr, shape, strings };
  }
  const dtype = NPY_NUMERIC[`${kind}${size}`];
  if (!dtype) {
    throw new DataError(file, `unsupported dtype '${descr}'; convert with a.astype(numpy.float32) (features) or a.astype(numpy.int64) (labels)`);
  }
  const itemSize = size;
  checkLength(file, data, count * itemSize);
  return { descr, shape, numbers: numericDtype(dtype).read(data, count, little) };
}

function checkLength(file: string, data: Uint8Array, need: number): void {
  if (data.byteLength < need) {
    throw new DataError(file, `the data is truncated: the header promises ${need} bytes but the file has ${data.byteLength}`);
  }
}

/** A .npy feature matrix (rows × features) with labels from `opts.labelsPath` or a sibling file. */
export function loadNpy(file: string, opts: UserDataOptions = {}): Dataset {
  const arr = parseNpy(readFileSync(file), file);
  if (!arr.numbers || arr.shape.length !== 2) {
    throw new DataError(
      file,
      `features must be a 2-D numeric array (rows, features); got dtype '${arr.descr}' with shape (${arr.shape.join(', ')}). ` +
        'Reshape with a.reshape(len(a), -1)',
    );
  }
  const [n, d] = arr.shape;
  if (n === 0 || d === 0) throw new DataError(file, `the array is empty (shape (${n}, ${d})); it needs at least one row and one feature`);
  const labelsFile = opts.labelsPath ?? findSiblingLabels(file);
  const rawLabels = readLabelsFile(labelsFile);
  if (rawLabels.length !== n) {
    throw new DataError(labelsFile, `has ${rawLabels.length} labels but ${file} has ${n} rows; they must match one to one`);
  }
  return featuresDataset(file, opts, arr.numbers, n, d, rawLabels, labelsFile);
}

/** Build a features Dataset from a row-major matrix, checking every value is finite. */
export function featuresDataset(
  file: string,
  opts: UserDataOptions,
  values: ArrayLike<number>,
  n: number,
  d: number,
  rawLabels: readonly unknown[],
  labelsFile: string,
  givenClasses?: readonly string[],
): Dataset {
  const name = datasetName(file, opts);
  const keys = rawLabels.map((v, i) => labelKey(v, labelsFile, 'label', { row: i }));
  const { classes, labels } = indexLabels(keys, labelsFile, { field: 'label', given: givenClasses, whereOf: (i) => ({ row: i }) });
  const examples = [];
  for (let i = 0; i < n; i++) {
    const features = new Float32Array(d);
    for (let j = 0; j < d; j++) {
      const v = values[i * d + j];
      if (!Number.isFinite(v)) {
        throw new DataError(file, `feature column ${j} (rows and columns count from 0) is ${v}; features must be finite: impute or drop that row`, { row: i });
      }
      features[j] = v;
    }
    examples.push({ id: `${name}-${i}`, features, label: labels[i] });
  }
  return {
    name,
    classes,
    kind: 'features',
    featureDim: d,
    examples,
    description: `user features from ${file} (labels ${labelsFile}): ${n} examples × ${d} features, classes ${classes.join(', ')}`,
  };
}

function findSiblingLabels(file: string): string {
  const stem = basename(file, extname(file));
  const dir = dirname(file);
  const candidates = [`${stem}.labels.npy`, `${stem}_labels.npy`, `${stem}.labels.json`, 'labels.npy'].map((c) => join(dir, c));
  const found = candidates.find((c) => c !== file && existsSync(c));
  if (!found) {
    throw new DataError(file, `no labels: pass --labels FILE (.npy, .json or .txt), or put them beside it as ${candidates.map((c) => basename(c)).join(' or ')}`);
  }
  return found;
}

/** Labels from .npy (1-D, or (n, 1)), .json (an array) or text (one label per line). */
export function readLabelsFile(path: string): unknown[] {
  if (!existsSync(path)) throw new DataError(path, 'labels file not found; check the --labels path');
  const ext = extname(path).toLowerCase();
  if (ext === '.npy') {
    const arr = parseNpy(readFileSync(path), path);
    if (!(arr.shape.length === 1 || (arr.shape.length === 2 && arr.shape[1] === 1))) {
      throw new DataError(path, `labels must be 1-D (one per row); got shape (${arr.shape.join(', ')})`);
    }
    return arr.strings ?? Array.from(arr.numbers!);
  }
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  if (ext === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new DataError(path, `malformed JSON (${err instanceof Error ? err.message : String(err)}); expected an array of labels`);
    }
    if (!Array.isArray(parsed)) throw new DataError(path, 'expected a JSON array of labels, one per row');
    return parsed;
  }
  const lines = text.split('\n').map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
