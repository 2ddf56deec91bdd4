import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from './errors.js';
import { caught, npyBytes, tempDir, writeNpy, writeText } from './fixtures.js';
import { loadNpy, parseNpy } from './npy.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseNpy', () => {
  it('parses <f4, <f8, >f8, <i8 and <U arrays with their shapes', () => {
    const f4 = parseNpy(npyBytes('<f4', [2, 3], [1, 2, 3, 4, 5, 6.5]), 'a.npy');
    expect(f4.shape).toEqual([2, 3]);
    expect(Array.from(f4.numbers!)).toEqual([1, 2, 3, 4, 5, 6.5]);
    expect(Array.from(parseNpy(npyBytes('<f8', [2], [0.1, -2]), 'b.npy').numbers!)).toEqual([0.1, -2]);
    expect(Array.from(parseNpy(npyBytes('>f8', [2], [0.1, -2]), 'c.npy').numbers!)).toEqual([0.1, -2]);
    expect(Array.from(parseNpy(npyBytes('<i8', [3], [5, 0, -7]), 'd.npy').numbers!)).toEqual([5, 0, -7]);
    const u = parseNpy(npyBytes('<U5', [3], ['ham', 'spam', 'x']), 'e.npy');
    expect(u.strings).toEqual(['ham', 'spam', 'x']);
    expect(u.shape).toEqual([3]);
  });

  it('rejects bad magic, unsupported dtypes, Fortran order and truncated data', async () => {
    expect((await caught(() => parseNpy(new TextEncoder().encode('hello world!'), 'x.npy'))).message).toMatch(/missing the \\x93NUMPY magic/);
    expect((await caught(() => parseNpy(new Uint8Array(0), 'x.npy'))).message).toMatch(/the file is empty/);
    const c8 = await caught(() => parseNpy(npyBytes('<c8', [1], []), 'x.npy'));
    expect(c8).toBeInstanceOf(DataError);
    expect(c8.message).toMatch(/unsupported dtype '<c8'/);
    expect(c8.message).toMatch(/astype/);
    expect((await caught(() => parseNpy(npyBytes('<f4', [2, 2], [1, 2, 3, 4], true), 'x.npy'))).message).toMatch(/Fortran order.*ascontiguousarray/);
    const full = npyBytes('<f4', [4], [1, 2, 3, 4]);
    const cut = await caught(() => parseNpy(full.subarray(0, full.length - 3), 'x.npy'));
    expect(cut.message).toMatch(/the data is truncated: shape \(4\) of dtype '<f4' needs 16 bytes after the header, the file has 13/);
  });
});

/** A .npy file whose header says `header` (numpy's dict text) followed by `dataBytes` zero bytes. */
function withHeader(header: string, dataBytes: number): Uint8Array {
  const text = header + ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + text.length + dataBytes);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, text.length, true);
  out.set(new TextEncoder().encode(text), 10);
  return out;
}

describe('parseNpy shape checks', () => {
  it('refuses negative, fractional, malformed and overflowing dimensions before allocating', async () => {
    const cases: [string, RegExp][] = [
      ["(2, -3)", /shape \(2, -3\) must be non-negative integers/],
      ["(2.5,)", /shape \(2\.5,\) must be non-negative integers/],
      ["(2,,3)", /shape \(2,,3\) must be non-negative integers/],
      ["(99999999999, 99999999999)", /is too large for any file/],
    ];
    for (const [shape, msg] of cases) {
      const err = await caught(() => parseNpy(withHeader(`{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`, 24), 'x.npy'));
      expect(err).toBeInstanceOf(DataError);
      expect(err.message).toMatch(msg);
    }
  });

  it('refuses a header whose padding is damaged (numpy would not read it either)', async () => {
    const good = npyBytes('<i8', [2], [0, 1]);
    const bad = good.slice();
    bad[bad.indexOf(0x0a) - 3] = 0x28; // '(' in the space padding
    expect((await caught(() => parseNpy(bad, 'x.npy'))).message).toMatch(/is not numpy's header dict followed by space padding/);
    expect(Array.from(parseNpy(good, 'x.npy').numbers!)).toEqual([0, 1]);
  });

  it('refuses data longer than the shape (a header that disagrees with the data)', async () => {
    const extra = withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 12);
    expect((await caught(() => parseNpy(extra, 'x.npy'))).message).toMatch(/the file has bytes past the data: shape \(2\) of dtype '<f4' needs 8 bytes/);
  });

  it('refuses structured and unknown dtypes, and code points outside Unicode in U arrays', async () => {
    const structured = withHeader("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", 4);
    expect((await caught(() => parseNpy(structured, 'x.npy'))).message).toMatch(/structured dtypes are not supported/);
    const f16 = withHeader("{'descr': '<f16', 'fortran_order': False, 'shape': (1,), }", 16);
    expect((await caught(() => parseNpy(f16, 'x.npy'))).message).toMatch(/unsupported dtype '<f16'/);
    const u = withHeader("{'descr': '<U1', 'fortran_order': False, 'shape': (1,), }", 4);
    new DataView(u.buffer).setUint32(u.length - 4, 0x110000, true);
    expect((await caught(() => parseNpy(u, 'x.npy'))).message).toMatch(/element 0 holds 0x110000 .* not a Unicode code point/);
  });

  it('reads bool labels as the classes false and true', () => {
    const x = writeNpy(join(dir, 'xb.npy'), '<f4', [4, 1], [1, 2, 3, 4]);
    const y = writeText(dir, 'yb.npy', npyBytes('|b1', [4], [1, 0, 0, 1]));
    expect(loadNpy(x, { labelsPath: y }).classes).toEqual(['false', 'true']);
  });
});

