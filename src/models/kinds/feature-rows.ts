import { createHash } from 'node:crypto';
import type { Dataset } from '../../tasks/index.js';

/** The dataset's feature vectors as one row-major matrix [examples, dim]. */
export function featureMatrix(ds: Dataset): { data: Float32Array; dim: number; rows: number } {
  const dim = ds.featureDim ?? ds.examples[0]?.features?.length ?? 0;
  const rows = ds.examples.length;
  const data = new Float32Array(rows * dim);
  ds.examples.forEach((e, i) => data.set(e.features!, i * dim));
  return { data, dim, rows };
}

/** SHA-256 of a float matrix's bytes. */
export function matrixHash(a: Float32Array): string {
  return createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
}
