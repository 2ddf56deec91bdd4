import { describe, expect, it } from 'vitest';
import { DataError } from './errors.js';
import { caught } from './fixtures.js';
import { parseJsonObject } from './json-object.js';

const parse = (s: string) => parseJsonObject(s, 'd.jsonl', { line: 4 });

describe('parseJsonObject', () => {
  it('reads an object and keeps nested duplicate-looking text alone', () => {
    expect(parse('{"text": "label: \\"x\\", NaN", "label": 1, "meta": {"label": 2}}')).toEqual({ text: 'label: "x", NaN', label: 1, meta: { label: 2 } });
  });

  it('refuses a key that appears twice (JSON.parse would keep the last silently)', async () => {
    const err = await caught(() => parse('{"text": "a", "label": "spam", "label": "ham"}'));
    expect(err).toBeInstanceOf(DataError);
    expect(err.line).toBe(4);
    expect(err.message).toMatch(/key 'label' appears twice in this object/);
    expect((await caught(() => parse('{"l\\u0061bel": 1, "label": 2}'))).message).toMatch(/key 'label' appears twice/);
  });

  it('reads bare NaN and Infinity as Python writes them, outside strings only', () => {
    const o = parse('{"x": [1, NaN, -Infinity], "y": Infinity, "s": "NaN"}');
    expect(o.x).toEqual([1, NaN, -Infinity]);
    expect(o.y).toBe(Infinity);
    expect(o.s).toBe('NaN');
  });

  it('names malformed JSON and values that are not objects', async () => {
    expect((await caught(() => parse('{"text": "a", label: 1}'))).message).toMatch(/d\.jsonl, line 4: malformed JSON/);
    expect((await caught(() => parse('[1, 2]'))).message).toMatch(/expected a JSON object/);
    expect((await caught(() => parse('{"x": NaNa}'))).message).toMatch(/malformed JSON/);
  });
});
