import { describe, expect, it } from 'vitest';
import { accuracyByBucket, bucketize } from './accuracy-by-bucket.js';
import { imitation } from './imitation.js';
import { normalQuantile, wilsonInterval } from './normal.js';

describe('imitation', () => {
  it('splits the teacher errors into copied, corrected and other', () => {
    const weak = [0, 1, 1, 0, 2, 2, 2];
    const student = [0, 1, 0, 1, 2, 1, 1];
    const labels = [0, 0, 0, 0, 1, 2, 0];
    const r = imitation(weak, student, labels);
    expect(r.teacherWrongCount).toBe(4);
    expect(r.copyRate).toBe(0.5);
    expect(r.correctRate).toBe(0.25);
    expect(r.otherRate).toBe(0.25);
    expect(r.teacherRightCount).toBe(3);
    expect(r.breakRate).toBeCloseTo(2 / 3, 12);
  });
  it('gives NaN rates for an empty group and checks lengths', () => {
    const r = imitation(new Int32Array([1, 0]), new Int32Array([1, 1]), [1, 0]);
    expect(r.teacherWrongCount).toBe(0);
    expect(r.copyRate).toBeNaN();
    expect(r.breakRate).toBe(0.5);
    expect(() => imitation([0, 1], [0, 1], [0])).toThrow(/aligned/);
  });
});

describe('wilson interval', () => {
  it('matches known values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
    const w = wilsonInterval(95, 100);
    expect(w.low).toBeCloseTo(0.888250, 5);
    expect(w.high).toBeCloseTo(0.978456, 5);
  });
});

describe('accuracyByBucket', () => {
  it('tallies per bucket and flags buckets at chance', () => {
    const correct: number[] = [];
    const bucket: number[] = [];
    for (let i = 0; i < 100; i++) { correct.push(i < 95 ? 1 : 0); bucket.push(2); }
    for (let i = 0; i < 40; i++) { correct.push(i < 21 ? 1 : 0); bucket.push(0); }
    const r = accuracyByBucket(correct, bucket, { numClasses: 2 });
    expect(r.map((b) => b.bucket)).toEqual([0, 2]);
    expect(r[0]).toMatchObject({ count: 40, correct: 21, accuracy: 21 / 40, atChance: true });
    expect(r[1]).toMatchObject({ count: 100, correct: 95, atChance: false });
    expect(r[1].low).toBeCloseTo(0.888250, 5);
    // With 4 classes, chance is 0.25 and the 21/40 bucket is clearly above it.
    expect(accuracyByBucket(correct, bucket, { numClasses: 4 })[0].atChance).toBe(false);
  });
  it('orders string buckets and validates', () => {
    const r = accuracyByBucket([1, 0, 1], ['hard', 'easy', 'hard'], { numClasses: 3 });
    expect(r.map((b) => b.bucket)).toEqual(['easy', 'hard']);
    expect(() => accuracyByBucket([1, 2], [0, 0], { numClasses: 2 })).toThrow(/0 or 1/);
    expect(() => accuracyByBucket([1], [0, 0], { numClasses: 2 })).toThrow(/aligned/);
  });
});

describe('bucketize', () => {
  it('bins values against ascending edges', () => {
    expect(Array.from(bucketize([0.5, 0.6, 0.7, 0.8, 0.95], [0.6, 0.8]))).toEqual([0, 1, 1, 2, 2]);
    expect(() => bucketize([0.5], [0.8, 0.6])).toThrow(/ascending/);
  });
});
