import { existsSync } from 'node:fs';
import { dirname, extname, join, basename } from 'node:path';
import type { Dataset } from '../tasks/types.js';
import { DataError } from './errors.js';
import { classify } from './classes.js';
import type { UserDataOptions } from './options.js';
import { datasetName } from './rows.js';
import { parseNpy } from './npy-format.js';
import { readInput } from './read.js';
import { decodeUtf8 } from './utf8.js';

export { parseNpy, type NpyArray } from './npy-format.js';

/** A .npy feature matrix (rows × features) with labels from `opts.labelsPath` or a sibling file. */
export function loadNpy(file: string, opts: UserDataOptions = {}): Dataset {
  const arr = parseNpy(readInput(file), file);
  if (!arr.numbers || arr.shape.length !== 2) {
    throw new DataError(
      file,
      `features must be a 2-D numeric array (rows, features); got dtype '${arr.descr}' with shape (${arr.shape.join(', ')}). ` +
        'Reshape with a.reshape(len(a), -1)',
    );
  }
  const [n, d] = arr.shape;
  if (n === 0 || d === 0) throw new DataError(file, `the array is empty (shape (${n}, ${d})); it needs at least one row and one feature`);
  const labelsFile = opts.labelsPath ?? findSiblingLabels(file);
  const rawLabels = readLabelsFile(labelsFile);
  if (rawLabels.length !== n) {
    throw new DataError(labelsFile, `has ${rawLabels.length} labels but ${file} has ${n} rows; they must match one to one`);
  }
  return featuresDataset(file, opts, arr.numbers, n, d, rawLabels, labelsFile);
}

/** Build a features Dataset from a row-major matrix, checking every value is finite. */
export function featuresDataset(
  file: string,
  opts: UserDataOptions,
  values: ArrayLike<number>,
  n: number,
  d: number,
  rawLabels: readonly unknown[],
  labelsFile: string,
  givenClasses?: readonly string[],
): Dataset {
  const name = datasetName(file, opts);
  const { classes, labels } = classify(rawLabels, labelsFile, { field: 'label', type: opts.labelType, given: givenClasses, whereOf: (i) => ({ row: i }) });
  const examples = [];
  for (let i = 0; i < n; i++) {
    const features = new Float32Array(d);
    for (let j = 0; j < d; j++) {
      const v = values[i * d + j];
      if (!Number.isFinite(v)) {
        throw new DataError(file, `feature column ${j} (rows and columns count from 0) is ${v}; features must be finite: impute or drop that row`, { row: i });
      }
      features[j] = v;
    }
    examples.push({ id: `${name}-${i}`, features, label: labels[i] });
  }
  return {
    name,
    classes,
    kind: 'features',
    featureDim: d,
    examples,
    description: `user features from ${file} (labels ${labelsFile}): ${n} examples × ${d} features, classes ${classes.join(', ')}`,
  };
}

function findSiblingLabels(file: string): string {
  const stem = basename(file, extname(file));
  const dir = dirname(file);
  const candidates = [`${stem}.labels.npy`, `${stem}_labels.npy`, `${stem}.labels.json`, 'labels.npy'].map((c) => join(dir, c));
  const found = candidates.find((c) => c !== file && existsSync(c));
  if (!found) {
    throw new DataError(file, `no labels: pass --labels FILE (.npy, .json or .txt), or put them beside it as ${candidates.map((c) => basename(c)).join(' or ')}`);
  }
  return found;
}

/** Labels from .npy (1-D, or (n, 1)), .json (an array) or text (one label per line). */
export function readLabelsFile(path: string): unknown[] {
  if (!existsSync(path)) throw new DataError(path, 'labels file not found; check the --labels path');
  const ext = extname(path).toLowerCase();
  if (ext === '.npy') {
    const arr = parseNpy(readInput(path, '--labels'), path);
    if (!(arr.shape.length === 1 || (arr.shape.length === 2 && arr.shape[1] === 1))) {
      throw new DataError(path, `labels must be 1-D (one per row); got shape (${arr.shape.join(', ')})`);
    }
    if (arr.strings) return arr.strings;
    return arr.boolean ? Array.from(arr.numbers!, (v) => v !== 0) : Array.from(arr.numbers!);
  }
  const text = decodeUtf8(readInput(path, '--labels'), path);
  if (ext === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new DataError(path, `malformed JSON (${err instanceof Error ? err.message : String(err)}); expected an array of labels`);
    }
    if (!Array.isArray(parsed)) throw new DataError(path, 'expected a JSON array of labels, one per row');
    return parsed;
  }
  const lines = text.split('\n').map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
