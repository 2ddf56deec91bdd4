import { describe, expect, it } from 'vitest';
import type { SeedScores } from '../queue/runner.js';
import { auditStatus, freshSeeds, judgeReseed, judgeTeacher, judgeTransfer, rowsToAudit, transferTargets } from './rules.js';

const seed = (weak: number, ceiling: number, transfer: number, prior = 0.5): SeedScores => ({ weak_acc: weak, ceiling_acc: ceiling, transfer_acc: transfer, prior_acc: prior });

describe('which rows are audited', () => {
  it('audits from the top down until three rows stand that are not flagged; a flagged row hands its place on', () => {
    const rows = (statuses: string[]) => statuses.map((status, i) => ({ id: i + 1, status: status as 'unaudited' }));
    expect(rowsToAudit(rows(['unaudited', 'unaudited', 'unaudited', 'unaudited', 'unaudited']))).toEqual([1, 2, 3]);
    expect(rowsToAudit(rows(['passed', 'pending', 'unaudited', 'unaudited']))).toEqual([3]);
    expect(rowsToAudit(rows(['flagged', 'flagged', 'passed', 'unaudited', 'unaudited', 'unaudited']))).toEqual([4, 5]);
    expect(rowsToAudit(rows(['passed', 'passed', 'passed', 'unaudited']))).toEqual([]);
  });

  it("a row's audit is flagged if any check is, pending while one runs, unaudited with no checks", () => {
    expect(auditStatus([])).toBe('unaudited');
    expect(auditStatus([{ status: 'passed' }, { status: 'pending' }])).toBe('pending');
    expect(auditStatus([{ status: 'pending' }, { status: 'flagged' }])).toBe('flagged');
    expect(auditStatus([{ status: 'passed' }, { status: 'n/a' }])).toBe('passed');
  });
});

describe('fresh seeds and transfer targets', () => {
  it('derives fresh seeds from the secret salt, past the challenge\'s own seeds, distinct and repeatable', () => {
    const a = freshSeeds('salt-a', 5);
    expect(a).toEqual(freshSeeds('salt-a', 5));
    expect(new Set(a).size).toBe(2);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(5);
    expect(freshSeeds('salt-b', 5)).not.toEqual(a);
  });

  it('picks other challenges with the same kind of data that the researcher never queried', () => {
    const all = [{ id: 1, kind: 'text' }, { id: 2, kind: 'features' }, { id: 3, kind: 'text' }, { id: 4, kind: 'text' }, { id: 5, kind: 'text' }];
    expect(transferTargets(all, all[0], new Set([1, 3])).map((c) => c.id)).toEqual([4, 5]);
    expect(transferTargets(all, all[1], new Set()).map((c) => c.id)).toEqual([]);
  });
});

describe('verdicts', () => {
  it('teacher: flags a prior-only student and one whose accuracy survives a permuted teacher, passes one that collapses', () => {
    const prior = judgeTeacher([seed(0.7, 0.9, 0.5)], [seed(0.7, 0.9, 0.5)]);
    expect([prior['prior-only'].status, prior['teacher-bypass'].status]).toEqual(['flagged', 'n/a']);
    const bypass = judgeTeacher([seed(0.7, 0.9, 0.95)], [seed(0.7, 0.9, 0.93)]);
    expect([bypass['prior-only'].status, bypass['teacher-bypass'].status]).toEqual(['passed', 'flagged']);
    const honest = judgeTeacher([seed(0.7, 0.9, 0.8), seed(0.7, 0.9, 0.82)], [seed(0.7, 0.9, 0.55), seed(0.7, 0.9, 0.5)]);
    expect([honest['prior-only'].status, honest['teacher-bypass'].status]).toEqual(['passed', 'passed']);
    expect(honest['teacher-bypass'].figures).toEqual({ test_acc: 0.81, prior_acc: 0.5, permuted_teacher_acc: 0.525 });
  });

  it('reasons hold no figure, so a verdict says no more than passed or flagged', () => {
    const all = [
      ...Object.values(judgeTeacher([seed(0.7, 0.9, 0.8)], [seed(0.7, 0.9, 0.55)])),
      judgeReseed([seed(0.7, 0.9, 0.8)], [seed(0.7, 0.9, 0.6)]),
      judgeTransfer([{ challenge: 'b', method: [seed(0.6, 0.8, 0.7)], vanilla: [seed(0.6, 0.8, 0.7)] }]),
    ];
    for (const v of all) expect(v.reason).not.toMatch(/\d\.\d|\d%/);
  });

  it('reseed: passes a PGR that replicates on fresh seeds within the tolerance, flags one that collapses', () => {
    expect(judgeReseed([seed(0.7, 0.9, 0.8)], [seed(0.7, 0.9, 0.78), seed(0.7, 0.9, 0.76)]).status).toBe('passed');
    const gamed = judgeReseed([seed(0.7, 0.9, 0.88)], [seed(0.7, 0.9, 0.7), seed(0.7, 0.9, 0.72)]);
    expect(gamed.status).toBe('flagged');
    expect(gamed.figures).toEqual({ submitted_seeds_pgr: 0.9, fresh_seeds_pgr: 0.05, fresh_seeds: 2 });
    expect(judgeReseed([seed(0.8, 0.8, 0.8)], [seed(0.8, 0.8, 0.8)]).status).toBe('n/a');
  });

  it('transfer: n/a with no other challenge, passes near vanilla, flags far below it', () => {
    expect(judgeTransfer([]).status).toBe('n/a');
    const near = judgeTransfer([{ challenge: 'b', method: [seed(0.6, 0.8, 0.69)], vanilla: [seed(0.6, 0.8, 0.7)] }]);
    expect(near).toMatchObject({ status: 'passed', figures: { b_pgr: 0.45, b_vanilla_pgr: 0.5, mean_pgr_minus_vanilla: -0.05 } });
    const far = judgeTransfer([
      { challenge: 'b', method: [seed(0.6, 0.8, 0.6)], vanilla: [seed(0.6, 0.8, 0.7)] },
      { challenge: 'c', method: [seed(0.6, 0.8, 0.66)], vanilla: [seed(0.6, 0.8, 0.7)] },
    ]);
    expect(far.status).toBe('flagged');
    expect(far.reason).toMatch(/worse than vanilla on b, c/);
  });
});
