/**
 * A submission's report: the report package's charts (src/report) drawn from what the
 * server has released — the Ladder's dev score against the rounded fixed baselines, and
 * after reveal the final part's PGR with its interval and the paired difference to
 * vanilla. Nothing here is finer than what the submission and leaderboard routes serve.
 */
import { z } from 'zod';
import { pgr } from '../../metrics/index.js';
import { buildCharts, type Interval, type MethodSummary } from '../../report/index.js';
import { fixedBaselines } from '../challenge/baselines.js';
import { getChallengeById, type Challenge } from '../db/challenges.js';
import type { ServerDb } from '../db/schema.js';
import { getSubmission } from '../db/submissions.js';
import { notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { finalScoresOf, releasedOf, type Interval as NullableInterval } from '../leaderboard.js';
import { positiveIntParam, round } from './lookup.js';

const point = (x: number | null): Interval => ({ estimate: x ?? NaN, low: x ?? NaN, high: x ?? NaN });
const fromNullable = (i: NullableInterval): Interval => ({ estimate: i.estimate ?? NaN, low: i.low ?? NaN, high: i.high ?? NaN });

/** Report rows for one part: vanilla (a fixed baseline) and the submission, as the server released them. */
function rows(sdb: ServerDb, c: Challenge, part: 'dev' | 'final', label: string, accuracy: number | null, pgrOf: Interval, vsVanilla?: Interval): MethodSummary[] {
  const b = fixedBaselines(sdb, c, part);
  const [weak, ceiling, vanilla] = [round(b.weak), round(b.ceiling), round(b.vanilla)];
  const common = { task: `${c.name} · ${part}`, weak: c.config.weak, strong: c.config.strong, nSeeds: c.seeds, weakAcc: point(weak), ceilingAcc: point(ceiling) };
  return [
    { ...common, method: 'vanilla (fixed baseline)', methodName: 'vanilla', transferAcc: point(vanilla), pgr: point(round(pgr(weak!, ceiling!, vanilla!))) },
    { ...common, method: label, transferAcc: point(accuracy), pgr: pgrOf, ...(vsVanilla ? { pgrVsVanilla: vsVanilla } : {}) },
  ];
}

const chartSchema = z.object({ id: z.string(), title: z.string(), svg: z.string().describe('an SVG document drawn by the report package') });

export const reportRoute = defineRoute({
  method: 'get',
  path: '/api/v1/submissions/:id/report',
  summary: 'A submission\'s report charts (SVG) from its released dev score and, after reveal, its final scores with intervals',
  auth: true,
  response: z.object({ submission_id: z.number().int(), title: z.string(), notes: z.array(z.string()), charts: z.array(chartSchema) }),
  handler: ({ deps, params }) => {
    const id = positiveIntParam(params.id, 'a submission id');
    const s = getSubmission(deps.sdb, id);
    if (!s) throw notFound(`no submission ${id}`);
    const c = getChallengeById(deps.sdb, s.challengeId)!;
    const label = `submission #${s.id}`;
    const released = releasedOf(deps.sdb, c, s);
    const final = finalScoresOf(deps.sdb, c, s);
    const all = released ? rows(deps.sdb, c, 'dev', label, released.accuracy, point(released.pgr)) : [];
    if (final) all.push(...rows(deps.sdb, c, 'final', label, final.accuracy, fromNullable(final.pgr), fromNullable(final.vs_vanilla)));
    const notes = [
      released
        ? `dev: the Ladder's released score (step η = ${c.config.eta}) against the fixed baselines, means over seeds; no interval on dev, which would leak exact scores`
        : `no released score yet: the submission is ${s.status}`,
      final ? 'final: PGR with its 95% hierarchical bootstrap interval over seeds and examples' : 'final: shown for final submissions once the challenge is revealed',
    ];
    const charts = all.length === 0 ? [] : buildCharts({ title: label, generatedAt: '', codeVersion: '', rows: all }).overview;
    return { submission_id: s.id, title: `${label} on ${c.name}`, notes, charts: charts.map((ch) => ({ id: ch.id, title: ch.title, svg: ch.svg })) };
  },
});

export const reportRoutes = [reportRoute];
