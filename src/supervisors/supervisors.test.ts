import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { regexLF } from '../methods/labeling-functions.js';
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

describe('rulesSupervisor', () => {
  it('turns votes and abstentions into smoothed vote shares', async () => {
    const s = rulesSupervisor('toy', [regexLF('money', /\$\$\$/, 1), regexLF('free', /free/i, 1), regexLF('meeting', /meeting/, 0)], 0.5);
    const p = await s.label([{ id: '1', text: 'FREE $$$' }, { id: '2', text: 'meeting at noon' }, { id: '3', text: 'hello' }], ['ham', 'spam']);
    expect(Array.from(p).map((x) => +x.toFixed(3))).toEqual([0.167, 0.833, 0.75, 0.25, 0.5, 0.5]);
  });
});
