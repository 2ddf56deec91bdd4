import { describe, expect, it } from 'vitest';
import { MLP } from '../engine/index.js';
import { trainFinetune, weightsFingerprint, type FinetunedStudent } from '../models/finetune/index.js';
import { TINY, orderTask, randomBase } from '../models/finetune/testing.js';
import { checkStudentValue } from './student-value.js';

const value = (over: Record<string, unknown> = {}) => {
  const sizes = [4, 3, 2];
  return { kind: 'probe', sizes, numClasses: 2, theta: new Float32Array(new MLP(sizes).numParams()), mean: new Float32Array(4), scale: new Float32Array(4).fill(1), ...over };
};
const expectRun = { dim: 4, numClasses: 2 };

describe('checkStudentValue (what the host accepts from a method process)', () => {
  it('accepts a probe that fits the run, as a fresh typed value', () => {
    const v = value();
    const checked = checkStudentValue(v, expectRun);
    expect(checked.kind === 'probe' && checked.sizes).toEqual([4, 3, 2]);
    expect(checked.kind === 'probe' && checked.theta).toBe(v.theta);
  });

  it.each([
    ['another kind', { kind: 'finetune' }, /its kind is "finetune", and this run's students are probes/],
    ['another input width', { sizes: [5, 2] }, /input width 5 is not the strong features' dimension 4/],
    ['fewer outputs than classes', { sizes: [4, 1] }, /1 outputs for 2 classes/],
    ['another number of classes', { numClasses: 3 }, /numClasses 3 is not the task's 2/],
    ['weights of the wrong length', { theta: new Float32Array(3) }, /theta has 3 values, expected 23/],
    ['a non-finite weight', { theta: new Float32Array(23).fill(Number.NaN) }, /theta\[0\] is not finite/],
    ['weights that are not a Float32Array', { theta: Array(23).fill(0) }, /theta must be a Float32Array/],
    ['a layer too wide to allocate', { sizes: [4, 16384, 16384, 2] }, /more than the \d+ a student may have/],
    ['fractional widths', { sizes: [4, 2.5, 2] }, /layer widths must be positive integers/],
  ])('refuses %s', (_what, over, why) => {
    expect(() => checkStudentValue(value(over), expectRun)).toThrow(why);
  });

  it('refuses a probe or a ladder student where the run fine-tunes an hf: encoder', () => {
    expect(() => checkStudentValue(value(), { ...expectRun, hf: { onnx: new Uint8Array(8), source: 'model.onnx' } })).toThrow(/its kind is "probe", and this run's students are fine-tuned hf: encoders/);
  });

  it('refuses what is not an object at all', () => {
    expect(() => checkStudentValue(null, expectRun)).toThrow(/not an object/);
  });
});

describe('checkStudentValue for fine-tuned students', () => {
  const base = { config: TINY, theta: randomBase(TINY, 1) };
  const expectFt = { dim: 3 * TINY.dim, numClasses: 2, finetune: { base, fingerprint: weightsFingerprint(base.theta) } };
  let trained: FinetunedStudent;
  const student = async (layers: 'all' | number = 1) => {
    const task = orderTask(24, 3);
    return (await trainFinetune({ base, tokens: task.tokens, targets: task.targets, numClasses: 2, seed: 0, config: { layers, epochs: 1, batchSize: 8 } })).value;
  };
  const mutate = (over: (v: FinetunedStudent) => unknown) => over(structuredClone(trained));

  it('accepts a student fine-tuned from the strong encoder (top layers or all of it)', async () => {
    trained = await student(1);
    expect(checkStudentValue(trained, expectFt).kind).toBe('finetune');
    expect(checkStudentValue(await student('all'), expectFt).kind).toBe('finetune');
  });

  it.each([
    ['a probe in a fine-tuning run', () => value(), /its kind is "probe", and this run's students are fine-tuned encoders/],
    ['another encoder width', () => mutate((v) => ({ ...v, config: { ...v.config, encoder: { ...v.config.encoder, dim: 32 } } })), /config.encoder.dim is 32, the strong encoder's is 16/],
    ['frozen layers from other weights', () => mutate((v) => ({ ...v, config: { ...v.config, base: 'feedfacefeedface' } })), /frozen layers come from encoder weights feedfacefeedface/],
    ['a head too big to allocate', () => mutate((v) => ({ ...v, config: { ...v.config, hidden: [16384, 16384] } })), /more than the \d+ a student may have/],
    ['another number of classes', () => mutate((v) => ({ ...v, config: { ...v.config, numClasses: 3, outputs: 3 } })), /numClasses 3 is not the task's 2/],
    ['a non-finite weight', () => mutate((v) => { Object.values(v.encoder)[0].data[0] = Number.NaN; return v; }), /holds NaN at 0/],
    ['a missing tensor', () => mutate((v) => { delete v.encoder[Object.keys(v.encoder)[0]]; return v; }), /missing trained parameters/],
  ])('refuses %s', (_what, make, why) => {
    expect(() => checkStudentValue(make(), expectFt)).toThrow(why);
  });
});
