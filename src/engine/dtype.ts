/** Element types the engine builds graphs with, and their ONNX codes. */
export type DType = 'float32' | 'float64' | 'int64' | 'int32' | 'bool';

export const ONNX_ELEM_TYPE: Record<DType, number> = {
  float32: 1,
  int32: 6,
  int64: 7,
  bool: 9,
  float64: 11,
};

export type TypedArrayFor<D extends DType> = D extends 'float32'
  ? Float32Array
  : D extends 'float64'
    ? Float64Array
    : D extends 'int64'
      ? BigInt64Array
      : D extends 'int32'
        ? Int32Array
        : Uint8Array;

export type AnyTypedArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;

export function isFloat(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}

export function bytesPerElement(d: DType): number {
  switch (d) {
    case 'float32':
    case 'int32':
      return 4;
    case 'float64':
    case 'int64':
      return 8;
    case 'bool':
      return 1;
  }
}

export function dtypeOfArray(a: AnyTypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof BigInt64Array) return 'int64';
  if (a instanceof Int32Array) return 'int32';
  return 'bool';
}
