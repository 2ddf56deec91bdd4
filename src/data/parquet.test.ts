import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from './errors.js';
import { caught, tempDir, writeText } from './fixtures.js';
import { loadParquet } from './parquet.js';
import { parquetBytes } from './parquet-writer.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadParquet', () => {
  it('reads text, int64 labels and groups', async () => {
    const p = writeText(dir, 'ok.parquet', parquetBytes([
      { name: 'text', type: 'string', values: ['alpha', 'beta', 'gamma', 'delta'] },
      { name: 'label', type: 'int64', values: [1, 0, 1, 0] },
      { name: 'src', type: 'string', values: ['x', 'y', 'x', 'y'] },
    ]));
    const ds = await loadParquet(p, { groupField: 'src' });
    expect(ds.kind).toBe('text');
    expect(ds.classes).toEqual(['0', '1']);
    expect(ds.examples.map((e) => [e.id, e.text, e.label, e.group])).toEqual([
      ['ok-0', 'alpha', 1, 'x'],
      ['ok-1', 'beta', 0, 'y'],
      ['ok-2', 'gamma', 1, 'x'],
      ['ok-3', 'delta', 0, 'y'],
    ]);
  });

  it('reads list<float> feature columns', async () => {
    const p = writeText(dir, 'feat.parquet', parquetBytes([
      { name: 'emb', type: 'float_list', values: [[0.5, 1], [2, 3], [4, 5], [6, 7]] },
      { name: 'label', type: 'string', values: ['a', 'b', 'a', 'b'] },
    ]));
    const ds = await loadParquet(p, { featuresField: 'emb' });
    expect(ds.kind).toBe('features');
    expect(ds.featureDim).toBe(2);
    expect(Array.from(ds.examples[0].features!)).toEqual([0.5, 1]);
    expect(ds.examples.map((e) => e.label)).toEqual([0, 1, 0, 1]);
  });

  it('treats a null cell as a missing field and names the row', async () => {
    const p = writeText(dir, 'null.parquet', parquetBytes([
      { name: 'text', type: 'string', values: ['a', null, 'c'], optional: true },
      { name: 'label', type: 'int32', values: [0, 1, 0] },
    ]));
    const err = await caught(() => loadParquet(p));
    expect(err).toBeInstanceOf(DataError);
    expect(err.row).toBe(1);
    expect(err.message).toMatch(/null\.parquet, row 1: missing field 'text'; this row has fields: label/);
  });

  it('names row and column of non-finite feature columns', async () => {
    const p = writeText(dir, 'nan.parquet', parquetBytes([
      { name: 'f0', type: 'double', values: [1, 2] },
      { name: 'f1', type: 'double', values: [3, Infinity] },
      { name: 'label', type: 'int32', values: [0, 1] },
    ]));
    const err = await caught(() => loadParquet(p, { featuresField: 'f*' }));
    expect(err.row).toBe(1);
    expect(err.message).toMatch(/column 'f1' \(column 1\) is Infinity/);
  });

  it('rejects empty and non-Parquet files with a fix', async () => {
    expect((await caught(() => loadParquet(writeText(dir, 'empty.parquet', '')))).message).toMatch(/the file is empty/);
    const bad = await caught(() => loadParquet(writeText(dir, 'bad.parquet', 'text,label\na,1\n')));
    expect(bad.message).toMatch(/cannot read as Parquet/);
    expect(bad.message).toMatch(/to_parquet/);
  });

  it('rejects a single-class file', async () => {
    const p = writeText(dir, 'one.parquet', parquetBytes([
      { name: 'text', type: 'string', values: ['a', 'b'] },
      { name: 'label', type: 'string', values: ['spam', 'spam'] },
    ]));
    expect((await caught(() => loadParquet(p))).message).toMatch(/only one class \('spam'\)/);
  });
});
