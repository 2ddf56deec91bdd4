import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from './errors.js';
import { caught, tempDir, writeText } from './fixtures.js';
import { loadJsonl } from './jsonl.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, lines: string[]) => writeText(dir, name, lines.join('\n') + '\n');

describe('loadJsonl', () => {
  it('reads text examples and maps string labels to sorted class indices', () => {
    const p = file('ok.jsonl', [
      '{"text": "good movie", "label": "pos", "src": "a", "uid": "x1"}',
      '',
      '{"text": "bad movie", "label": "neg", "src": "b", "uid": "x2"}',
      '{"text": "fine", "label": "pos", "src": "a", "uid": "x3"}',
      '{"text": "awful", "label": "neg", "src": "b", "uid": "x4"}',
    ]);
    const ds = loadJsonl(p, { groupField: 'src', idField: 'uid' });
    expect(ds.name).toBe('ok');
    expect(ds.kind).toBe('text');
    expect(ds.classes).toEqual(['neg', 'pos']);
    expect(ds.examples.map((e) => [e.id, e.text, e.label, e.group])).toEqual([
      ['x1', 'good movie', 1, 'a'],
      ['x2', 'bad movie', 0, 'b'],
      ['x3', 'fine', 1, 'a'],
      ['x4', 'awful', 0, 'b'],
    ]);
  });

  it('keeps numeric labels in numeric order and names custom fields', () => {
    const p = file('num.jsonl', ['{"body": "a", "y": 10}', '{"body": "b", "y": 2}', '{"body": "c", "y": 2}', '{"body": "d", "y": 10.0}', '{"body": "e", "y": "2"}']);
    const ds = loadJsonl(p, { textField: 'body', labelField: 'y' });
    expect(ds.classes).toEqual(['2', '10']);
    expect(ds.examples.map((e) => e.label)).toEqual([1, 0, 0, 1, 0]);
    expect(ds.examples.map((e) => e.id)).toEqual(['num-0', 'num-1', 'num-2', 'num-3', 'num-4']);
  });

  it('reads feature arrays into Float32Array', () => {
    const p = file('feat.jsonl', ['{"x": [1, 2.5], "label": true}', '{"x": [3, 4], "label": false}', '{"x": [5, 6], "label": "True"}', '{"x": [7, 8], "label": "false"}']);
    const ds = loadJsonl(p, { featuresField: 'x' });
    expect(ds.kind).toBe('features');
    expect(ds.featureDim).toBe(2);
    expect(ds.classes).toEqual(['false', 'true']);
    expect(Array.from(ds.examples[0].features!)).toEqual([1, 2.5]);
    expect(ds.examples[0].label).toBe(1);
  });

  it('reports a malformed line with its 1-based line number', async () => {
    const p = file('bad.jsonl', ['{"text": "a", "label": 0}', '{"text": "b", "label": 1}', '{"text": "c", label: 1}']);
    const err = await caught(() => loadJsonl(p));
    expect(err).toBeInstanceOf(DataError);
    expect(err.file).toBe(p);
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/bad\.jsonl, line 3: malformed JSON/);
    expect(err.message).toMatch(/fix or remove this line/);
  });

  it('rejects a line that is not an object', async () => {
    const err = await caught(() => loadJsonl(file('arr.jsonl', ['{"text": "a", "label": 0}', '[1, 2]'])));
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/expected a JSON object/);
  });

  it('names a missing field and lists the fields the line has', async () => {
    const p = file('missing.jsonl', ['{"text": "a", "label": 0}', '{"txt": "b", "label": 1, "meta": 3}']);
    const err = await caught(() => loadJsonl(p));
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/missing field 'text'/);
    expect(err.message).toMatch(/has fields: txt, label, meta/);
    expect(err.message).toMatch(/--text-field/);
  });

  it('rejects a file with only one class', async () => {
    const err = await caught(() => loadJsonl(file('one.jsonl', ['{"text": "a", "label": "x"}', '{"text": "b", "label": "x"}'])));
    expect(err.message).toMatch(/only one class \('x'\)/);
    expect(err.message).toMatch(/at least 2 classes/);
  });

  it('rejects an empty file', async () => {
    const err = await caught(() => loadJsonl(writeText(dir, 'empty.jsonl', '\n\n')));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/no data rows/);
  });

  it('names row and column of NaN features (bare NaN as Python writes it)', async () => {
    const p = file('nan.jsonl', ['{"x": [1, 2], "label": 0}', '{"x": [1, NaN], "label": 1}']);
    const err = await caught(() => loadJsonl(p, { featuresField: 'x' }));
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/'x'\[1\] \(column 1\) is NaN/);
  });

  it('rejects Infinity, ragged features, fractional labels and duplicate ids', async () => {
    const inf = await caught(() => loadJsonl(file('inf.jsonl', ['{"x": [-Infinity], "label": 0}']), { featuresField: 'x' }));
    expect(inf.message).toMatch(/is -Infinity/);
    const ragged = await caught(() => loadJsonl(file('rag.jsonl', ['{"x": [1, 2], "label": 0}', '{"x": [1], "label": 1}']), { featuresField: 'x' }));
    expect(ragged.line).toBe(2);
    expect(ragged.message).toMatch(/1 features but earlier rows have 2/);
    const frac = await caught(() => loadJsonl(file('frac.jsonl', ['{"text": "a", "label": 0.5}'])));
    expect(frac.message).toMatch(/0\.5, a fractional number; w2s does classification.*--label-type string/);
    const dup = await caught(() =>
      loadJsonl(file('dup.jsonl', ['{"text": "a", "label": 0, "id": 7}', '{"text": "b", "label": 1, "id": 7}']), { idField: 'id' }),
    );
    expect(dup.line).toBe(2);
    expect(dup.message).toMatch(/id '7' repeats \(first at line 1\)/);
  });
});
