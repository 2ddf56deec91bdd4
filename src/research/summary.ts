/**
 * What a research run found: per challenge, the best method (highest released
 * dev score; the earliest on a tie), its final-part PGR and paired difference
 * to vanilla with 95% intervals where the challenge is revealed, the idea
 * diversity of everything submitted, and the cost — as JSON and as a table.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SubmissionInfo, W2sClient } from '../server/client.js';
import { diversity, type Diversity } from './diversity.js';
import type { ResearcherRun } from './run.js';

type Interval = { estimate: number | null; low: number | null; high: number | null };

export interface BestMethod {
  researcher: string;
  kind: string;
  submission: number;
  snapshot: string;
  description: string;
  released: { accuracy: number; pgr: number | null };
  /** The best method's final submission, scored on the final part (null until the challenge is revealed). */
  final: { submission: number; accuracy: number | null; pgr: Interval; vs_vanilla: Interval & { p_value: number | null } } | null;
  /** The self-contained method file written for it. */
  file: string;
}

export interface ChallengeSummary {
  challenge: string;
  best: BestMethod | null;
  submissions: number;
  failed: number;
  /** Distinct method sources submitted. */
  sources: number;
  diversity: Diversity;
}

export interface ResearchReport {
  startedAt: string;
  finishedAt: string;
  minutes: number;
  server: string;
  researchers: { name: string; kind: string; challenge: string; direction: string; stopped: string; error?: string; submissions: number; cost: ResearcherRun['result']['cost'] }[];
  challenges: ChallengeSummary[];
  cost: { tokensIn: number; tokensOut: number; usd: number; wallSeconds: number };
}

/** The method's one-line description from its source (`description: "…"`), or its snapshot id. */
function describeSource(source: string, snapshot: string): string {
  const m = /description:\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/.exec(source);
  if (!m) return `snapshot ${snapshot.slice(0, 12)}`;
  try {
    return m[1].startsWith('"') ? (JSON.parse(m[1]) as string) : m[1].slice(1, -1);
  } catch {
    return m[1].slice(1, -1);
  }
}

export function bestOf(subs: readonly SubmissionInfo[]): SubmissionInfo | undefined {
  let best: SubmissionInfo | undefined;
  for (const s of subs) {
    if (s.status !== 'done' || !s.released || s.final) continue;
    if (!best || s.released.accuracy > best.released!.accuracy || (s.released.accuracy === best.released!.accuracy && s.id < best.id)) best = s;
  }
  return best;
}

