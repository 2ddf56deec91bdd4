import { configHash } from '../../util/hash.js';
import { deriveRng } from '../../util/rng.js';
import { featureMatrix, matrixHash } from './feature-rows.js';
import { registerModelKind, type ProjSpec } from './registry.js';

/** x · W with W [dim, out] of N(0, 1/dim) entries from a generator seeded by the shapes: the same projection on every run. */
export function randomProjection(x: Float32Array, rows: number, dim: number, out: number): Float32Array {
  const rng = deriveRng(0, 'projection', dim, out);
  const w = Float32Array.from({ length: dim * out }, () => rng.normal() / Math.sqrt(dim));
  const proj = new Float32Array(rows * out);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < out; j++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += x[i * dim + d] * w[d * out + j];
      proj[i * out + j] = s;
    }
  }
  return proj;
}

/** A fixed random projection of the features to N dimensions: a deliberately weaker view (the weak model of feature data by default). */
registerModelKind<ProjSpec>({
  kind: 'proj',
  syntax: 'projN',
  example: 'proj8',
  description: 'a fixed random projection of your features to N dimensions',
  data: ['features'],
  finetunable: false,
  claims: (name) => /^proj/.test(name),
  parse: (name) => {
    const m = /^proj(\d+)$/.exec(name);
    const dim = m ? Number(m[1]) : NaN;
    if (!Number.isSafeInteger(dim) || dim < 1) throw new Error('N must be a positive integer');
    return { kind: 'proj', dim };
  },
  name: (s) => `proj${s.dim}`,
  features: async (s, ctx) => {
    const m = featureMatrix(ctx.ds);
    const proj = randomProjection(m.data, m.rows, m.dim, s.dim);
    return { features: proj, dim: s.dim, params: s.dim, key: configHash({ model: `proj${s.dim}`, content: matrixHash(m.data) }) };
  },
});
