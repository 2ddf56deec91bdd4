import type { MethodMeta } from '../../contract/view.js';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const TYPES = new Set(['number', 'string', 'boolean']);

/** What a method process says of its method, checked field by field (it comes from untrusted code). */
export function checkMeta(v: unknown): MethodMeta {
  const fail = (why: string): never => {
    throw new Error(`the method's declaration is invalid: ${why}`);
  };
  if (!v || typeof v !== 'object') fail('not an object');
  const m = v as Record<string, unknown>;
  if (typeof m.name !== 'string' || !NAME.test(m.name)) fail(`name must be 1–64 letters, digits, '_', '.' or '-', got ${JSON.stringify(m.name)}`);
  if (!Array.isArray(m.params) || m.params.length > 100) fail('params must be a list of at most 100 parameters');
  const params = (m.params as unknown[]).map((p, i) => {
    const q = p as Record<string, unknown>;
    if (!q || typeof q.name !== 'string' || !NAME.test(q.name)) fail(`parameter ${i} has no valid name`);
    if (!TYPES.has(q.type as string)) fail(`parameter ${String(q.name)} has type ${JSON.stringify(q.type)} (number, string or boolean)`);
    if (typeof q.default !== q.type) fail(`parameter ${String(q.name)}'s default is not a ${String(q.type)}`);
    return { name: q.name as string, type: q.type as 'number' | 'string' | 'boolean', default: q.default as number | string | boolean, description: String(q.description ?? '').slice(0, 500) };
  });
  return { name: m.name as string, description: String(m.description ?? '').slice(0, 500), params, extraSupervisors: m.extraSupervisors === true };
}
