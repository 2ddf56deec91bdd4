import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configHash, stableStringify } from './hash.js';

describe('stableStringify', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(stableStringify({ b: 1, a: { d: [3, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
    expect(stableStringify({ a: { c: 'x', d: [3, 1] }, b: 1 })).toBe(stableStringify({ b: 1, a: { d: [3, 1], c: 'x' } }));
  });
  it('follows JSON for undefined, null, Date and strings', () => {
    expect(stableStringify({ a: undefined, b: null, c: [undefined] })).toBe('{"b":null,"c":[null]}');
    expect(stableStringify(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
    expect(stableStringify('a"b')).toBe('"a\\"b"');
    expect(stableStringify([true, 0.5, -2])).toBe('[true,0.5,-2]');
  });
  it('throws, naming the path, on values JSON would mangle', () => {
    expect(() => stableStringify({ lr: NaN })).toThrow(/\$\.lr is NaN/);
    expect(() => stableStringify({ a: [1, Infinity] })).toThrow(/\$\.a\[1\]/);
    expect(() => stableStringify({ m: new Map() })).toThrow(/Map/);
    expect(() => stableStringify({ x: new Float32Array(2) })).toThrow(/Float32Array/);
    expect(() => stableStringify({ f: () => 1 })).toThrow(/function/);
    expect(() => stableStringify({ n: 1n })).toThrow(/bigint/);
    expect(() => stableStringify(undefined)).toThrow(/no JSON form/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => stableStringify(cyclic)).toThrow(/cycle/);
  });
  it('allows the same object twice when it is not a cycle', () => {
    const shared = { k: 1 };
    expect(stableStringify({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
  });
});

describe('configHash', () => {
  it('is the first 16 hex chars of sha256 of the canonical JSON', () => {
    const expected = createHash('sha256').update('{"a":1,"b":2}').digest('hex').slice(0, 16);
    expect(configHash({ b: 2, a: 1 })).toBe(expected);
    expect(configHash({ b: 2, a: 1 })).toMatch(/^[0-9a-f]{16}$/);
  });
  it('changes with any value, including the seed', () => {
    expect(configHash({ method: 'xent', seed: 1 })).not.toBe(configHash({ method: 'xent', seed: 2 }));
    expect(configHash({ method: 'xent', seed: 1 })).toBe(configHash({ seed: 1, method: 'xent' }));
  });
});
