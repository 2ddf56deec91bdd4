/**
 * `npm run bench:holdout [-- --rows 6000] [--budget 10000] [--task spam --cache DIR]`
 *
 * The label-extraction benchmark. Starts a scoring server on a temporary home with one
 * challenge, gives each attacker a token allowed `budget` scores, and runs the
 * flip-one-prediction attack and the boosting + hill-climbing attack over HTTP against
 * the dev split. The same attacks run against an exact-accuracy scorer (the 2026
 * sandbox's leak) and against a Ladder started at 0 (plain Blum & Hardt, no weak-baseline
 * start). Then honest submissions (vanilla variants) go through the queue, and the
 * released dev score is compared with the true one. Prints a markdown table and one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import '../src/methods/index.js';
import { openStore } from '../src/store/index.js';
import { Rng } from '../src/util/rng.js';
import { addChallenge } from '../src/server/challenge/add.js';
import { fixedBaselines } from '../src/server/challenge/baselines.js';
import { getChallenge, labelsOf } from '../src/server/db/challenges.js';
import { openServerDb } from '../src/server/db/schema.js';
import { createToken } from '../src/server/db/tokens.js';
import { W2sClient } from '../src/server/client.js';
import { accuracyOf, boostingAttack, exactScorer, flipOneAttack, hillClimb, ladderScorer, majorityRate, type AttackOptions, type Scorer } from '../src/server/holdout/attacks.js';
import { baselinesOf } from '../src/server/db/challenges.js';
import { methodRunner } from '../src/server/queue/method-runner.js';
import { startServer } from '../src/server/serve.js';
import { toyData } from '../src/server/testing.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '6000' },
    budget: { type: 'string', default: '10000' },
    task: { type: 'string' },
    cache: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const budget = Number(values.budget);
const home = mkdtempSync(join(tmpdir(), 'w2s-bench-holdout-'));
const cacheDir = values.cache ?? join(home, 'cache');
const t0 = performance.now();

const sdb = openServerDb(home);
const runs = openStore(join(home, 'runs.db'));
const source = values.task ? { task: values.task } : { data: toyData(home, Number(values.rows)), dataOptions: { featuresField: 'features' } };
process.stderr.write(`preparing challenge on ${values.task ?? `toy features (${values.rows} rows)`}\n`);
await addChallenge(sdb, { name: 'bench', source, seeds: 3 }, { cacheDir, runs, threads: 1 });
runs.close();
const c = getChallenge(sdb, 'bench')!;
const labels = labelsOf(sdb, c, 0, 'dev');
const k = c.classes.length;
const weakDev = fixedBaselines(sdb, c, 'dev').weak;
const maj = majorityRate(labels, k);
const token = (name: string) => createToken(sdb, name, { scoresPerHour: budget + 10 }).token;
const tokens = { flip: token('flip'), boost: token('boost'), informed: token('informed'), honest: token('honest') };
// The informed attacker starts from the weak model's dev predictions (a researcher can train the weak model).
const weakStart = Int32Array.from(baselinesOf(sdb, c).get(0)!.weak.dev);
sdb.close();

const server = await startServer({
  home, workers: 1, runner: methodRunner({ home, cacheDir, threads: 1 }), limits: { requestsPerMinute: 10_000_000 }, worker: { pollMs: 50 },
});
const http = (t: string): Scorer => {
  const client = new W2sClient(server.url, t);
  return async (p) => (await client.score('bench', Array.from(p))).accuracy;
};

const opts = () => ({ n: labels.length, numClasses: k, budget, rng: new Rng(17) });
const recover = async (attack: (s: Scorer, o: AttackOptions) => ReturnType<typeof flipOneAttack>, scorer: Scorer) => {
  const t = performance.now();
  const r = await attack(scorer, opts());
  return { recovered: accuracyOf(r.guess, labels), queries: r.queries, seconds: (performance.now() - t) / 1000 };
};
const results = {
  flip: {
    server: await recover(flipOneAttack, http(tokens.flip)),
    exact: await recover(flipOneAttack, exactScorer(labels)),
    ladderFrom0: await recover(flipOneAttack, ladderScorer(labels, c.config.eta, 0)),
  },
  boost: {
    server: await recover(boostingAttack, http(tokens.boost)),
    exact: await recover(boostingAttack, exactScorer(labels)),
    ladderFrom0: await recover(boostingAttack, ladderScorer(labels, c.config.eta, 0)),
  },
  informed: {
    server: await recover((s, o) => hillClimb(s, o, weakStart), http(tokens.informed)),
    exact: await recover((s, o) => hillClimb(s, o, weakStart), exactScorer(labels)),
    ladderFrom0: await recover((s, o) => hillClimb(s, o, weakStart), ladderScorer(labels, c.config.eta, 0)),
  },
};
const startAcc = accuracyOf(weakStart, labels);

// Honest research: vanilla variants submitted one after another; released vs true dev accuracy.
const HONEST = `
export default {
  name: 'honest_vanilla',
  description: 'vanilla with label smoothing and optional hard labels',
  params: [
    { name: 'smoothing', type: 'number', default: 0, description: 'label smoothing' },
    { name: 'hard', type: 'boolean', default: false, description: 'argmax weak labels' },
    { name: 'epochs', type: 'number', default: 0, description: 'probe epochs (0: default)' },
  ],
  async run(ctx, p) {
    const k = ctx.numClasses, w = ctx.transfer.weakProbs, t = new Float32Array(w.length);
    for (let i = 0; i < w.length / k; i++) {
      let arg = 0;
      for (let j = 1; j < k; j++) if (w[i * k + j] > w[i * k + arg]) arg = j;
      for (let j = 0; j < k; j++) t[i * k + j] = (1 - p.smoothing) * (p.hard ? (j === arg ? 1 : 0) : w[i * k + j]) + p.smoothing / k;
    }
    const student = await ctx.student.train({ pool: 'transfer', targets: t, ...(p.epochs > 0 ? { config: { epochs: p.epochs } } : {}) });
    return { student };
  },
};`;
const honestClient = new W2sClient(server.url, tokens.honest);
const variants: Record<string, number | boolean>[] = [{ epochs: 1 }, { epochs: 2 }, {}, { hard: true }, { smoothing: 0.1 }, { smoothing: 0.3 }, { hard: true, smoothing: 0.05 }, { epochs: 40 }];
const honest: { params: object; released: number; true: number; improved: boolean }[] = [];
for (const params of variants) {
  const s = await honestClient.submit('bench', { method: HONEST, params, seeds: 3 });
  const done = await honestClient.wait(s.id, { intervalMs: 100 });
  if (done.status !== 'done') throw new Error(`honest submission failed: ${done.error}\n${done.logs}`);
  const row = server.sdb.db.prepare('SELECT true_accuracy, released_accuracy, improved FROM scores WHERE id = (SELECT score_id FROM submissions WHERE id = ?)').get(s.id) as {
    true_accuracy: number; released_accuracy: number; improved: number;
  };
  honest.push({ params, released: row.released_accuracy, true: row.true_accuracy, improved: row.improved === 1 });
}
await server.close();

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const line = (name: string, r: { recovered: number; queries: number }) => `| ${name} | ${r.queries} | ${pct(r.recovered)} | ${r.recovered <= maj + 0.01 ? 'yes' : 'no'} |`;
const gaps = honest.map((h) => Math.abs(h.released - h.true));
const gapsImproved = honest.filter((h) => h.improved).map((h) => Math.abs(h.released - h.true));
const bestTrue = Math.max(...honest.map((h) => h.true));
const out = [
  `dev split: ${labels.length} examples, ${k} classes, majority rate ${pct(maj)}, weak baseline ${pct(weakDev)}, η = ${c.config.eta}, budget ${budget} scores per attacker`,
  '',
  '| attack, scorer | queries | labels recovered | ≤ majority + 1% |',
  '| --- | ---: | ---: | :---: |',
  line('flip one, server (Ladder from weak baseline, over HTTP)', results.flip.server),
  line('flip one, exact accuracy', results.flip.exact),
  line('flip one, Ladder from 0', results.flip.ladderFrom0),
  line('boosting + hill-climb, server (over HTTP)', results.boost.server),
  line('boosting + hill-climb, exact accuracy', results.boost.exact),
  line('boosting + hill-climb, Ladder from 0', results.boost.ladderFrom0),
  '',
  `Informed attacker: hill-climbing from the weak model's dev predictions (${pct(startAcc)} right to start with).`,
  '',
  '| scorer | queries | labels recovered | gain over the start |',
  '| --- | ---: | ---: | ---: |',
  ...(['server', 'exact', 'ladderFrom0'] as const).map((k2) => `| ${{ server: 'server (over HTTP)', exact: 'exact accuracy', ladderFrom0: 'Ladder from 0' }[k2]} | ${results.informed[k2].queries} | ${pct(results.informed[k2].recovered)} | ${(100 * (results.informed[k2].recovered - startAcc)).toFixed(1)} points |`),
  '',
  '| honest submission (3 seeds) | true dev acc | released | improved |',
  '| --- | ---: | ---: | :---: |',
  ...honest.map((h) => `| ${JSON.stringify(h.params)} | ${h.true.toFixed(4)} | ${h.released.toFixed(2)} | ${h.improved ? 'yes' : ''} |`),
  '',
  `honest: |released - true| mean ${gaps.length ? (gaps.reduce((a, b) => a + b, 0) / gaps.length).toFixed(4) : '-'}, max ${Math.max(...gaps).toFixed(4)}; on releases max ${gapsImproved.length ? Math.max(...gapsImproved).toFixed(4) : '-'}; final best released ${honest.at(-1)!.released.toFixed(2)} vs best true ${bestTrue.toFixed(4)}`,
  `took ${((performance.now() - t0) / 1000).toFixed(0)} s`,
];
process.stdout.write(`${out.join('\n')}\n`);
process.stdout.write(`${JSON.stringify({ n: labels.length, majority: maj, weakDev, informedStart: startAcc, eta: c.config.eta, budget, results, honest })}\n`);
if (!values.keep) rmSync(home, { recursive: true, force: true });
