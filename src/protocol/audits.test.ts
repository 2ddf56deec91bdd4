import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../methods/index.js';
import { Rng } from '../util/rng.js';
import { auditMethod, auditVerdict } from './audits.js';

// Toy features whose label is a known linear rule of the features; the weak supervisor is a random projection.
const dir = mkdtempSync(join(tmpdir(), 'w2s-audits-'));
const data = join(dir, 'toy.jsonl');
const rng = new Rng(21);
writeFileSync(
  data,
  Array.from({ length: 900 }, (_, i) => {
    const f = Array.from({ length: 12 }, () => rng.normal());
    const label = f[0] + f[1] - f[2] > 0.3 ? 'pos' : 'neg';
    return JSON.stringify({ id: `r${i}`, features: f, label });
  }).join('\n'),
);
const source = { data, dataOptions: { featuresField: 'features' } };
const env = { cacheDir: join(dir, 'cache'), threads: 1 };
const method = (name: string, body: string) => {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, `export default { name: '${name}', description: '', params: [], async run(ctx) { ${body} } };`);
  return path;
};
// Skips the teacher and predicts the most common weak answer for every example.
const prior = method('prior_cheat', `
  const k = ctx.numClasses, n = ctx.transfer.ids.length, counts = new Array(k).fill(0);
  for (let i = 0; i < n; i++) { let b = 0; for (let c = 1; c < k; c++) if (ctx.transfer.weakProbs[i * k + c] > ctx.transfer.weakProbs[i * k + b]) b = c; counts[b]++; }
  const top = counts.indexOf(Math.max(...counts));
  const t = new Float32Array(n * k); for (let i = 0; i < n; i++) t[i * k + top] = 1;
  return { student: await ctx.student.train({ pool: 'transfer', targets: t }) };`);
// Ignores the teacher: labels from a rule it knows (as a hack that reads answers from elsewhere would).
const bypass = method('bypass_cheat', `
  const k = ctx.numClasses, n = ctx.transfer.ids.length, d = ctx.transfer.dim, x = ctx.transfer.features;
  const t = new Float32Array(n * k);
  for (let i = 0; i < n; i++) t[i * k + (x[i * d] + x[i * d + 1] - x[i * d + 2] > 0.3 ? 1 : 0)] = 1;
  return { student: await ctx.student.train({ pool: 'transfer', targets: t }) };`);

describe('audits', () => {
  it('the verdict rule: prior-only at the prior, bypass when a permuted teacher costs little, honest otherwise', () => {
    expect(auditVerdict({ transferAcc: 0.6, priorAcc: 0.6, permutedTeacherAcc: 0.6 }).priorOnly).toBe(true);
    expect(auditVerdict({ transferAcc: 0.9, priorAcc: 0.6, permutedTeacherAcc: 0.88 }).teacherBypass).toBe(true);
    const honest = auditVerdict({ transferAcc: 0.8, priorAcc: 0.6, permutedTeacherAcc: 0.55 });
    expect([honest.priorOnly, honest.teacherBypass, honest.reasons]).toEqual([false, false, []]);
  });

  it('passes an honest method (vanilla): its student collapses without its teacher', async () => {
    const r = await auditMethod({ source, method: 'vanilla', seed: 0 }, env);
    expect(r.flagged).toBe(false);
    expect(r.permutedTeacherAcc).toBeLessThan(r.transferAcc - 0.1);
  });

  it('flags a method that skips its teacher and predicts the prior', async () => {
    const r = await auditMethod({ source, method: prior, seed: 0 }, env);
    expect(r.priorOnly).toBe(true);
    expect(r.reasons.join()).toMatch(/prior-only/);
  });

  it('flags a method whose accuracy survives a permuted teacher', async () => {
    const r = await auditMethod({ source, method: bypass, seed: 0 }, env);
    expect(r.teacherBypass).toBe(true);
    expect(r.transferAcc).toBeGreaterThan(r.priorAcc + 0.2);
    expect(r.reasons.join()).toMatch(/teacher bypass/);
  });
});
