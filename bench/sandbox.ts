/**
 * `npm run bench:sandbox [-- --tasks reviews --seeds 2 --rounds 2]`
 *
 * What the sandbox costs: `w2s bench methods` on the same tasks and seeds, with
 * methods in the host process (`--sandbox off`) and in confined method processes
 * (`--sandbox auto`), each into a fresh store over the same warm cache, the two
 * alternated `--rounds` times so that load on the machine hits both alike. Prints
 * one JSON line per invocation and a summary line with the overhead.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: 'reviews' },
    seeds: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '2' },
    cache: { type: 'string', default: '.w2s/cache' },
    workers: { type: 'string', default: '1' },
  },
});
const bin = fileURLToPath(new URL('../bin/w2s.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'w2s-bench-sandbox-'));
const bench = (sandbox: string, tag: string) => {
  const args = [bin, '--sandbox', sandbox, 'bench', 'methods', '--tasks', values.tasks!, '--seeds', values.seeds!, '--workers', values.workers!,
    '--cache', values.cache!, '--store', join(tmp, `${tag}.db`), '--out', join(tmp, `${tag}.md`), '--report', join(tmp, `${tag}-report`)];
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`w2s bench methods --sandbox ${sandbox} failed:\n${r.stderr.slice(-2000)}`);
  return (performance.now() - t) / 1000;
};
// Warm the cache (pretraining, features, weak labels, ceilings) outside the measurement.
bench('off', 'warm');
const times: Record<string, number[]> = { off: [], auto: [] };
for (let i = 0; i < Number(values.rounds); i++) {
  for (const sandbox of i % 2 ? ['auto', 'off'] : ['off', 'auto']) {
    const s = bench(sandbox, `${sandbox}-${i}`);
    times[sandbox].push(s);
    process.stdout.write(`${JSON.stringify({ sandbox, round: i, seconds: +s.toFixed(1) })}\n`);
  }
}
const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
const off = sum(times.off);
const auto = sum(times.auto);
process.stdout.write(`${JSON.stringify({ bench: 'sandbox', tasks: values.tasks, seeds: Number(values.seeds), rounds: Number(values.rounds), off_s: +off.toFixed(1), sandbox_s: +auto.toFixed(1), overhead: +(auto / off - 1).toFixed(3) })}\n`);
