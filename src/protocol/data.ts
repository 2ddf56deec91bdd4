import { loadUserData, type UserDataOptions } from '../data/index.js';
import { loadTask, type Dataset } from '../tasks/index.js';
import { configHash } from '../util/hash.js';

/** Where a run's examples come from: a built-in task or a user's file. */
export interface DataSource {
  task?: string;
  data?: string;
  dataOptions?: Partial<UserDataOptions>;
  /** Cap on the number of examples (a deterministic subset). */
  limit?: number;
}

const cache = new Map<string, Promise<Dataset>>();

export function dataKey(src: DataSource): string {
  return configHash({ task: src.task ?? null, data: src.data ?? null, opts: src.dataOptions ?? {}, limit: src.limit ?? null });
}

export function loadSource(src: DataSource): Promise<Dataset> {
  if (!src.task === !src.data) throw new Error('give exactly one of --task NAME or --data FILE');
  const key = dataKey(src);
  let p = cache.get(key);
  if (!p) {
    p = src.task ? loadTask(src.task, { limit: src.limit }) : loadUserData(src.data!, src.dataOptions as UserDataOptions).then((ds) => limitDataset(ds, src.limit));
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

function limitDataset(ds: Dataset, limit?: number): Dataset {
  if (!limit || ds.examples.length <= limit) return ds;
  return { ...ds, examples: ds.examples.slice(0, limit) };
}

/** A short name for cache paths and reports. */
export function sourceName(src: DataSource): string {
  if (src.task) return src.task;
  const base = (src.data ?? 'data').split('/').pop() ?? 'data';
  return base.replace(/[^A-Za-z0-9_.-]/g, '_');
}
