// Learning-rate schedules: the documented values at the first, middle and last step.
import { describe, expect, it } from 'vitest';
import { constantLr, cosineLr, linearLr, makeSchedule, type ScheduleName } from '../index.js';

const LR = 0.1;
const TOTAL = 100;

describe('learning-rate schedules', () => {
  it('constant stays at lr', () => {
    const s = constantLr(LR);
    expect([0, 50, 99].map((t) => s(t, TOTAL))).toEqual([LR, LR, LR]);
  });

  it('linear decays from lr at step 0 through lr/2 midway to 0 at the end', () => {
    const s = linearLr(LR);
    expect(s(0, TOTAL)).toBeCloseTo(LR, 12);
    expect(s(50, TOTAL)).toBeCloseTo(LR / 2, 12);
    expect(s(99, TOTAL)).toBeCloseTo(LR / TOTAL, 12);
    expect(s(TOTAL, TOTAL)).toBeCloseTo(0, 12);
  });

  it('cosine decays from lr through lr/2 midway to 0, or to minRatio*lr', () => {
    const s = cosineLr(LR);
    expect(s(0, TOTAL)).toBeCloseTo(LR, 12);
    expect(s(50, TOTAL)).toBeCloseTo(LR / 2, 12);
    expect(s(25, TOTAL)).toBeCloseTo(LR * 0.5 * (1 + Math.SQRT1_2), 12);
    expect(s(TOTAL, TOTAL)).toBeCloseTo(0, 12);
    const floor = cosineLr(LR, { minRatio: 0.1 });
    expect(floor(TOTAL, TOTAL)).toBeCloseTo(0.1 * LR, 12);
    expect(floor(50, TOTAL)).toBeCloseTo(LR * (0.1 + 0.9 * 0.5), 12);
  });

  it('warm-up rises linearly to lr over its steps, then the decay spans the remaining steps', () => {
    for (const name of ['constant', 'linear', 'cosine'] as ScheduleName[]) {
      const s = makeSchedule(name, LR, { warmup: 10 });
      expect(s(0, TOTAL)).toBeCloseTo(LR / 10, 12);
      expect(s(4, TOTAL)).toBeCloseTo(LR / 2, 12);
      expect(s(9, TOTAL)).toBeCloseTo(LR, 12);
      expect(s(10, TOTAL)).toBeCloseTo(LR, 12);
    }
    // Midway through the 90 post-warm-up steps: half the lr for linear and cosine.
    expect(linearLr(LR, { warmup: 10 })(55, TOTAL)).toBeCloseTo(LR / 2, 12);
    expect(cosineLr(LR, { warmup: 10 })(55, TOTAL)).toBeCloseTo(LR / 2, 12);
    expect(linearLr(LR, { warmup: 10 })(TOTAL, TOTAL)).toBeCloseTo(0, 12);
  });

  it('a warm-up below 1 is a fraction of all steps', () => {
    const s = linearLr(LR, { warmup: 0.2 });
    expect(s(0, TOTAL)).toBeCloseTo(LR / 20, 12);
    expect(s(19, TOTAL)).toBeCloseTo(LR, 12);
    expect(s(60, TOTAL)).toBeCloseTo(LR / 2, 12);
  });

  it('makeSchedule rejects an unknown name and lists the known ones', () => {
    expect(() => makeSchedule('step' as ScheduleName, LR)).toThrow(/unknown learning-rate schedule "step".*constant, linear, cosine/);
  });
});
