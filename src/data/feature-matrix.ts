import { extname } from 'node:path';
import { DataError } from './errors.js';
import { parseNpy } from './npy.js';
import { readInput } from './read.js';
import { parseSafetensors, readTensor } from './safetensors.js';

/**
 * A 2-D feature matrix [rows, dim] from a .npy file or a safetensors file
 * (tensor `features` unless named), e.g. a weak model's embeddings of the same
 * examples (AlexNet next to DINO in OpenAI's vision setup).
 */
export function loadFeatureMatrix(file: string, tensor = 'features'): { data: Float32Array; rows: number; dim: number } {
  const buf = readInput(file, '--weak-features');
  let shape: number[];
  let values: Float64Array;
  const ext = extname(file).toLowerCase();
  if (ext === '.npy') {
    const a = parseNpy(buf, file);
    if (!a.numbers) throw new DataError(file, `holds ${a.descr} values; features must be numeric`);
    shape = a.shape;
    values = a.numbers;
  } else if (ext === '.safetensors') {
    const st = parseSafetensors(buf, file);
    values = readTensor(st, tensor, file);
    shape = st.tensors.get(tensor)!.shape;
  } else {
    throw new DataError(file, `feature matrices are .npy or .safetensors files, got ${ext || 'no extension'}`);
  }
  if (shape.length !== 2) throw new DataError(file, `features must be a 2-D [rows, dim] matrix, got shape [${shape}]`);
  const [rows, dim] = shape;
  if (rows === 0 || dim === 0) throw new DataError(file, `the feature matrix is empty (shape [${shape}]); it needs one row per example and at least one column`);
  const data = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new DataError(file, `row ${Math.floor(i / dim)}, column ${i % dim}: ${values[i]} is not a finite number; remove or impute it`);
    data[i] = values[i];
  }
  return { data, rows, dim };
}
