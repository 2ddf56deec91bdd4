/**
 * User data: load a JSONL, CSV/TSV, Parquet, .npy or safetensors file into a Dataset.
 * Bad input stops with a DataError naming the file, the line or row, and the fix.
 */
import { extname } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { Dataset } from '../tasks/types.js';
import { loadCsv } from './csv.js';
import { DataError } from './errors.js';
import { LABEL_TYPES } from './labels.js';
import { loadJsonl } from './jsonl.js';
import { loadNpy } from './npy.js';
import type { UserDataOptions } from './options.js';
import { loadParquet } from './parquet.js';
import { loadSafetensors } from './safetensors.js';

export { DataError } from './errors.js';
export type { UserDataOptions } from './options.js';
export { LABEL_TYPES, type LabelType } from './labels.js';
export { loadCsv } from './csv.js';
export { loadJsonl } from './jsonl.js';
export { loadNpy, parseNpy, readLabelsFile, type NpyArray } from './npy.js';
export { loadParquet } from './parquet.js';
export { loadSafetensors, parseSafetensors, readTensor } from './safetensors.js';

type Loader = (file: string, opts: UserDataOptions) => Dataset | Promise<Dataset>;

/** File extension → loader. Adding a format = one file + one line here. */
const LOADERS: Record<string, Loader> = {
  '.jsonl': loadJsonl,
  '.ndjson': loadJsonl,
  '.csv': loadCsv,
  '.tsv': loadCsv,
  '.parquet': loadParquet,
  '.npy': loadNpy,
  '.safetensors': loadSafetensors,
};

export const USER_DATA_EXTENSIONS = Object.keys(LOADERS);

export async function loadUserData(file: string, opts: UserDataOptions = {}): Promise<Dataset> {
  if (!existsSync(file)) throw new DataError(file, 'file not found; check the path');
  if (!statSync(file).isFile()) throw new DataError(file, 'is not a regular file');
  if (opts.labelType !== undefined && !LABEL_TYPES.includes(opts.labelType)) {
    throw new DataError(file, `label type '${String(opts.labelType)}' is not one of ${LABEL_TYPES.join(', ')}`);
  }
  const ext = extname(file).toLowerCase();
  const loader = LOADERS[ext];
  if (!loader) {
    throw new DataError(file, `unsupported extension '${ext || '(none)'}'; use one of ${USER_DATA_EXTENSIONS.join(', ')}`);
  }
  return loader(file, opts);
}
export { loadFeatureMatrix } from './feature-matrix.js';
