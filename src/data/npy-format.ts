import { DataError } from './errors.js';
import { numericDtype, type NumericDtype } from './tensor.js';
import { decodeUtf8 } from './utf8.js';

/** A parsed .npy array: numbers (any numeric dtype, widened to float64) or strings (U/S dtypes). */
export interface NpyArray {
  descr: string;
  shape: number[];
  numbers?: Float64Array;
  strings?: string[];
  /** True for numpy bool arrays (numbers are then 0/1). */
  boolean?: boolean;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const NPY_NUMERIC: Record<string, NumericDtype> = {
  f2: 'F16', f4: 'F32', f8: 'F64', i1: 'I8', i2: 'I16', i4: 'I32', i8: 'I64',
  u1: 'U8', u2: 'U16', u4: 'U32', u8: 'U64', b1: 'BOOL',
};

const SAVE = 'write it with numpy.save(path, array)';

/**
 * Parse a .npy file (format 1.0–3.0). The header must be numpy's dict with a plain dtype and a
 * shape of non-negative integers, and the data must be exactly shape × itemsize bytes: a
 * truncated file, trailing bytes, a negative, fractional or overflowing dimension are errors.
 */
export function parseNpy(buf: Uint8Array, file: string): NpyArray {
  if (buf.byteLength === 0) throw new DataError(file, `the file is empty; expected a .npy array (${SAVE})`);
  if (buf.byteLength < 10 || MAGIC.some((b, i) => buf[i] !== b)) {
    throw new DataError(file, `not a .npy file (missing the \\x93NUMPY magic); ${SAVE}`);
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const major = buf[6];
  if (major < 1 || major > 3) throw new DataError(file, `unsupported .npy format version ${major}.${buf[7]}; ${SAVE}`);
  const headerStart = major === 1 ? 10 : 12;
  if (buf.byteLength < headerStart) throw new DataError(file, 'the .npy header is truncated; the file is incomplete');
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerStart + headerLen > buf.byteLength) throw new DataError(file, `the .npy header (${headerLen} bytes) is truncated at ${buf.byteLength} bytes; the file is incomplete`);
  const headerBytes = buf.subarray(headerStart, headerStart + headerLen);
  const header = major === 3 ? decodeUtf8(headerBytes, file) : new TextDecoder('latin1').decode(headerBytes);
  const { descr, shape } = parseHeader(header, file);

  const m = /^([<>|=])?([a-zA-Z])(\d+)$/.exec(descr);
  if (!m) throw new DataError(file, `unsupported dtype '${descr}'; use float32, float64, an integer, bool or string type`);
  const [, order = '=', kind, sizeText] = m;
  const size = Number(sizeText);
  const little = order !== '>';
  const data = buf.subarray(headerStart + headerLen);
  const numeric = NPY_NUMERIC[`${kind}${size}`];
  const width = kind === 'U' ? 4 * size : kind === 'S' ? size : numeric ? size : 0;
  if (width === 0 || !Number.isSafeInteger(width)) {
    throw new DataError(file, `unsupported dtype '${descr}'; convert with a.astype(numpy.float32) (features) or a.astype(numpy.int64) (labels)`);
  }
  const count = elementCount(shape, file);
  const need = count * width;
  if (data.byteLength !== need) {
    const what = data.byteLength < need ? 'the data is truncated' : 'the file has bytes past the data';
    throw new DataError(
      file,
      `${what}: shape (${shape.join(', ')}) of dtype '${descr}' needs ${need} bytes after the header, the file has ${data.byteLength}; rewrite it with numpy.save`,
    );
  }
  if (numeric) return { descr, shape, numbers: numericDtype(numeric).read(data, count, little), ...(numeric === 'BOOL' ? { boolean: true } : {}) };
  return { descr, shape, strings: readStrings(data, count, size, kind === 'U', little, file, headerStart + headerLen) };
}

/** numpy's header: {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), } */
function parseHeader(header: string, file: string): { descr: string; shape: number[] } {
  // numpy pads the dict with spaces and a newline; anything else outside it is damage numpy itself would refuse.
  if (!/^\{[^{}]*\}[ \t]*\n?$/.test(header)) {
    throw new DataError(file, `the .npy header ${JSON.stringify(header.trim().slice(0, 120))} is not numpy's header dict followed by space padding; the file is damaged: ${SAVE}`);
  }
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new DataError(file, `unsupported .npy header ${JSON.stringify(header.trim().slice(0, 120))}: expected numpy's {'descr', 'fortran_order', 'shape'} with a plain dtype (structured dtypes are not supported)`);
  }
  if (fortran === 'True') {
    throw new DataError(file, 'the array is in Fortran order; save it C-ordered: numpy.save(path, numpy.ascontiguousarray(a))');
  }
  if (!/^\s*(\d+\s*,\s*)*(\d+\s*,?\s*)?$/.test(shapeText)) {
    throw new DataError(file, `the header's shape (${shapeText}) must be non-negative integers, as numpy writes them; the file is damaged: ${SAVE}`);
  }
  return { descr, shape: shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number) };
}

function elementCount(shape: number[], file: string): number {
  let count = 1;
  for (const d of shape) {
    count *= d;
    if (!Number.isSafeInteger(d) || !Number.isSafeInteger(count)) {
      throw new DataError(file, `the header's shape (${shape.join(', ')}) is too large for any file; the file is damaged: ${SAVE}`);
    }
  }
  return count;
}

/** Fixed-width strings: 'U' is UTF-32 code points, 'S' bytes (read as Latin-1); NUL ends a value early. */
function readStrings(data: Uint8Array, count: number, size: number, utf32: boolean, little: boolean, file: string, dataStart: number): string[] {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const strings: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    for (let c = 0; c < size; c++) {
      const at = utf32 ? (i * size + c) * 4 : i * size + c;
      const code = utf32 ? dv.getUint32(at, little) : data[at];
      if (code === 0) break;
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        throw new DataError(file, `element ${i} holds 0x${code.toString(16)} at byte ${dataStart + at}, which is not a Unicode code point; the file is damaged: ${SAVE}`);
      }
      s += String.fromCodePoint(code);
    }
    strings.push(s);
  }
  return strings;
}
