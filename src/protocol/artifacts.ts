import { join } from 'node:path';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from '../engine/index.js';
import { readSealed, writeSealed } from '../util/sealed.js';

/**
 * Predictions cached by config hash (weak labels, ceilings), so that every
 * method and every rerun with the same data, model, seed and probe reuse them.
 * Each file is sealed with the cache's key: one that does not verify is
 * recomputed, with a warning.
 */
export async function cachedPredictions(
  cacheDir: string,
  kind: 'weak' | 'ceiling' | 'reference',
  key: string,
  compute: () => Promise<Record<string, Float32Array>>,
  warn?: (m: string) => void,
): Promise<{ probs: Record<string, Float32Array>; cached: boolean }> {
  const path = join(cacheDir, kind, `${key}.safetensors`);
  const bytes = readSealed(cacheDir, path, warn);
  if (bytes) {
    const { tensors } = decodeSafetensors(new Uint8Array(bytes), path);
    return { probs: Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, t.data as Float32Array])), cached: true };
  }
  const probs = await compute();
  const tensors: Record<string, NamedTensor> = {};
  for (const [k, v] of Object.entries(probs)) tensors[k] = { dtype: 'F32', shape: [v.length], data: v };
  writeSealed(cacheDir, path, encodeSafetensors(tensors));
  return { probs, cached: false };
}
