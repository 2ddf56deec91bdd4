import { describe, expect, it } from 'vitest';
import { DataError } from './errors.js';
import { caught } from './fixtures.js';
import { decodeUtf8, firstInvalidUtf8 } from './utf8.js';
import { Rng } from '../util/rng.js';

describe('decodeUtf8', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeUtf8(new TextEncoder().encode('\uFEFFcafé 🙂\n'), 'f')).toBe('café 🙂\n');
  });

  it('names the byte offset and line of the first invalid byte and how to fix it', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"a": 1}\n{"b": "caf'), 0xe9, ...new TextEncoder().encode('"}\n')]);
    const err = await caught(() => decodeUtf8(bytes, 'latin1.jsonl'));
    expect(err).toBeInstanceOf(DataError);
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/latin1\.jsonl, line 2: invalid UTF-8 at byte 19 \(0xe9\); save the file as UTF-8/);
    const utf16 = await caught(() => decodeUtf8(new Uint8Array([0xff, 0xfe, 0x41, 0x00]), 'w.csv'));
    expect(utf16.message).toMatch(/looks like UTF-16/);
  });

  it('finds the first invalid byte exactly where a strict decoder stops (random bytes)', () => {
    const rng = new Rng(5);
    const strict = new TextDecoder('utf-8', { fatal: true });
    const pieces = [[0x41], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x99, 0x82], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82]];
    for (let t = 0; t < 2000; t++) {
      const bytes = Uint8Array.from(Array.from({ length: 1 + Math.floor(rng.next() * 6) }, () => pieces[Math.floor(rng.next() * pieces.length)]).flat());
      const at = firstInvalidUtf8(bytes);
      let valid = true;
      try {
        strict.decode(bytes);
      } catch {
        valid = false;
      }
      expect(at === bytes.length).toBe(valid);
      if (!valid) {
        expect(() => strict.decode(bytes.subarray(0, at))).not.toThrow();
      }
    }
  });
});
