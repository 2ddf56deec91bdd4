import { DataError, loadFeatureMatrix } from '../../data/index.js';
import { configHash } from '../../util/hash.js';
import { fileDigest } from './file-digest.js';
import { matrixHash } from './feature-rows.js';
import { registerModelKind, type FileSpec, type ModelFeatures } from './registry.js';

/**
 * Another model's features of the same examples, row for row (e.g. the weak model's embeddings).
 * `fileRows`, when known, is the number of examples in the data file before --limit: the matrix
 * must have exactly that many rows (more or fewer means the rows do not line up).
 */
export function fileFeatures(path: string, n: number, fileRows?: number): ModelFeatures {
  const m = loadFeatureMatrix(path);
  const want = fileRows ?? n;
  if (m.rows < n || (fileRows !== undefined && m.rows !== fileRows)) {
    throw new DataError(path, `${m.rows} rows of features for ${want} examples; it must hold one row per example of the data file, in the data file's order (--weak-features)`);
  }
  const features = m.data.subarray(0, n * m.dim);
  return { features, dim: m.dim, params: m.dim, key: configHash({ model: 'file', content: matrixHash(features) }) };
}

/** Features from a file (.npy/.safetensors), one row per example: `--weak-features FILE` is `--weak file:FILE`. */
registerModelKind<FileSpec>({
  kind: 'file',
  syntax: 'file:PATH',
  example: 'file:alexnet.npy',
  description: "another model's features of the same rows (.npy, .safetensors; --weak-features)",
  data: ['features'],
  finetunable: false,
  claims: (name) => name.startsWith('file:'),
  parse: (name) => {
    const path = name.slice('file:'.length);
    if (!path) throw new Error('no path after file:');
    return { kind: 'file', path };
  },
  name: (s) => `file:${s.path}`,
  contentKey: (s) => ({ file: fileDigest(s.path) }),
  features: async (s, ctx) => fileFeatures(s.path, ctx.ds.examples.length),
});
