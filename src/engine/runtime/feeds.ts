import * as ort from 'onnxruntime-node';
import type { AnyTypedArray, DType } from '../dtype.js';

export type HostTensor = { data: AnyTypedArray; dims: readonly number[] };

const ORT_TYPE: Record<DType, ort.Tensor.Type> = {
  float32: 'float32',
  float64: 'float64',
  int64: 'int64',
  int32: 'int32',
  bool: 'bool',
};

/** Wraps a typed array as an ONNX Runtime tensor (no copy on the JS side). */
export function toOrt(dtype: DType, data: AnyTypedArray, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor(ORT_TYPE[dtype], data as never, dims);
}
