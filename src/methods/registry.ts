import type { Method, MethodParam, ParamValue } from '../contract/types.js';

const methods = new Map<string, Method>();

export function registerMethod(m: Method): Method {
  if (methods.has(m.name)) throw new Error(`method "${m.name}" is registered twice`);
  methods.set(m.name, m);
  return m;
}

export function getMethod(name: string): Method {
  const m = methods.get(name);
  if (!m) throw new Error(`unknown method "${name}"; available: ${[...methods.keys()].join(', ')} (see \`w2s methods\`), or pass a path to your own method file`);
  return m;
}

export function listMethods(): Method[] {
  return [...methods.values()];
}

/** Fills defaults and checks types of user-given method parameters. */
export function resolveParams(m: { name: string; params: readonly MethodParam[] }, given: Record<string, unknown> = {}): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const p of m.params) out[p.name] = p.default;
  for (const [k, v] of Object.entries(given)) {
    const p = m.params.find((q) => q.name === k);
    if (!p) throw new Error(`method ${m.name} has no parameter "${k}"; its parameters: ${m.params.map((q) => q.name).join(', ') || '(none)'}`);
    let val: unknown = v;
    if (p.type === 'number' && typeof v === 'string') val = Number(v);
    if (p.type === 'boolean' && typeof v === 'string') val = v === 'true' ? true : v === 'false' ? false : v;
    if (typeof val !== p.type || (p.type === 'number' && !Number.isFinite(val as number))) {
      throw new Error(`method ${m.name}: parameter ${k} must be a ${p.type}, got ${JSON.stringify(v)}`);
    }
    out[k] = val as ParamValue;
  }
  return out;
}
