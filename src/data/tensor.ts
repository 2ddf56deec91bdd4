/** Numeric element types shared by the .npy and safetensors readers (safetensors' names). */
export type NumericDtype = 'F16' | 'BF16' | 'F32' | 'F64' | 'I8' | 'I16' | 'I32' | 'I64' | 'U8' | 'U16' | 'U32' | 'U64' | 'BOOL';

export interface DtypeReader {
  size: number;
  /** Read `count` elements from `bytes`, widened to float64. */
  read(bytes: Uint8Array, count: number, littleEndian: boolean): Float64Array;
}

type Getter = (v: DataView, offset: number, le: boolean) => number;

const GETTERS: Record<NumericDtype, [number, Getter]> = {
  F16: [2, (v, o, le) => halfToFloat(v.getUint16(o, le))],
  BF16: [2, (v, o, le) => bf16ToFloat(v.getUint16(o, le))],
  F32: [4, (v, o, le) => v.getFloat32(o, le)],
  F64: [8, (v, o, le) => v.getFloat64(o, le)],
  I8: [1, (v, o) => v.getInt8(o)],
  I16: [2, (v, o, le) => v.getInt16(o, le)],
  I32: [4, (v, o, le) => v.getInt32(o, le)],
  I64: [8, (v, o, le) => Number(v.getBigInt64(o, le))],
  U8: [1, (v, o) => v.getUint8(o)],
  U16: [2, (v, o, le) => v.getUint16(o, le)],
  U32: [4, (v, o, le) => v.getUint32(o, le)],
  U64: [8, (v, o, le) => Number(v.getBigUint64(o, le))],
  BOOL: [1, (v, o) => (v.getUint8(o) ? 1 : 0)],
};

export function isNumericDtype(name: string): name is NumericDtype {
  return Object.prototype.hasOwnProperty.call(GETTERS, name);
}

/** Element sizes of every safetensors dtype, readable or not (F8 and the 4-bit types cannot be read here). */
const SIZES: Record<string, number> = { F8_E4M3: 1, F8_E5M2: 1, F8_E8M0: 1, C64: 8 };

export function dtypeSize(name: string): number | undefined {
  return isNumericDtype(name) ? GETTERS[name][0] : SIZES[name];
}

export function numericDtype(name: NumericDtype): DtypeReader {
  const [size, get] = GETTERS[name];
  return {
    size,
    read(bytes, count, le) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = get(view, i * size, le);
      return out;
    },
  };
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

function bf16ToFloat(b: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, b << 16);
  return view.getFloat32(0);
}
