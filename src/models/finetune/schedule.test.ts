import { describe, expect, it } from 'vitest';
import { describeSchedule, finetuneSettings, SMALL_DATA_CHARS, SMALL_DATA_SCHEDULE, textChars } from './schedule.js';

describe('the fine-tuning schedule', () => {
  const small = { chars: SMALL_DATA_CHARS, ladderOnly: true };
  const large = { chars: SMALL_DATA_CHARS + 1, ladderOnly: true };

  it('gives small datasets four epochs at half the rate, keeping the other settings given', () => {
    expect(finetuneSettings(undefined, small)).toEqual({ epochs: 4, lr: 1e-3 });
    expect(finetuneSettings({ layers: 1, batchSize: 16 }, small)).toEqual({ layers: 1, batchSize: 16, ...SMALL_DATA_SCHEDULE });
    expect(describeSchedule(finetuneSettings(undefined, small))).toBe('4 epochs at lr 0.001');
  });

  it('leaves larger datasets, a schedule the user chose, and hf: encoders at what was given', () => {
    expect(finetuneSettings(undefined, large)).toBeUndefined();
    expect(describeSchedule(finetuneSettings(undefined, large))).toBe('2 epochs at lr 0.002');
    expect(finetuneSettings({ epochs: 2 }, small)).toEqual({ epochs: 2 });
    expect(finetuneSettings({ lr: 5e-3 }, small)).toEqual({ lr: 5e-3 });
    expect(finetuneSettings({ layers: 2 }, { chars: 10, ladderOnly: false })).toEqual({ layers: 2 });
  });

  it('counts characters as code points, not UTF-16 units', () => {
    expect(textChars(['abc', 'é', '😀😀', ''])).toBe(6);
  });
});
