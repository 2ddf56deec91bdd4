// A fine-tuned student as a value: it survives safetensors bytes and structured
// clone (another process), predicts the same there, and bad values are refused.
import { describe, expect, it } from 'vitest';
import { loadStudent } from './classifier.js';
import { TINY, orderTask, randomBase } from './testing.js';
import { trainFinetune } from './train.js';
import { decodeStudent, encodeStudent, validateStudent, type FinetunedStudent } from './value.js';

const base = randomBase(TINY, 0);
const data = orderTask(128, 1);
const trained = (layers: 1 | 'all') =>
  trainFinetune({ base: { config: TINY, theta: base }, tokens: data.tokens, targets: data.targets, numClasses: 2, seed: 0, config: { layers, epochs: 1, hidden: [8] } });

describe('round trip', () => {
  it('bytes → value → model predicts what the trained student predicted; only the trained part is stored', async () => {
    const c = await trained(1);
    const bytes = encodeStudent(c.value);
    const back = loadStudent(decodeStudent(bytes), base);
    expect(Array.from(await back.predict(data.tokens))).toEqual(Array.from(await c.predict(data.tokens)));
    expect(Object.keys(c.value.encoder).sort()).toEqual(expect.arrayContaining(['block1.attn.qkv.weight', 'ln_f.weight']));
    expect(Object.keys(c.value.encoder).some((n) => n.startsWith('block0.') || n.startsWith('tok.'))).toBe(false);
    expect(bytes.length).toBeLessThan(4 * c.theta.length);
  });

  it('a structured clone (what crosses a process boundary) loads and predicts the same', async () => {
    const c = await trained('all');
    const copy = structuredClone(c.value);
    expect(Array.from(await loadStudent(copy).predict(data.tokens))).toEqual(Array.from(await c.predict(data.tokens)));
  });
});

describe('validation', () => {
  it('refuses a non-finite weight, a wrong shape, a missing tensor, another kind, and the wrong base', async () => {
    const c = await trained(1);
    const v = (): FinetunedStudent => structuredClone(c.value);
    const nan = v();
    nan.head.params['fc0.weight'].data[3] = NaN;
    expect(() => validateStudent(nan)).toThrow(/"head.fc0.weight" holds NaN at 3/);
    const shape = v();
    shape.encoder['ln_f.weight'].shape = [3];
    expect(() => validateStudent(shape)).toThrow(/"encoder.ln_f.weight" has shape \[3\]/);
    const missing = v();
    delete missing.encoder['block1.ff2.bias'];
    expect(() => validateStudent(missing)).toThrow(/missing trained parameters: encoder.block1.ff2.bias/);
    expect(() => validateStudent({ ...v(), kind: 'probe' })).toThrow(/kind is "probe", expected "finetune"/);
    expect(() => loadStudent(v())).toThrow(/pass that encoder's weights as base/);
    expect(() => loadStudent(v(), randomBase(TINY, 1))).toThrow(/fingerprint .* the student was trained on/);
    expect(() => decodeStudent(new Uint8Array(16))).toThrow(/safetensors/);
  });
});
