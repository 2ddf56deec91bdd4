// A run's numbers depend on its thread count, so a sweep's threads per worker must not
// change when it resumes with fewer runs left than workers.
import { describe, expect, it } from 'vitest';
import { parallelism } from './sweep-runner.js';

describe('sweep parallelism', () => {
  it('gives each worker cores ÷ workers asked for, one worker per core by default', () => {
    expect(parallelism(undefined, 225, 2)).toEqual({ workers: 2, threads: 1 });
    expect(parallelism(1, 225, 2)).toEqual({ workers: 1, threads: 2 });
    expect(parallelism(2, 10, 8)).toEqual({ workers: 2, threads: 4 });
  });

  it('keeps the threads per worker when fewer runs are left than workers (a resumed sweep)', () => {
    expect(parallelism(undefined, 1, 2)).toEqual({ workers: 1, threads: 1 });
    expect(parallelism(4, 2, 8)).toEqual({ workers: 2, threads: 2 });
    expect(parallelism(2, 0, 2)).toEqual({ workers: 1, threads: 1 });
  });

  it('never asks for less than one worker or thread', () => {
    expect(parallelism(0, 5, 1)).toEqual({ workers: 1, threads: 1 });
    expect(parallelism(8, 5, 2)).toEqual({ workers: 5, threads: 1 });
  });
});
