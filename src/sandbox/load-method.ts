import { pathToFileURL } from 'node:url';
import type { Method } from '../contract/types.js';
import type { MethodMeta, MethodSpec } from '../contract/view.js';
import { getMethod } from '../methods/index.js';

/** The method a spec names: a registered one, or the default export of a bundled method file. */
export async function loadMethodSpec(spec: MethodSpec): Promise<Method> {
  if (spec.kind === 'builtin') return getMethod(spec.name);
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(spec.bundle).href);
  } catch (e) {
    throw new Error(`cannot load method file ${spec.source}: ${(e as Error).message}`);
  }
  const m = (mod.default ?? mod.method) as Method | undefined;
  if (!m || typeof m !== 'object' || typeof m.run !== 'function' || typeof m.name !== 'string') {
    throw new Error(`${spec.source} must export a method (export default { name, description, params, run }) — see docs/methods.md and src/methods/TEMPLATE.ts`);
  }
  return m;
}

/** What the host needs to know of a method before it runs, as plain data. */
export function describeMethod(m: Method): MethodMeta {
  return {
    name: m.name,
    description: String(m.description ?? ''),
    params: (Array.isArray(m.params) ? m.params : []).map((p) => ({ name: p.name, type: p.type, default: p.default, description: String(p.description ?? '') })),
    extraSupervisors: m.extraSupervisors === true,
  };
}
