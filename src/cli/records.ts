/** Stored runs, with predictions, for summaries and reports. */
import { existsSync } from 'node:fs';
import { getRun, listRuns, openStore, type RunRecord, type Store } from '../store/index.js';
import { UsageError } from './errors.js';

/** Opens an existing store; a missing file is a usage error, not a new empty store. */
export function openExistingStore(path: string): Store {
  if (path !== ':memory:' && !existsSync(path)) throw new UsageError(`no results store at ${path}; run \`w2s run\` or \`w2s sweep\` first, or pass --store PATH`);
  return openStore(path);
}

/**
 * Runs matching any of the given tasks and methods (all when a list is empty),
 * oldest first; with `runKeys`, only those runs, in that order (e.g. a sweep's grid order).
 */
export function loadRecords(store: Store, filter: { tasks?: string[]; methods?: string[]; runKeys?: string[] } = {}): RunRecord[] {
  const order = filter.runKeys ? new Map(filter.runKeys.map((k, i) => [k, i])) : undefined;
  const runs = listRuns(store).filter(
    (r) => (!filter.tasks?.length || filter.tasks.includes(r.task)) && (!filter.methods?.length || filter.methods.includes(r.method)) && (!order || order.has(r.runKey)),
  );
  if (order) runs.sort((a, b) => order.get(a.runKey)! - order.get(b.runKey)!);
  return runs.map((r) => getRun(store, r.runKey)!);
}
