/** Sentences of the general corpus that built-in tasks draw examples from, kept out of pretraining. */
import { loadTask } from '../../tasks/index.js';

/**
 * The Brown sentences (`file:index`) of the pos task's examples at its
 * default size and seed — the dataset `--task pos` runs on. Example ids are
 * `file:sentence:word`.
 */
export async function posSentenceKeys(): Promise<Set<string>> {
  const ds = await loadTask('pos');
  return new Set(ds.examples.map((e) => e.id.slice(0, e.id.lastIndexOf(':'))));
}
