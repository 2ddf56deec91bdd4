import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
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

/**
 * What identifies a run's data: the task, or the user's file by its content
 * (an edited file makes new splits, weak labels, ceilings and run keys), with
 * the options that read it.
 */
export function dataKey(src: DataSource): string {
  return configHash({ task: src.task ?? null, data: src.data ?? null, content: src.data ? fileDigest(src.data) : null, opts: src.dataOptions ?? {}, limit: src.limit ?? null });
}

const digests = new Map<string, { stamp: string; digest: string }>();

/** sha256 of a file's bytes, remembered while its size and modification time stay the same. */
export function fileDigest(path: string): string {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 'missing';
  }
  const stamp = `${st.size}:${st.mtimeMs}`;
  const hit = digests.get(path);
  if (hit?.stamp === stamp) return hit.digest;
  const digest = createHash('sha256').update(readFileSync(path)).digest('hex');
  digests.set(path, { stamp, digest });
  return digest;
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
