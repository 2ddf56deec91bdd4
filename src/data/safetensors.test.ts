import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from './errors.js';
import { caught, safetensorsBytes, tempDir, writeText } from './fixtures.js';
import { loadSafetensors, parseSafetensors, readTensor } from './safetensors.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const features = { dtype: 'F32', shape: [4, 2], data: [1, 2, 3, 4, 5, 6, 7, 8] };
const labels = { dtype: 'I64', shape: [4], data: [0, 1, 1, 0] };

describe('parseSafetensors', () => {
  it('reads the header and tensors of each dtype', () => {
    const st = parseSafetensors(
      safetensorsBytes({ a: { dtype: 'F64', shape: [2], data: [0.25, -1] }, b: { dtype: 'U8', shape: [2], data: [7, 9] } }, { note: 'x' }),
      'f.safetensors',
    );
    expect([...st.tensors.keys()]).toEqual(['a', 'b']);
    expect(st.metadata).toEqual({ note: 'x' });
    expect(Array.from(readTensor(st, 'a', 'f'))).toEqual([0.25, -1]);
    expect(Array.from(readTensor(st, 'b', 'f'))).toEqual([7, 9]);
  });

  it('rejects a header length past the end, bad JSON and out-of-range offsets', async () => {
    const good = safetensorsBytes({ features });
    const long = good.slice();
    new DataView(long.buffer).setBigUint64(0, 10_000n, true);
    expect((await caught(() => parseSafetensors(long, 'f'))).message).toMatch(/header length 10000 exceeds the file size/);
    const badJson = good.slice();
    badJson[8] = 0x21; // '!' where '{' was
    expect((await caught(() => parseSafetensors(badJson, 'f'))).message).toMatch(/header is not valid JSON/);
    expect((await caught(() => parseSafetensors(good.subarray(0, good.length - 4), 'f'))).message).toMatch(/tensor 'features' ends at byte 32 but the data section has 28 bytes; the file is truncated/);
    expect((await caught(() => parseSafetensors(new Uint8Array(0), 'f'))).message).toMatch(/the file is empty/);
  });
});

/** A safetensors file with a hand-written header and `dataBytes` zero bytes of data. */
function raw(header: Record<string, unknown>, dataBytes: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

describe('parseSafetensors tiling', () => {
  const t = (dtype: string, shape: number[], offsets: unknown[]) => ({ dtype, shape, data_offsets: offsets });
  it('refuses tensors whose bytes overlap, naming both', async () => {
    const err = await caught(() => parseSafetensors(raw({ a: t('F32', [4], [0, 16]), b: t('F32', [2], [8, 16]) }, 16), 'o.safetensors'));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/tensors 'a' and 'b' overlap \(bytes \[8, 16\) of the data\)/);
  });

  it('refuses gaps, trailing bytes, ranges past the end, and sizes that disagree with the shape', async () => {
    const cases: [Uint8Array, RegExp][] = [
      [raw({ a: t('F32', [1], [4, 8]) }, 8), /bytes \[0, 4\) of the data belong to no tensor/],
      [raw({ a: t('F32', [1], [0, 4]) }, 8), /4 bytes past the last tensor \('a'\)/],
      [raw({ a: t('F32', [4], [0, 16]) }, 8), /tensor 'a' ends at byte 16 but the data section has 8 bytes/],
      [raw({ a: t('F32', [3], [0, 8]) }, 8), /tensor 'a' spans 8 bytes but shape \[3\] of F32 needs 12/],
      [raw({ a: t('F32', [-2], [0, 8]) }, 8), /shape \[-2\]; dimensions must be non-negative integers/],
      [raw({ a: t('F32', [2], ['0', 8]) }, 8), /data_offsets \["0",8\]; they must be integers/],
      [raw({ a: t('F32', [2], [8, 0]) }, 8), /they must be integers 0 <= begin <= end/],
      [raw({ a: { dtype: 'F32', shape: [2] } }, 8), /malformed header entry/],
      [raw({ __metadata__: { n: 3 }, a: t('F32', [2], [0, 8]) }, 8), /__metadata__ must map names to strings/],
    ];
    for (const [bytes, msg] of cases) {
      const err = await caught(() => parseSafetensors(bytes, 'g.safetensors'));
      expect(err).toBeInstanceOf(DataError);
      expect(err.message).toMatch(msg);
    }
  });

  it('refuses a tensor listed twice in the header (JSON would keep only the last)', async () => {
    const json = '{"a": {"dtype": "U8", "shape": [1], "data_offsets": [0, 1]}, "a": {"dtype": "U8", "shape": [1], "data_offsets": [1, 2]}}';
    const bytes = new Uint8Array(8 + json.length + 2);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
    bytes.set(new TextEncoder().encode(json), 8);
    expect((await caught(() => parseSafetensors(bytes, 'd.safetensors'))).message).toMatch(/tensor 'a' is listed twice in the header/);
  });

  it('accepts tensors in any header order that tile the data, and unaligned offsets (read byte-wise)', () => {
    const st = parseSafetensors(safetensorsBytes({ u: { dtype: 'U8', shape: [3], data: [1, 2, 3] }, f: { dtype: 'F64', shape: [1], data: [0.5] } }), 'a');
    expect(st.tensors.get('f')!.offsets).toEqual([3, 11]);
    expect(Array.from(readTensor(st, 'f', 'a'))).toEqual([0.5]);
  });
});

