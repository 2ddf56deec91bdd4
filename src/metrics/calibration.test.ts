import { describe, expect, it } from 'vitest';
import { calibrationCurve, ece } from './calibration.js';

// Top-class confidences 0.9 (right), 0.8 (wrong), 0.7 (right), 0.55 (wrong).
const probs = new Float64Array([0.9, 0.1, 0.2, 0.8, 0.3, 0.7, 0.45, 0.55]);
const labels = [0, 0, 1, 0];

describe('ece', () => {
  it('matches a hand-computed value with 10 bins', () => {
    // (|1 - 0.9| + |0 - 0.8| + |1 - 0.7| + |0 - 0.55|) / 4
    expect(ece(probs, 2, labels)).toBeCloseTo(1.75 / 4, 12);
  });
  it('matches a hand-computed value with 2 bins', () => {
    // one bin [0.5, 1]: mean confidence 0.7375, accuracy 0.5
    expect(ece(probs, 2, labels, 2)).toBeCloseTo(0.2375, 12);
  });
  it('is zero for a calibrated model', () => {
    const p = new Float64Array([1, 0, 0, 1, 0.5, 0.5, 0.5, 0.5]);
    expect(ece(p, 2, [0, 1, 0, 1])).toBe(0);
  });
});

describe('calibrationCurve', () => {
  it('returns every bin with counts, mean confidence and accuracy', () => {
    const curve = calibrationCurve(probs, 2, labels);
    expect(curve).toHaveLength(10);
    expect(curve.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 1, 0, 1, 1, 1]);
    expect(curve[7]).toMatchObject({ confidence: 0.7, accuracy: 1, count: 1 });
    expect(curve[8]).toMatchObject({ confidence: 0.8, accuracy: 0, count: 1 });
    expect(curve[0].lo).toBe(0);
    expect(curve[9].hi).toBe(1);
    expect(curve[0].confidence).toBeNaN();
  });
  it('puts a confidence on a bin edge in the upper bin and 1 in the last bin', () => {
    const p = new Float64Array([0.3, 0.25, 0.25, 0.2, 1, 0, 0, 0]);
    const curve = calibrationCurve(p, 4, [0, 0]);
    expect(curve[3].count).toBe(1);
    expect(curve[9].count).toBe(1);
  });
  it('validates bins and labels', () => {
    expect(() => ece(probs, 2, labels, 0)).toThrow(/bins/);
    expect(() => ece(probs, 2, [0, 0, 1])).toThrow(/expected 4/);
  });
});
