/** `--weak-labels` and `--weak-features` checked before a run writes anything: errors exit 2 with the file and line. */
import type { Example } from '../tasks/types.js';
import type { Dataset } from '../tasks/index.js';
import { loadSource, type DataSource } from '../protocol/data.js';
import { otherModelFeatures } from '../protocol/features.js';
import { fileSupervisor } from '../supervisors/index.js';
import { UsageError } from './errors.js';

/** The parts of a run's splits that need weak labels (weak_train does not: its supervisor is trained there). */
type LabelledParts = Partial<Record<'transfer' | 'val' | 'test' | 'ood_test', Example[]>>;

/** Every example any seed's transfer, val or test needs is in the file, and every label names a class. */
export async function checkWeakLabels(path: string, ds: Dataset, splits: readonly LabelledParts[]): Promise<void> {
  const needed = new Map<string, Example>();
  for (const s of splits) for (const part of [s.transfer, s.val, s.test, s.ood_test]) for (const e of part ?? []) needed.set(e.id, e);
  await fileSupervisor(path).label([...needed.values()].map((e) => ({ id: e.id })), ds.classes);
}

/** The weak model's features line up row for row with the data file (all its rows, before --limit). */
export async function checkWeakFeatures(path: string, ds: Dataset, source: DataSource): Promise<void> {
  if (ds.kind !== 'features') {
    throw new UsageError('--weak-features applies to feature-matrix data (.npy, .safetensors, or --features-field); for text data use --weak MODEL or --weak-labels FILE');
  }
  const fileRows = source.limit ? (await loadSource({ ...source, limit: undefined })).examples.length : ds.examples.length;
  otherModelFeatures(path, ds.examples.length, fileRows);
}
