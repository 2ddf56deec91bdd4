import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getMethod, registerMethod } from '../methods/index.js';
import type { Method } from './types.js';

const loaded = new Map<string, Method>();

/** A registered method by name, or a user's method file (`./my-method.ts`) that exports it. */
export async function loadMethod(nameOrPath: string): Promise<Method> {
  if (!/[/\\]|\.(ts|mts|cts|js|mjs|cjs)$/.test(nameOrPath)) return getMethod(nameOrPath);
  const abs = resolve(nameOrPath);
  const hit = loaded.get(abs);
  if (hit) return hit;
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(abs).href);
  } catch (e) {
    throw new Error(`cannot load method file ${nameOrPath}: ${(e as Error).message}`);
  }
  const m = (mod.default ?? mod.method) as Method | undefined;
  if (!m || typeof m.run !== 'function' || typeof m.name !== 'string') {
    throw new Error(`${nameOrPath} must export a method (export default { name, description, params, run }) — see docs/methods.md and src/methods/TEMPLATE.ts`);
  }
  try {
    getMethod(m.name);
  } catch {
    registerMethod(m);
  }
  loaded.set(abs, m);
  return m;
}
