import type { Dataset, TaskDefinition, TaskLoadOptions } from './types.js';

/** Tasks by name. Built-ins register themselves when `index.ts` imports them. */
const tasks = new Map<string, TaskDefinition>();

const NAME_RE = /^[a-z][a-z0-9_-]*$/;

export function registerTask(def: TaskDefinition): void {
  if (!NAME_RE.test(def.name)) {
    throw new Error(`task name '${def.name}' is invalid: use lower-case letters, digits, '-' or '_', starting with a letter`);
  }
  if (tasks.has(def.name)) {
    throw new Error(`task '${def.name}' is already registered; pick another name`);
  }
  tasks.set(def.name, def);
}

export function getTask(name: string): TaskDefinition {
  const def = tasks.get(name);
  if (!def) {
    const known = [...tasks.keys()].sort();
    throw new Error(
      `unknown task '${name}'; known tasks: ${known.length ? known.join(', ') : '(none registered)'}`,
    );
  }
  return def;
}

/** Every registered task, sorted by name. */
export function listTasks(): TaskDefinition[] {
  return [...tasks.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `getTask(name).load(opts)`, checking that the loader kept its own promises. */
export async function loadTask(name: string, opts?: TaskLoadOptions): Promise<Dataset> {
  const def = getTask(name);
  const ds = await def.load(opts);
  if (ds.kind !== def.kind) throw new Error(`task '${name}' declares kind '${def.kind}' but loaded '${ds.kind}'`);
  return ds;
}
