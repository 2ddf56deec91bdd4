/** A learning rate as a function of the step (0-based) and the total number of steps. */
export type Schedule = (step: number, totalSteps: number) => number;

export interface ScheduleOptions {
  /** Warm-up: step s < w gets lr·(s+1)/w, reaching lr at step w−1 (w: this many steps, or this fraction of all steps when < 1). */
  warmup?: number;
}

function warmupSteps(warmup: number | undefined, total: number): number {
  if (!warmup) return 0;
  return warmup < 1 ? Math.round(warmup * total) : warmup;
}

function withWarmup(lr: number, opts: ScheduleOptions, after: (progress: number) => number): Schedule {
  return (step, total) => {
    const w = warmupSteps(opts.warmup, total);
    if (step < w) return (lr * (step + 1)) / w;
    const span = Math.max(1, total - w);
    return lr * after(Math.min(1, (step - w) / span));
  };
}

export const constantLr = (lr: number, opts: ScheduleOptions = {}): Schedule => withWarmup(lr, opts, () => 1);
export const linearLr = (lr: number, opts: ScheduleOptions = {}): Schedule => withWarmup(lr, opts, (p) => 1 - p);
export const cosineLr = (lr: number, opts: ScheduleOptions & { minRatio?: number } = {}): Schedule =>
  withWarmup(lr, opts, (p) => (opts.minRatio ?? 0) + (1 - (opts.minRatio ?? 0)) * 0.5 * (1 + Math.cos(Math.PI * p)));

const schedules = { constant: constantLr, linear: linearLr, cosine: cosineLr } as const;
export type ScheduleName = keyof typeof schedules;

export function makeSchedule(name: ScheduleName, lr: number, opts: ScheduleOptions = {}): Schedule {
  const f = schedules[name];
  if (!f) throw new Error(`unknown learning-rate schedule "${name}"; choose one of ${Object.keys(schedules).join(', ')}`);
  return f(lr, opts);
}
