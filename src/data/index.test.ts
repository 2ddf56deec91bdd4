import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caught, safetensorsBytes, tempDir, writeNpy, writeText } from './fixtures.js';
import { DataError, loadUserData } from './index.js';
import { parquetBytes } from './parquet-writer.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadUserData', () => {
  it('dispatches on the extension and returns the same dataset for every tabular format', async () => {
    const jsonl = writeText(dir, 'd.jsonl', '{"t": "a", "y": "no"}\n{"t": "b", "y": "yes"}\n{"t": "c", "y": "no"}\n{"t": "d", "y": "yes"}\n');
    const csv = writeText(dir, 'd.csv', 't,y\na,no\nb,yes\nc,no\nd,yes\n');
    const parquet = writeText(dir, 'd.parquet', parquetBytes([
      { name: 't', type: 'string', values: ['a', 'b', 'c', 'd'] },
      { name: 'y', type: 'string', values: ['no', 'yes', 'no', 'yes'] },
    ]));
    for (const p of [jsonl, csv, parquet]) {
      const ds = await loadUserData(p, { textField: 't', labelField: 'y' });
      expect(ds.name).toBe('d');
      expect(ds.classes).toEqual(['no', 'yes']);
      expect(ds.examples.map((e) => [e.text, e.label])).toEqual([['a', 0], ['b', 1], ['c', 0], ['d', 1]]);
    }
  });

  it('loads .npy and safetensors features', async () => {
    const x = writeNpy(join(dir, 'f.npy'), '<f4', [4, 1], [1, 2, 3, 4]);
    writeNpy(join(dir, 'f.labels.npy'), '<i8', [4], [0, 1, 1, 0]);
    expect((await loadUserData(x)).kind).toBe('features');
    const st = writeText(dir, 'f.safetensors', safetensorsBytes({
      features: { dtype: 'F32', shape: [4, 1], data: [1, 2, 3, 4] },
      labels: { dtype: 'I64', shape: [4], data: [1, 0, 0, 1] },
    }));
    expect((await loadUserData(st, { name: 'mine' })).name).toBe('mine');
  });

  it('rejects missing files and unknown extensions with the supported list', async () => {
    const missing = await caught(() => loadUserData(join(dir, 'nope.jsonl')));
    expect(missing).toBeInstanceOf(DataError);
    expect(missing.message).toMatch(/file not found/);
    const xlsx = await caught(() => loadUserData(writeText(dir, 'd.xlsx', 'x')));
    expect(xlsx.message).toMatch(/unsupported extension '\.xlsx'; use one of \.jsonl, .*\.csv, .*\.parquet, \.npy, \.safetensors/);
  });
});
