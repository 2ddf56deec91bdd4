/**
 * The offline search researcher: no LLM. It reads the challenge, its
 * leaderboard and forum (recipes posted there are its first proposals, then
 * the hand-written methods the space expresses), then runs a seeded TPE (tpe.ts) over method
 * compositions (recipe.ts): each proposal is written as a readable method file
 * and its self-contained form (method-file.ts; bundling it under the method
 * policy is the local smoke test), submitted for `ctx.seeds` seeds, and scored
 * by the released score. The released score is the Ladder's (docs/server.md):
 * a submission that does not beat the researcher's best by η releases the old
 * best again, so all it says is "not better" — the search is told -Infinity for
 * it (censored), and the released accuracy for one that improved. It posts a
 * result finding at each improvement and, at the end, what it tried and which
 * directions never paid off; it resubmits its best as a final submission.
 * Deterministic given its seed and the scores it receives.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SubmissionInfo } from '../../server/client.js';
import { hashString } from '../../util/rng.js';
import { registerResearcher, type Researcher, type ResearcherContext, type ResearcherResult } from '../researcher.js';
import { writeMethodFiles } from './method-file.js';
import { describeRecipe, HAND_WRITTEN, pointOf, RECIPE_DIMS, recipeOf, recipesInFindings, structureOf, type Recipe } from './recipe.js';
import { activePart, type Point } from './space.js';
import { Tpe } from './tpe.js';

export interface OfflineOptions {
  /** Search seed (default: a hash of the researcher's name). */
  seed?: number;
  /** Proposals before the TPE models (default 8). */
  startup?: number;
  /** Try the hand-written methods the space expresses first (default true). */
  handWritten?: boolean;
}

/** One proposal and what the server said about it. */
export interface Trial {
  index: number;
  point: Point;
  recipe: Recipe;
  description: string;
  /** The readable method file and its self-contained form. */
  readable: string;
  file: string;
  submission?: SubmissionInfo;
  /** Released accuracy if it raised the researcher's best, -Infinity otherwise (or on failure). */
  score: number;
  improved: boolean;
  error?: string;
}

function parseOptions(o: Record<string, string>): OfflineOptions {
  const num = (k: string) => {
    if (o[k] === undefined) return undefined;
    const v = Number(o[k]);
    if (!Number.isInteger(v) || v < 0) throw new Error(`offline researcher: option ${k} must be a non-negative integer, got "${o[k]}"`);
    return v;
  };
  const known = ['seed', 'startup', 'handWritten'];
  for (const k of Object.keys(o)) if (!known.includes(k) && !k.startsWith('llm')) throw new Error(`offline researcher: unknown option "${k}"; it takes ${known.join(', ')}`);
  return { seed: num('seed'), startup: num('startup'), handWritten: o.handWritten === undefined ? true : o.handWritten !== 'false' };
}

