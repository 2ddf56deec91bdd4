/**
 * The data-boundary fuzzer at scale: `npx tsx bench/data-fuzz.ts [cases] [first-seed]`
 * (default 10,000 from seed 0). Prints outcome counts per format and mutation, and every
 * silent label-set change or raw exception with its seed (rerun one with fuzzCase(seed)).
 * Exits 1 if any case is silent or raw.
 */
import { rmSync } from 'node:fs';
import { tempDir } from '../src/data/fixtures.js';
import { fuzzCase } from '../src/data/fuzz/cases.js';
import { runCase, type Outcome, type OutcomeKind } from '../src/data/fuzz/check.js';

const cases = Number(process.argv[2] ?? 10_000);
const first = Number(process.argv[3] ?? 0);
const root = tempDir('w2s-fuzz-bench-');
const KINDS: OutcomeKind[] = ['accepted', 'refused', 'silent', 'raw', 'unverified'];
const total = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<OutcomeKind, number>;
const byFormat = new Map<string, Record<OutcomeKind, number>>();
const byMutation = new Map<string, Record<OutcomeKind, number>>();
const bad: Outcome[] = [];
const t0 = performance.now();
try {
  for (let seed = first; seed < first + cases; seed++) {
    const o = await runCase(fuzzCase(seed), root);
    total[o.kind]++;
    for (const [map, key] of [[byFormat, o.fuzz.format], [byMutation, `${o.fuzz.format}/${o.fuzz.mutation}`]] as const) {
      if (!map.has(key)) map.set(key, Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<OutcomeKind, number>);
      map.get(key)![o.kind]++;
    }
    if (o.kind === 'silent' || o.kind === 'raw') bad.push(o);
    if ((seed - first + 1) % 1000 === 0) rmSync(root, { recursive: true, force: true });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
const row = (name: string, c: Record<OutcomeKind, number>) => `${name.padEnd(34)}${KINDS.map((k) => String(c[k]).padStart(11)).join('')}`;
console.log(`${cases} cases (seeds ${first}..${first + cases - 1}) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
console.log(`${''.padEnd(34)}${KINDS.map((k) => k.padStart(11)).join('')}`);
for (const [f, c] of [...byFormat].sort()) console.log(row(f, c));
console.log(row('total', total));
if (process.argv.includes('--mutations')) {
  console.log('');
  for (const [m, c] of [...byMutation].sort()) console.log(row(m, c));
}
for (const o of bad.slice(0, 20)) console.log(`seed ${o.fuzz.seed} ${o.fuzz.format}/${o.fuzz.mutation}: ${o.kind}: ${o.detail}`);
console.log(`\nsilent label-set changes: ${total.silent}; raw exceptions (stack traces): ${total.raw}; unverified accepts: ${total.unverified}`);
process.exit(total.silent + total.raw > 0 ? 1 : 0);
