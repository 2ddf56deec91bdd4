import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { regexLF } from '../methods/labeling-functions.js';
import { DataError } from '../data/errors.js';
import { fileSupervisor, rulesSupervisor } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-supervisors-'));
const file = (name: string, lines: string[]) => {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n'));
  return p;
};

describe('fileSupervisor', () => {
  it('reads probabilities, or a label with its confidence spread over the other classes', async () => {
    const p = file('ok.jsonl', ['{"id": "a", "probs": [0.25, 0.75]}', '{"id": "b", "label": "ham", "confidence": 0.9}', '{"id": 7, "label": 1}']);
    const probs = await fileSupervisor(p).label([{ id: 'b' }, { id: 'a' }, { id: '7' }], ['ham', 'spam']);
    expect(Array.from(probs)).toEqual([0.8999999761581421, 0.10000000149011612, 0.25, 0.75, 0, 1]);
  });
  it('names the file and line of bad input, and the examples it cannot label', async () => {
    const bad = async (lines: string[], msg: RegExp) => expect(fileSupervisor(file(`bad${Math.random()}.jsonl`, lines)).label([{ id: 'a' }], ['x', 'y'])).rejects.toThrow(msg);
    await bad(['{"id": "a", "probs": [0.2, 0.8]', ''], /line 1: malformed JSON/);
    await bad(['{"probs": [0.2, 0.8]}'], /line 1: missing "id"/);
    await bad(['{"id": "a", "probs": [0.5, 0.6]}'], /summing to 1/);
    await bad(['{"id": "a", "label": "z"}'], /label "z" is not one of the classes x, y/);
    await bad(['{"id": "a", "label": "x"}', '{"id": "a", "label": "y"}'], /line 2: example id 'a' is on line 1 and again here/);
    await bad(['{"id": "b", "label": "x"}'], /no weak label for 1 of 1 examples \(e\.g\. a\)/);
  });
});

describe('fileSupervisor labels compared as the data compares them', () => {
  const probs = async (lines: string[], classes: string[], ids = ['a']) => Array.from(await fileSupervisor(file(`v${Math.random()}.jsonl`, lines)).label(ids.map((id) => ({ id })), classes));
  it('matches integer classes by value: 1, 1.0 and "1" are class 1, never an index', async () => {
    const classes = ['1', '2', '3'];
    for (const label of ['1', '1.0', '"1"', '"1.0"']) expect(await probs([`{"id": "a", "label": ${label}}`], classes)).toEqual([1, 0, 0]);
    await expect(probs(['{"id": "a", "label": 0}'], classes)).rejects.toThrow(/label 0 is not one of the classes 1, 2, 3/);
    await expect(probs(['{"id": "a", "label": 1.5}'], classes)).rejects.toThrow(/line 1: label 1\.5 is not one of the classes 1, 2, 3; the data's labels are integers/);
    await expect(probs(['{"id": "a", "label": "one"}'], classes)).rejects.toThrow(/label "one" is not one of the classes 1, 2, 3/);
  });
  it('matches the classes false/true by any boolean spelling', async () => {
    expect(await probs(['{"id": "a", "label": "True"}'], ['false', 'true'])).toEqual([0, 1]);
  });
  it('suggests the class a case variant meant', async () => {
    await expect(probs(['{"id": "a", "label": "Spam"}'], ['ham', 'spam'])).rejects.toThrow(/label "Spam" is not one of the classes ham, spam \(did you mean 'spam'\?/);
  });
  it('refuses loose values JSON coercion would accept, and both probs and label', async () => {
    const bad = (line: string, msg: RegExp) => expect(probs([line], ['x', 'y'])).rejects.toThrow(msg);
    await bad('{"id": "a", "probs": [null, 1]}', /"probs" must be an array of non-negative numbers/);
    await bad('{"id": "a", "probs": ["0.5", "0.5"]}', /"probs" must be an array of non-negative numbers/);
    await bad('{"id": "a", "probs": [0.2, 0.3, 0.5]}', /3 probabilities for 2 classes/);
    await bad('{"id": "a", "label": "x", "confidence": "0.9"}', /"confidence" must be a number in \[0, 1\]/);
    await bad('{"id": "a", "label": "x", "confidence": NaN}', /"confidence" must be a number in \[0, 1\]/);
    await bad('{"id": "a", "label": "x", "probs": [0.5, 0.5]}', /has both "probs" and "label"/);
    await bad('{"id": "a", "label": ""}', /label 'label' is empty/);
    await bad('{"id": "a", "label": "x", "label": "y"}', /key 'label' appears twice/);
  });
  it('errors are DataErrors naming the file and line; invalid UTF-8 is located', async () => {
    const p = join(dir, 'latin1.jsonl');
    writeFileSync(p, Buffer.from([...Buffer.from('{"id": "a", "label": "x"}\n{"id": "b", "label": "caf'), 0xe9, ...Buffer.from('"}\n')]));
    const err = await fileSupervisor(p).label([{ id: 'a' }], ['x', 'y']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).message).toMatch(/latin1\.jsonl, line 2: invalid UTF-8 at byte 51/);
    const missing = await fileSupervisor(join(dir, 'nope.jsonl')).label([{ id: 'a' }], ['x', 'y']).catch((e: unknown) => e);
    expect((missing as DataError).message).toMatch(/file not found; check the path \(--weak-labels\)/);
  });
});

describe('rulesSupervisor', () => {
  it('turns votes and abstentions into smoothed vote shares', async () => {
    const s = rulesSupervisor('toy', [regexLF('money', /\$\$\$/, 1), regexLF('free', /free/i, 1), regexLF('meeting', /meeting/, 0)], 0.5);
    const p = await s.label([{ id: '1', text: 'FREE $$$' }, { id: '2', text: 'meeting at noon' }, { id: '3', text: 'hello' }], ['ham', 'spam']);
    expect(Array.from(p).map((x) => +x.toFixed(3))).toEqual([0.167, 0.833, 0.75, 0.25, 0.5, 0.5]);
  });
});