describe('loadSafetensors', () => {
  it('loads features and labels tensors', () => {
    const p = writeText(dir, 'emb.safetensors', safetensorsBytes({ features, labels }));
    const ds = loadSafetensors(p);
    expect(ds.kind).toBe('features');
    expect(ds.featureDim).toBe(2);
    expect(ds.classes).toEqual(['0', '1']);
    expect(ds.examples.map((e) => e.label)).toEqual([0, 1, 1, 0]);
    expect(Array.from(ds.examples[1].features!)).toEqual([3, 4]);
  });

  it('uses configured tensor names and class names from metadata', () => {
    const p = writeText(dir, 'named.safetensors', safetensorsBytes({ X: features, y: labels }, { classes: '["neg", "pos"]' }));
    const ds = loadSafetensors(p, { featuresField: 'X', labelField: 'y' });
    expect(ds.classes).toEqual(['neg', 'pos']);
    expect(ds.examples.map((e) => e.label)).toEqual([0, 1, 1, 0]);
  });

  it('lists the tensors when one is missing', async () => {
    const p = writeText(dir, 'nolab.safetensors', safetensorsBytes({ features }));
    const err = await caught(() => loadSafetensors(p));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/no labels tensor 'labels'; tensors: features\. Pass --label-field NAME or --labels FILE/);
    const q = writeText(dir, 'nofeat.safetensors', safetensorsBytes({ emb: features, labels }));
    expect((await caught(() => loadSafetensors(q))).message).toMatch(/no features tensor 'features'; tensors: emb, labels/);
  });

  it('rejects unsupported dtypes, NaN, byte-size mismatches and a single class', async () => {
    const c = writeText(dir, 'q4.safetensors', safetensorsBytes({ features: { ...features, dtype: 'Q4_0' }, labels }));
    expect((await caught(() => loadSafetensors(c))).message).toMatch(/unsupported dtype Q4_0/);
    const nan = writeText(dir, 'nan.safetensors', safetensorsBytes({ features: { ...features, data: [1, 2, 3, NaN, 5, 6, 7, 8] }, labels }));
    const err = await caught(() => loadSafetensors(nan));
    expect(err.row).toBe(1);
    expect(err.message).toMatch(/feature column 1 .* is NaN/);
    const wrong = writeText(dir, 'wrong.safetensors', safetensorsBytes({ features: { ...features, shape: [4, 3] }, labels }));
    expect((await caught(() => loadSafetensors(wrong))).message).toMatch(/spans 32 bytes but shape \[4, 3\] of F32 needs 48/);
    const one = writeText(dir, 'one.safetensors', safetensorsBytes({ features, labels: { ...labels, data: [2, 2, 2, 2] } }));
    expect((await caught(() => loadSafetensors(one))).message).toMatch(/only one class/);
  });
});