describe('loadNpy', () => {
  it('loads a feature matrix with labels from --labels (.npy strings)', () => {
    const x = writeNpy(join(dir, 'x.npy'), '<f4', [4, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    const y = writeNpy(join(dir, 'y.npy'), '<U4', [4], ['spam', 'ham', 'spam', 'ham']);
    const ds = loadNpy(x, { labelsPath: y });
    expect(ds.kind).toBe('features');
    expect(ds.featureDim).toBe(2);
    expect(ds.classes).toEqual(['ham', 'spam']);
    expect(ds.examples.map((e) => e.label)).toEqual([1, 0, 1, 0]);
    expect(Array.from(ds.examples[2].features!)).toEqual([5, 6]);
    expect(ds.examples[2].id).toBe('x-2');
  });

  it('finds a sibling labels file and accepts JSON and text labels', () => {
    const sub = join(dir, 'sib');
    rmSync(sub, { recursive: true, force: true });
    const x = writeNpy(join(tempDirIn(sub), 'emb.npy'), '<f8', [4, 1], [0.5, 1.5, 2.5, 3.5]);
    writeNpy(join(sub, 'emb.labels.npy'), '<i8', [4], [1, 0, 0, 1]);
    expect(loadNpy(x).examples.map((e) => e.label)).toEqual([1, 0, 0, 1]);
    const json = writeText(dir, 'labels.json', '["b", "a", "a", "b"]');
    expect(loadNpy(x, { labelsPath: json }).classes).toEqual(['a', 'b']);
    const txt = writeText(dir, 'labels.txt', 'yes\nno\nno\nyes\n');
    expect(loadNpy(x, { labelsPath: txt }).examples.map((e) => e.label)).toEqual([1, 0, 0, 1]);
  });

  it('explains how to give labels when none are found', async () => {
    const x = writeNpy(join(dir, 'lonely.npy'), '<f4', [2, 1], [1, 2]);
    const err = await caught(() => loadNpy(x));
    expect(err.message).toMatch(/no labels: pass --labels FILE/);
  });

  it('names row and column of NaN and Infinity', async () => {
    const y = writeNpy(join(dir, 'y2.npy'), '<i8', [4], [0, 1, 0, 1]);
    const x = writeNpy(join(dir, 'nan.npy'), '<f4', [4, 2], [1, 2, 3, 4, 5, NaN, 7, 8]);
    const err = await caught(() => loadNpy(x, { labelsPath: y }));
    expect(err).toBeInstanceOf(DataError);
    expect(err.row).toBe(2);
    expect(err.message).toMatch(/nan\.npy, row 2: feature column 1 .* is NaN/);
    const xi = writeNpy(join(dir, 'inf.npy'), '<f8', [4, 1], [1, Infinity, 2, 3]);
    expect((await caught(() => loadNpy(xi, { labelsPath: y }))).message).toMatch(/row 1: feature column 0 .* is Infinity/);
  });

  it('rejects wrong shapes, label count mismatch, one class and fractional labels', async () => {
    const y = writeNpy(join(dir, 'y3.npy'), '<i8', [2], [0, 1]);
    const oneD = writeNpy(join(dir, 'oned.npy'), '<f4', [2], [1, 2]);
    expect((await caught(() => loadNpy(oneD, { labelsPath: y }))).message).toMatch(/must be a 2-D numeric array.*shape \(2\)/);
    const x3 = writeNpy(join(dir, 'x3.npy'), '<f4', [3, 1], [1, 2, 3]);
    expect((await caught(() => loadNpy(x3, { labelsPath: y }))).message).toMatch(/has 2 labels but .* has 3 rows/);
    const same = writeNpy(join(dir, 'same.npy'), '<i8', [3], [4, 4, 4]);
    expect((await caught(() => loadNpy(x3, { labelsPath: same }))).message).toMatch(/only one class \('4'\)/);
    const frac = writeNpy(join(dir, 'frac.npy'), '<f4', [3], [0, 0.5, 1]);
    const err = await caught(() => loadNpy(x3, { labelsPath: frac }));
    expect(err.row).toBe(1);
    expect(err.message).toMatch(/0\.5, a fractional number/);
  });
});

function tempDirIn(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
