/** Deterministic report input for tests and for eyeballing the rendering. */
import type { CalibrationBin, Interval, MethodSummary, ReportInput } from './types.js';

const iv = (estimate: number, half: number): Interval => ({ estimate, low: estimate - half, high: estimate + half });

function bins(skew: number): CalibrationBin[] {
  return [0.55, 0.65, 0.75, 0.85, 0.95].map((c, i) => ({
    lo: 0.5 + i * 0.1,
    hi: 0.6 + i * 0.1,
    confidence: c,
    accuracy: Math.min(1, c - skew * (c - 0.5)),
    count: 40 + i * 25,
  }));
}

const SIZES: Array<[string, number]> = [['qwen-0.5b', 5e8], ['qwen-1.8b', 1.8e9], ['qwen-4b', 4e9]];

function row(task: string, method: string, [strong, params]: [string, number], k: number, pgr: number): MethodSummary {
  const weak = 0.6 + 0.02 * (task.length % 3);
  const ceiling = weak + 0.08 + 0.04 * k;
  return {
    task,
    weak: 'gpt2-small',
    strong,
    strongParams: params,
    weakParams: 1.24e8,
    method,
    nSeeds: 5,
    weakAcc: iv(weak, 0.01),
    ceilingAcc: iv(ceiling, 0.012),
    transferAcc: iv(weak + pgr * (ceiling - weak), 0.015),
    pgr: iv(pgr, 0.12),
    pgrVsVanilla: method === 'vanilla' ? undefined : iv(pgr - 0.2, 0.08),
    wallSeconds: 30 + 20 * k + (method === 'logconf' ? 12 : 0),
  };
}

/** Two tasks × two methods × three student sizes, with diagnostics on the largest size. */
export function sampleReport(): ReportInput {
  const rows: MethodSummary[] = [];
  for (const task of ['sciq', 'sentiment']) {
    for (const method of ['vanilla', 'logconf']) {
      SIZES.forEach((size, k) => rows.push(row(task, method, size, k, method === 'vanilla' ? 0.2 + 0.05 * k : 0.35 + 0.1 * k)));
    }
  }
  const big = rows.filter((r) => r.strong === 'qwen-4b' && r.task === 'sciq');
  for (const r of big) {
    r.calibration = { weak: bins(0.3), ceiling: bins(0.05), transfer: bins(r.method === 'vanilla' ? 0.2 : 0.1) };
    r.diagnostics = {
      imitation: { teacherWrong: 300, copied: r.method === 'vanilla' ? 180 : 120, corrected: r.method === 'vanilla' ? 110 : 170, teacherRight: 700, broken: 35 },
      shift: {
        inDist: r.pgr,
        ood: iv(r.pgr.estimate - 0.15, 0.14),
        perGroup: [
          { group: 'physics', weakAcc: 0.62, ceilingAcc: 0.8, transferAcc: 0.7, n: 210 },
          { group: 'biology', weakAcc: 0.66, ceilingAcc: 0.78, transferAcc: 0.71, n: 190 },
          { group: 'chemistry (OOD)', weakAcc: 0.55, ceilingAcc: 0.7, transferAcc: 0.58, n: 120 },
        ],
      },
      buckets: [
        ...['easy', 'medium', 'hard'].map((b, i) => ({
          kind: 'difficulty' as const, bucket: b, weakAcc: 0.8 - 0.15 * i, ceilingAcc: 0.9 - 0.1 * i, transferAcc: 0.85 - 0.13 * i, n: 100 + i, teacherAtChance: i === 2,
        })),
        ...['0.5–0.6', '0.6–0.8', '0.8–1.0'].map((b, i) => ({
          kind: 'teacher_confidence' as const, bucket: b, weakAcc: 0.52 + 0.18 * i, ceilingAcc: 0.75 + 0.05 * i, transferAcc: 0.6 + 0.12 * i, n: 90 + 10 * i, teacherAtChance: i === 0,
        })),
      ],
      compute: { wallSeconds: r.wallSeconds as number, vanillaWallSeconds: 70, flops: 3.2e15 },
    };
  }
  return {
    title: 'w2s report: sample <run> & "quotes"',
    generatedAt: '2026-01-02T03:04:05.000Z',
    codeVersion: 'abc1234',
    rows,
    notes: ['Fixed baselines: weak and ceiling are means over seeds.', 'Intervals are 95% bootstrap <CI>.'],
  };
}
