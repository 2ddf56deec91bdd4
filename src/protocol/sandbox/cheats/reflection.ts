import { cheat } from './cheat.js';

/**
 * Walks everything reachable from the context and from globalThis (own
 * properties, symbols, prototypes, Map and Set entries; getters on the
 * context), looking for an
 * integer array as long as the transfer pool that is not the method's own data.
 */
export default cheat('cheat_reflection', async (ctx) => {
  const n = ctx.transfer.ids.length;
  const seen = new Set<unknown>();
  const queue: unknown[] = [ctx, globalThis, process];
  let found: Int32Array | null = null;
  while (queue.length && seen.size < 200_000) {
    const v = queue.shift();
    if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Int32Array && v.length === n && !Object.values(ctx.transfer.aux ?? {}).some((a) => a.labels === v)) found = v;
    if (ArrayBuffer.isView(v)) continue;
    if (v instanceof Map) for (const [a, b] of v) queue.push(a, b);
    if (v instanceof Set) for (const a of v) queue.push(a);
    try {
      queue.push(Object.getPrototypeOf(v));
      for (const key of Reflect.ownKeys(v as object)) {
        const d = Object.getOwnPropertyDescriptor(v, key);
        if (d && 'value' in d) queue.push(d.value);
        else if (d?.get && v === ctx) queue.push(d.get.call(v));
      }
    } catch {
      // exotic objects
    }
  }
  return found;
});
