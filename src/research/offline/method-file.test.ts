/**
 * The offline researcher's method files: the readable file says its recipe
 * step by step; its self-contained form bundles under the method policy and
 * runs through the normal method path (runExperiment, the method process) on
 * a tiny feature task, from any folder.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../methods/index.js';
import { runExperiment } from '../../protocol/run.js';
import { toyData } from '../../server/testing.js';
import { methodSource, writeMethodFiles } from './method-file.js';
import { recipeOf, HAND_WRITTEN } from './recipe.js';

let dir: string;
let source: { data: string; dataOptions: { featuresField: string } };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'w2s-method-file-'));
  source = { data: toyData(dir, 600), dataOptions: { featuresField: 'features' } };
});

const recipe = recipeOf({ ...HAND_WRITTEN[1].point, labels: 'weak', temperature: 0.5, select: 'quantile', keep: 0.8, loss: 'logconf', alpha: 0.5, warmup: 0.2, rounds: 1 });

describe('method files', () => {
  it('writes each step with its parameters as literals', () => {
    const text = methodSource(dir, { name: 'r_c001', recipe });
    expect(text).toContain("labelTargets(ctx, { source: 'weak', temperature: 0.5, smoothing: 0, hard: false })");
    expect(text).toContain("selectRows(ctx, labels, { kind: 'quantile', keep: 0.8 })");
    expect(text).toContain("{ kind: 'logconf', alpha: 0.5, warmup: 0.2 }");
    expect(text).toContain('bootstrapRounds(ctx, student, 1, false)');
    expect(text).not.toContain('extraSupervisors');
    expect(methodSource(dir, { name: 'r_c002', recipe: recipeOf({ ...HAND_WRITTEN[0].point }) })).toContain('extraSupervisors: true');
    expect(() => methodSource(dir, { name: 'Bad-Name', recipe })).toThrow(/lowercase/);
  });

  it('the self-contained file runs through the method process from another folder, as the readable one does', async () => {
    const files = await writeMethodFiles(join(dir, 'cands'), 'c001', { name: 'r_c001', recipe });
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const moved = join(elsewhere, 'best.ts');
    copyFileSync(files.file, moved);
    // No import of w2s's src is left: it depends on nothing but Node and ONNX Runtime by name.
    expect(readFileSync(moved, 'utf8')).not.toMatch(/^import .* from ["'][./]/m);
    const env = { cacheDir: join(dir, 'cache'), threads: 1 };
    const [fromFile, fromReadable, vanilla] = await Promise.all([
      runExperiment({ source, method: moved, seed: 0 }, env),
      runExperiment({ source, method: files.readable, seed: 0 }, env),
      runExperiment({ source, method: 'vanilla', seed: 0 }, env),
    ]);
    expect(fromFile.metrics.test.transfer_acc).toBeGreaterThan(0.6);
    expect(fromReadable.metrics.test.transfer_acc).toBeGreaterThan(0.6);
    // Different bundles are different runs: rows reach the method in an order keyed by the run (its key holds the
    // bundle's hash), so the students differ a little; both must learn.
    // And not simply vanilla under another name: its bootstrap round trains a second student.
    expect(fromFile.metrics.students_trained).toBeGreaterThan(vanilla.metrics.students_trained);
  }, 120_000);
});