/** Builds the report, refreshing submissions from the server (final scores appear once a challenge is revealed) and writing `out/best-<challenge>.ts`. */
export async function summarise(runs: readonly ResearcherRun[], client: W2sClient, o: { out: string; startedAt: Date; minutes: number; server: string }): Promise<ResearchReport> {
  const challenges: ChallengeSummary[] = [];
  for (const challenge of [...new Set(runs.map((r) => r.challenge))]) {
    const mine = runs.filter((r) => r.challenge === challenge);
    const subs = mine.flatMap((r) => r.result.submissions.map((s) => ({ s, r })));
    const best = bestOf(subs.map((x) => x.s));
    let bestMethod: BestMethod | null = null;
    if (best) {
      const owner = subs.find((x) => x.s.id === best.id)!.r.result;
      const snap = await client.snapshot(best.snapshot_id);
      const finalSub = subs.map((x) => x.s).find((s) => s.final && s.snapshot_id === best.snapshot_id && s.status === 'done');
      const fin = finalSub ? await client.submission(finalSub.id) : undefined;
      const file = join(o.out, `best-${challenge}.ts`);
      const description = describeSource(snap.source, best.snapshot_id);
      const fmt = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
      writeFileSync(file, [
        `// The best method of a \`w2s research\` run on challenge ${challenge} (${o.startedAt.toISOString()}, ${o.minutes} min):`,
        `// ${owner.name} (${owner.kind}), submission ${best.id}, snapshot ${best.snapshot_id}.`,
        `// Released dev accuracy ${fmt(best.released!.accuracy)}, PGR ${fmt(best.released!.pgr)} over ${best.seeds} seeds` +
          (fin?.final_scores ? `; final part: PGR ${fmt(fin.final_scores.pgr.estimate)} [${fmt(fin.final_scores.pgr.low)}, ${fmt(fin.final_scores.pgr.high)}], vs vanilla ${fmt(fin.final_scores.vs_vanilla.estimate)} [${fmt(fin.final_scores.vs_vanilla.low)}, ${fmt(fin.final_scores.vs_vanilla.high)}].` : '.'),
        `// ${description}`,
        snap.source,
      ].join('\n'));
      bestMethod = {
        researcher: owner.name, kind: owner.kind, submission: best.id, snapshot: best.snapshot_id, description, released: best.released!,
        final: fin?.final_scores ? { submission: fin.id, ...fin.final_scores } : null,
        file,
      };
    }
    const compositions = mine.flatMap((r) => (r.result.compositions ?? []).map((c) => c.parameters));
    challenges.push({
      challenge,
      best: bestMethod,
      submissions: subs.filter((x) => !x.s.final).length,
      failed: subs.filter((x) => x.s.status === 'failed').length,
      sources: new Set(subs.map((x) => x.s.snapshot_id)).size,
      diversity: diversity(compositions),
    });
  }
  const cost = runs.reduce((c, r) => ({
    tokensIn: c.tokensIn + r.result.cost.tokensIn, tokensOut: c.tokensOut + r.result.cost.tokensOut, usd: c.usd + r.result.cost.usd, wallSeconds: Math.max(c.wallSeconds, r.result.cost.wallSeconds),
  }), { tokensIn: 0, tokensOut: 0, usd: 0, wallSeconds: 0 });
  const report: ResearchReport = {
    startedAt: o.startedAt.toISOString(), finishedAt: new Date().toISOString(), minutes: o.minutes, server: o.server,
    researchers: runs.map((r) => ({ name: r.result.name, kind: r.result.kind, challenge: r.challenge, direction: r.direction, stopped: r.result.stopped, ...(r.result.error ? { error: r.result.error } : {}), submissions: r.result.submissions.length, cost: r.result.cost })),
    challenges, cost,
  };
  writeFileSync(join(o.out, 'research.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

const f = (x: number | null | undefined, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));
const iv = (i: Interval | null | undefined) => (i && i.estimate !== null ? `${f(i.estimate)} [${f(i.low)}, ${f(i.high)}]` : 'n/a');

/** Rows for the command's tables: one per challenge, and one per researcher. */
export function reportTables(r: ResearchReport): { head: string[]; rows: string[][] }[] {
  return [
    {
      head: ['challenge', 'best method', 'by', 'dev acc', 'dev PGR', 'final PGR [95% CI]', 'Δ vs vanilla [95% CI]', 'subs', 'diversity', 'structures'],
      rows: r.challenges.map((c) => [
        c.challenge, c.best?.description ?? '(none)', c.best?.researcher ?? '-', f(c.best?.released.accuracy, 3), f(c.best?.released.pgr),
        iv(c.best?.final?.pgr), iv(c.best?.final?.vs_vanilla), String(c.submissions), f(c.diversity.meanDistance), String(c.diversity.structures),
      ]),
    },
    {
      head: ['researcher', 'challenge', 'stopped', 'subs', 'tokens in', 'tokens out', 'USD', 'wall s'],
      rows: r.researchers.map((x) => [x.name, x.challenge, x.stopped + (x.error ? `: ${x.error.slice(0, 60)}` : ''), String(x.submissions), String(x.cost.tokensIn), String(x.cost.tokensOut), x.cost.usd.toFixed(4), x.cost.wallSeconds.toFixed(0)]),
    },
  ];
}
