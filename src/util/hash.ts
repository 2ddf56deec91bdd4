/**
 * Canonical JSON and config hashes: the same config, whatever its key order,
 * gives the same string and the same hash, so a hash names a run or an artifact.
 */
import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level. Follows JSON.stringify for
 * `toJSON` (e.g. Date), for undefined-valued properties (left out) and for
 * undefined array entries (null). Throws, naming the path, on values JSON would
 * lose or mangle silently: non-finite numbers, bigint, functions, symbols, Map,
 * Set, typed arrays, and cycles.
 */
export function stableStringify(value: unknown): string {
  const out = encode(value, '$', new Set());
  if (out === undefined) throw new Error(`stableStringify: the value itself is ${typeof value}, which has no JSON form`);
  return out;
}

/** First 16 hex chars of the SHA-256 of `stableStringify(value)`. */
export function configHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex').slice(0, 16);
}

function encode(value: unknown, path: string, ancestors: Set<object>): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`stableStringify: ${path} is ${value}; JSON has no form for it`);
      return JSON.stringify(value);
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new Error(`stableStringify: ${path} is a ${typeof value}; convert it to a string or number first`);
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (obj instanceof Map || obj instanceof Set || ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) {
    throw new Error(`stableStringify: ${path} is a ${obj.constructor.name}; convert it to a plain array or object first`);
  }
  if (ancestors.has(obj)) throw new Error(`stableStringify: ${path} refers back to one of its ancestors (a cycle)`);
  ancestors.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = `[${obj.map((v, i) => encode(v, `${path}[${i}]`, ancestors) ?? 'null').join(',')}]`;
  } else {
    const parts: string[] = [];
    for (const key of Object.keys(obj).sort()) {
      const v = encode((obj as Record<string, unknown>)[key], `${path}.${key}`, ancestors);
      if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
    }
    out = `{${parts.join(',')}}`;
  }
  ancestors.delete(obj);
  return out;
}