/** The hand-written starting points, rotated so that researchers `offline-1`, `offline-2`, … start from different ones. */
function startingPoints(name: string, use: boolean): Point[] {
  if (!use) return [];
  const n = Number(/-(\d+)$/.exec(name)?.[1] ?? 1) - 1;
  return HAND_WRITTEN.map((_, i) => HAND_WRITTEN[(i + n) % HAND_WRITTEN.length].point);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export class OfflineResearcher implements Researcher {
  readonly kind = 'offline';
  private readonly o: OfflineOptions;
  constructor(options: Record<string, string> = {}) {
    this.o = parseOptions(options);
  }

  async run(ctx: ResearcherContext): Promise<ResearcherResult> {
    const started = Date.now();
    const submissions: SubmissionInfo[] = [];
    const trials: Trial[] = [];
    const result = (stopped: ResearcherResult['stopped'], error?: string): ResearcherResult => {
      writeFileSync(join(ctx.workDir, 'trials.json'), JSON.stringify(trials, null, 2));
      return { name: ctx.name, kind: this.kind, submissions, cost: { tokensIn: 0, tokensOut: 0, usd: 0, wallSeconds: (Date.now() - started) / 1000 }, stopped, ...(error ? { error } : {}),
        compositions: trials.filter((t) => t.submission).map((t) => ({ submission: t.submission!.id, parameters: activePart(RECIPE_DIMS, t.point) })),
      };
    };
    mkdirSync(join(ctx.workDir, 'candidates'), { recursive: true });
    const { client, challenge } = ctx;
    const info = await client.challenge(challenge);
    const board = await client.leaderboard(challenge);
    const findings = await client.findings({ challenge });
    ctx.log(`${challenge}: ${info.weak} -> ${info.strong}, dev ${info.dev_size}, η ${info.holdout.eta}; baselines weak ${info.baselines.weak?.toFixed(3)}, vanilla PGR ${info.baselines.vanilla_pgr?.toFixed(2)}; ${board.rows.length} leaderboard rows, ${findings.length} findings`);
    const seed = this.o.seed ?? hashString(`${ctx.name}/${challenge}`);
    // Recipes others posted on this challenge's forum are tried first (up to 3, most voted first), then the hand-written ones.
    const posted = recipesInFindings(findings).slice(0, 3).map(pointOf);
    if (posted.length) ctx.log(`starting from ${posted.length} recipe(s) posted on the forum`);
    const tpe = new Tpe(RECIPE_DIMS, { seed, startup: this.o.startup, initial: [...posted, ...startingPoints(ctx.name, this.o.handWritten ?? true)] });
    let bestReleased = info.holdout.start;
    let best: Trial | undefined;
    const durations: number[] = [];
    let stopped: ResearcherResult['stopped'] = 'time';
    try {
      for (let index = 1; ; index++) {
        if (ctx.signal.aborted) { stopped = 'aborted'; break; }
        if (ctx.budget.maxSubmissions !== undefined && submissions.length >= ctx.budget.maxSubmissions - (best ? 1 : 0)) { stopped = 'submissions'; break; }
        // Start a submission only if a typical one (and the final resubmission) still fits before the deadline.
        const typical = durations.length ? mean(durations) : 0;
        if (Date.now() + 2 * typical > ctx.budget.deadline) { stopped = 'time'; break; }
        const point = tpe.ask();
        const recipe = recipeOf(point);
        const base = `c${String(index).padStart(3, '0')}`;
        const name = `${ctx.name.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${base}`;
        const files = await writeMethodFiles(join(ctx.workDir, 'candidates'), base, {
          name, recipe, point, provenance: [`Proposed by ${ctx.name} (offline researcher, search seed ${seed}) for challenge ${challenge}, proposal ${index}.`],
        });
        const trial: Trial = { index, point, recipe, description: describeRecipe(recipe), readable: files.readable, file: files.file, score: -Infinity, improved: false };
        trials.push(trial);
        const t0 = Date.now();
        const sub = await client.submit(challenge, { method: files.source, seeds: ctx.seeds, parent: best?.submission?.snapshot_id });
        const done = await client.wait(sub.id, { intervalMs: 500, timeoutMs: Math.max(60_000, ctx.budget.deadline - Date.now() + 600_000) });
        durations.push(Date.now() - t0);
        submissions.push(done);
        trial.submission = done;
        if (done.status === 'failed' || !done.released) {
          trial.error = done.error ?? 'no released score';
          ctx.log(`#${index} ${trial.description}: failed (${trial.error.split('\n')[0]})`);
        } else if (done.released.accuracy > bestReleased + 1e-9) {
          trial.improved = true;
          trial.score = done.released.accuracy;
          bestReleased = done.released.accuracy;
          best = trial;
          ctx.log(`#${index} ${trial.description}: improved, accuracy ${done.released.accuracy.toFixed(3)}, PGR ${done.released.pgr?.toFixed(2)}`);
          await client.post({
            type: 'result', challenge, submission_id: done.id,
            title: `${ctx.name}: ${trial.description} — PGR ${done.released.pgr?.toFixed(2)}`,
            body: `Released dev accuracy ${done.released.accuracy.toFixed(3)} over ${ctx.seeds} seeds (PGR ${done.released.pgr?.toFixed(2)}), my best so far after ${index} proposals. Recipe:\n\n\`\`\`json\n${JSON.stringify(recipe)}\n\`\`\``,
          });
        } else {
          ctx.log(`#${index} ${trial.description}: not better than ${bestReleased.toFixed(3)} + η`);
        }
        tpe.tell(point, trial.score);
      }
      if (best?.submission && !ctx.signal.aborted) {
        const fin = await client.submit(challenge, { method: readFileSync(best.file, 'utf8'), seeds: ctx.seeds, final: true, parent: best.submission.snapshot_id });
        submissions.push(await client.wait(fin.id, { intervalMs: 500, timeoutMs: 1_800_000 }));
        ctx.log(`best resubmitted as final (submission ${fin.id})`);
      }
      await this.summarise(ctx, trials, best).catch((e: Error) => ctx.log(`could not post the summary: ${e.message}`));
      return result(stopped);
    } catch (e) {
      return result('error', (e as Error).message);
    }
  }

  /** The closing finding: best recipe, and the structures tried more than once that never raised the ladder (negatives). */
  private async summarise(ctx: ResearcherContext, trials: Trial[], best: Trial | undefined): Promise<void> {
    if (trials.length === 0) return;
    const by = new Map<string, Trial[]>();
    for (const t of trials) by.set(structureOf(t.recipe), [...(by.get(structureOf(t.recipe)) ?? []), t]);
    const lines = [...by.entries()].map(([s, ts]) => `- ${s}: ${ts.length} tried, ${ts.filter((t) => t.improved).length} raised my best, ${ts.filter((t) => t.error).length} failed`);
    const negatives = [...by.entries()].filter(([, ts]) => ts.length >= 2 && !ts.some((t) => t.improved)).map(([s]) => s);
    // A result must link a finished submission; without a best, what it learned is a negative.
    await ctx.client.post({
      type: negatives.length || !best?.submission ? 'negative' : 'result',
      challenge: ctx.challenge,
      ...(best?.submission ? { submission_id: best.submission.id } : {}),
      title: `${ctx.name}: ${trials.length} compositions searched${negatives.length ? `; never better: ${negatives.slice(0, 3).join(', ')}` : ''}`,
      body: [
        best ? `Best: ${best.description} (released accuracy ${best.score.toFixed(3)}).` : 'Nothing beat the starting rung of the ladder.',
        'Structures tried (labels/selection/loss[/bootstrap]):',
        ...lines,
        negatives.length ? `Never better than my running best though tried at least twice: ${negatives.join(', ')}.` : '',
        'A submission that does not beat the running best by η releases nothing new, so "never better" means "not better than what I already had", not "worse than vanilla".',
      ].filter(Boolean).join('\n'),
    });
  }
}

registerResearcher('offline', 'search over method compositions (labels, selection, loss, rounds) with a seeded TPE; no LLM', (o) => new OfflineResearcher(o));
