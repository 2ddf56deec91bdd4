import { describe, expect, it } from 'vitest';
import { formatDuration, Progress } from './progress.js';

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, columns: 120, write: (s: string) => out.push(s) } };
}

describe('Progress', () => {
  it('prints occasional plain lines when stderr is not a terminal', () => {
    let now = 0;
    const { out, stream } = sink(false);
    const bar = new Progress('sweep', 10, { stream, now: () => now });
    for (let i = 1; i <= 10; i++) {
      now = i * 2000;
      bar.update(i);
    }
    bar.finish();
    expect(out.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    // A line only at a new 10% step at least 5 s after the previous line, then the final line.
    expect(out).toEqual([
      'sweep: 3/10 (30%, ETA 14s)\n',
      'sweep: 6/10 (60%, ETA 8s)\n',
      'sweep: 9/10 (90%, ETA 2s)\n',
      'sweep: 10/10 (100%) in 20s\n',
    ]);
  });

  it('redraws one line on a terminal and keeps logged lines above the bar', () => {
    let now = 0;
    const { out, stream } = sink(true);
    const bar = new Progress('pretrain xs', 4, { stream, now: () => now });
    now = 1000;
    bar.update(1, 'loss 7.1');
    bar.log('a message');
    now = 4000;
    bar.update(4);
    bar.finish('done');
    expect(out[0]).toBe('\r\x1b[2Kpretrain xs [######..................] 1/4 (25%, ETA 3s) loss 7.1');
    expect(out.slice(1, 4)).toEqual(['\r\x1b[2K', 'a message\n', out[0]]);
    expect(out.at(-1)).toBe('done\n');
  });

  it('estimates the time left from the rate so far', () => {
    let now = 0;
    const bar = new Progress('x', 100, { stream: sink(false).stream, now: () => now });
    expect(Number.isNaN(bar.eta())).toBe(true);
    now = 10_000;
    bar.update(25);
    expect(bar.eta()).toBeCloseTo(30, 9);
  });

  it('formats durations', () => {
    expect([0.4, 59, 61, 3599, 3661].map(formatDuration)).toEqual(['0s', '59s', '1m01s', '59m59s', '1h01m']);
  });
});
