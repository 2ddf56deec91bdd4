import { describe, expect, it } from 'vitest';
import { classify } from './classes.js';
import { DataError } from './errors.js';
import { caught } from './fixtures.js';
import { decimalInteger, readLabel, type LabelType } from './labels.js';

const at = (i: number) => ({ line: i + 1 });
const run = (raw: unknown[], type?: LabelType, given?: string[]) => classify(raw, 'f.jsonl', { field: 'label', type, given, whereOf: at });
const names = (raw: unknown[], type?: LabelType) => {
  const { classes, labels } = run(raw, type);
  return Array.from(labels, (l) => classes[l]);
};

describe('label rule', () => {
  it('auto: numbers compare as values, whatever their spelling', () => {
    expect(names([1, 1.0, '1', '1.0', ' 01 ', '1e0', 0, '0.0', '-0', '+0'])).toEqual(['1', '1', '1', '1', '1', '1', '0', '0', '0', '0']);
    expect(run([10, 2, '10', 2]).classes).toEqual(['2', '10']);
    expect(run([-1, 1, -1, 1]).classes).toEqual(['-1', '1']);
    expect(names([5n, 5, 7n, '7'])).toEqual(['5', '5', '7', '7']);
  });

  it('auto: true/false in any case are the classes false and true, and other text is a name', () => {
    expect(names([true, 'TRUE', 'false', false])).toEqual(['true', 'true', 'false', 'false']);
    expect(run([true, false, true, false]).classes).toEqual(['false', 'true']);
    expect(names([' spam ', 'ham', 'spam', 'ham'])).toEqual(['spam', 'ham', 'spam', 'ham']);
  });

  it('auto refuses NaN, empty, fractional, oversized and mixed-kind labels, naming the line and the fix', async () => {
    const cases: [unknown[], RegExp, number | undefined][] = [
      [[0, 1, 'NaN', 1], /line 3: label 'label' is 'NaN' \(a missing value.*--label-type string/, 3],
      [[0, NaN, 1, 0], /line 2: label 'label' is NaN \(a missing value\)/, 2],
      [[0, 1, '', 1], /line 3: label 'label' is empty/, 3],
      [[0, null, 1, 1], /line 2: label 'label' is empty/, 2],
      [[0, 1, 0.5, 1], /line 3: label 'label' is 0\.5, a fractional number.*--label-type string/, 3],
      [['1.0000000000000001', 1, 0, 0], /line 1: .*fractional/, 1],
      [['12345678901234567890', 1, 1, 0], /line 1: .*too large to compare exactly/, 1],
      [[0, 1, 'spam', 0], /mixes kinds: a number '0' at line 1, a name 'spam' at line 3.*--label-type string/, undefined],
      [[true, 1, true, 1], /mixes kinds: a boolean 'true' at line 1, a number '1' at line 2/, undefined],
      [[[1], 1, 0, 0], /line 1: label 'label' is \[1\]; it must be a class name/, 1],
    ];
    for (const [raw, msg, line] of cases) {
      const err = await caught(() => run(raw));
      expect(err).toBeInstanceOf(DataError);
      expect(err.message).toMatch(msg);
      expect(err.line).toBe(line);
    }
  });

  it('number: every label is an integer value; names and booleans are refused', async () => {
    expect(names(['1', 1, '2.0', 2], 'number')).toEqual(['1', '1', '2', '2']);
    expect((await caught(() => run([1, 'spam', 1, 2], 'number'))).message).toMatch(/line 2: .*'spam', not a number/);
    expect((await caught(() => run([1, true, 1, 2], 'number'))).message).toMatch(/line 2: .*true, not a number; use 0\/1/);
  });

  it('string: each label is its trimmed text, so 1 and 1.0 are two classes and NaN or 0.5 are names', () => {
    expect(run(['1', '1.0', '1', '1.0'], 'string').classes).toEqual(['1', '1.0']);
    expect(run(['NaN', '0.5', 'NaN', '0.5'], 'string').classes).toEqual(['0.5', 'NaN']);
    expect(names([1, true, '1', 'true'], 'string')).toEqual(['1', 'true', '1', 'true']);
  });

  it('string still refuses a missing label', async () => {
    expect((await caught(() => run(['a', '  ', 'a', 'b'], 'string'))).message).toMatch(/line 2: label 'label' is empty/);
  });

  it('reads exact integers from decimal spellings', () => {
    expect(decimalInteger('1.0')).toBe(1n);
    expect(decimalInteger('1e3')).toBe(1000n);
    expect(decimalInteger('-2.50e1')).toBe(-25n);
    expect(decimalInteger('0.5')).toBe(null);
    expect(decimalInteger('1e-400')).toBe(null);
    expect(decimalInteger('0e99999')).toBe(0n);
    expect(decimalInteger('1e40')).toBe(undefined);
    expect(readLabel('  7 ', 'auto', 'f', 'y', {})).toEqual({ kind: 'number', value: 7 });
  });
});

describe('classify', () => {
  it('refuses class names that differ only in case or Unicode form, naming both lines', async () => {
    const err = await caught(() => run(['spam', 'ham', 'Spam', 'ham', 'spam']));
    expect(err.message).toMatch(/classes '(Spam|spam)' \(line \d\) and '(spam|Spam)' \(line \d\) differ only in case/);
    expect((await caught(() => run(['caf\u00e9', 'cafe\u0301', 'x', 'x', 'caf\u00e9', 'cafe\u0301']))).message).toMatch(/differ only in case or Unicode form/);
  });

  it('refuses a class with a single example, naming it and its line', async () => {
    const err = await caught(() => run(['a', 'b', 'a', 'c', 'b']));
    expect(err.message).toMatch(/class 'c' has a single example \(line 4\)/);
  });

  it('refuses fewer than two classes', async () => {
    expect((await caught(() => run(['x', 'x']))).message).toMatch(/only one class \('x'\)/);
  });

  it('with declared class names, integer labels index them and names must be among them', async () => {
    const given = ['neg', 'pos'];
    expect(run([0, 1, 1.0, 'neg'], 'auto', given).labels).toEqual(Int32Array.from([0, 1, 1, 0]));
    expect((await caught(() => run([0, 2, 1, 0], 'auto', given))).message).toMatch(/line 2: label '2' is not one of the 2 declared classes/);
    expect((await caught(() => run([0, 1, 1, 0], 'auto', ['a', 'a']))).message).toMatch(/class 'a' is declared twice/);
  });
});
