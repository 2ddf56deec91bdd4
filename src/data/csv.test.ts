import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCsv } from './csv.js';
import { DataError } from './errors.js';
import { caught, tempDir, writeText } from './fixtures.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadCsv', () => {
  it('reads quoted multi-line fields, and numeric-string labels by value (1.0 is 1, 1e1 is 10)', () => {
    const p = writeText(dir, 'ok.csv', 'text,label,src\n"hello, world",1,a\n"two\nlines",0,b\n\nplain,10,a\nx,1.0,b\ny,00,a\nz,1e1,b\n');
    const ds = loadCsv(p, { groupField: 'src' });
    expect(ds.classes).toEqual(['0', '1', '10']);
    expect(ds.examples.map((e) => [e.text, e.label, e.group])).toEqual([
      ['hello, world', 1, 'a'],
      ['two\nlines', 0, 'b'],
      ['plain', 2, 'a'],
      ['x', 1, 'b'],
      ['y', 0, 'a'],
      ['z', 2, 'b'],
    ]);
  });

  it('reads tab-separated files and feature columns by prefix', () => {
    const p = writeText(dir, 'feat.tsv', 'f0\tf1\tlabel\n1\t2\tcat\n3\t4.5\tdog\n5\t6\tcat\n7\t8\tdog\n');
    const ds = loadCsv(p, { featuresField: 'f*' });
    expect(ds.kind).toBe('features');
    expect(ds.featureDim).toBe(2);
    expect(Array.from(ds.examples[1].features!)).toEqual([3, 4.5]);
    expect(ds.classes).toEqual(['cat', 'dog']);
  });

  it('reads a features column holding a list of numbers', () => {
    const p = writeText(dir, 'vec.csv', 'vec,label\n"[1, 2]",a\n3 4,b\n5;6,a\n7 8,b\n');
    const ds = loadCsv(p, { featuresField: 'vec' });
    expect(ds.examples.map((e) => Array.from(e.features!))).toEqual([[1, 2], [3, 4], [5, 6], [7, 8]]);
  });

  it('names the line and the fields present when a column is missing', async () => {
    const p = writeText(dir, 'nolabel.csv', 'text,y\na,1\nb,0\n');
    const err = await caught(() => loadCsv(p));
    expect(err).toBeInstanceOf(DataError);
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/nolabel\.csv, line 2: missing field 'label'; this line has fields: text, y/);
    expect(err.message).toMatch(/--label-field/);
  });

  it('reports an empty label on its own line (line numbers count a multi-line record from its start)', async () => {
    const p = writeText(dir, 'empty-label.csv', 'text,label\n"x\ny",1\nb,\n');
    const err = await caught(() => loadCsv(p));
    expect(err.line).toBe(4);
    expect(err.message).toMatch(/label 'label' is empty/);
  });

  it('reports malformed CSV with its line', async () => {
    const p = writeText(dir, 'ragged.csv', 'text,label\na,1\nb,0,extra\n');
    const err = await caught(() => loadCsv(p));
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/invalid CSV/);
    expect(err.message).toMatch(/as many fields as the header/);
  });

  it('rejects empty files, header-only files, repeated headers, one class, and NaN features', async () => {
    expect((await caught(() => loadCsv(writeText(dir, 'empty.csv', '')))).message).toMatch(/the file is empty/);
    expect((await caught(() => loadCsv(writeText(dir, 'header.csv', 'text,label\n')))).message).toMatch(/no data rows/);
    const rep = await caught(() => loadCsv(writeText(dir, 'rep.csv', 'text,text,label\na,b,1\n')));
    expect(rep.message).toMatch(/repeats column 'text'/);
    expect((await caught(() => loadCsv(writeText(dir, 'one.csv', 'text,label\na,1\nb,1\n')))).message).toMatch(/only one class \('1'\)/);
    const nan = await caught(() => loadCsv(writeText(dir, 'nan.csv', 'f0,f1,label\n1,2,a\n3,nan,b\n'), { featuresField: 'f*' }));
    expect(nan.line).toBe(3);
    expect(nan.message).toMatch(/column 'f1' \(column 1\) is NaN/);
    const word = await caught(() => loadCsv(writeText(dir, 'word.csv', 'f0,label\nabc,a\n'), { featuresField: 'f*' }));
    expect(word.message).toMatch(/"abc", not a number/);
  });
});
