/** Test fixtures for the server: a small feature-matrix challenge (no pretraining) and a running server. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../methods/index.js';
import { openStore } from '../store/index.js';
import { Rng } from '../util/rng.js';
import { addChallenge } from './challenge/add.js';
import { openServerDb } from './db/schema.js';
import { createToken } from './db/tokens.js';

/** A linearly separable-ish feature dataset of `n` rows as JSONL (features + label). */
export function toyData(dir: string, n = 1200, seed = 11): string {
  const rng = new Rng(seed);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = Array.from({ length: 16 }, () => rng.normal());
    const score = f.reduce((s, v, j) => s + v * (j % 2 ? 1 : -0.5), 0) + 0.3 * rng.normal();
    lines.push(JSON.stringify({ id: `r${i}`, features: f, label: score > 0 ? 'pos' : 'neg' }));
  }
  const file = join(dir, 'toy.jsonl');
  writeFileSync(file, lines.join('\n'));
  return file;
}

export interface Fixture {
  home: string;
  cacheDir: string;
  data: string;
  tokens: Record<string, string>;
}

/** A server home with challenge `toy` (seeds baselines) and one token per name. */
export async function challengeHome(o: { seeds?: number; audits?: boolean; researchers?: Record<string, { scoresPerHour?: number; computeHours?: number }> } = {}): Promise<Fixture> {
  const home = mkdtempSync(join(tmpdir(), 'w2s-server-'));
  const cacheDir = join(home, 'cache');
  const data = toyData(home);
  const sdb = openServerDb(home);
  const runs = openStore(join(home, 'runs.db'));
  try {
    await addChallenge(sdb, { name: 'toy', source: { data, dataOptions: { featuresField: 'features' } }, seeds: o.seeds ?? 2, audits: o.audits }, { cacheDir, runs, threads: 1 });
    const tokens: Record<string, string> = {};
    for (const [name, limits] of Object.entries(o.researchers ?? { alice: {} })) tokens[name] = createToken(sdb, name, limits).token;
    return { home, cacheDir, data, tokens };
  } finally {
    runs.close();
    sdb.close();
  }
}

/** A method file's source: vanilla training, or one that throws. */
export const VANILLA_SOURCE = `
export default {
  name: 'submitted_vanilla',
  description: 'vanilla, submitted as a file',
  params: [],
  async run(ctx) {
    const student = await ctx.student.train({ pool: 'transfer', targets: ctx.transfer.weakProbs });
    return { student };
  },
};
`;

/** A method that never returns: the method process's time limit must end it. */
export const SPINNING_SOURCE = `
export default {
  name: 'spinner',
  description: 'never returns',
  params: [],
  async run(ctx) {
    ctx.log('spinning');
    for (;;) {}
  },
};
`;

export const CRASHING_SOURCE = `
export default {
  name: 'crasher',
  description: 'fails on purpose',
  params: [],
  async run(ctx) {
    ctx.log('about to fail');
    throw new Error('this method crashes on purpose');
  },
};
`;
