import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import '../methods/index.js';
import { Rng } from '../util/rng.js';
import { LADDER_ENV } from '../models/general/index.js';
import { buildTinyLadder } from '../models/general/testing.js';
import { PRETRAIN_STEPS_ENV } from './features.js';
import { configHash } from '../util/hash.js';
import { TEACHER_PERMUTATION_VERSION } from './method-view.js';
import { canonicalConfig, runExperiment, type ExperimentConfig } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-keys-'));
const words = ['good', 'bad', 'fine', 'awful', 'great', 'poor', 'nice', 'dull', 'the', 'a', 'film', 'plot', 'was', 'very'];
function textData(name: string, seed: number): string {
  const rng = new Rng(seed);
  const path = join(dir, name);
  writeFileSync(
    path,
    Array.from({ length: 400 }, (_, i) => {
      const text = Array.from({ length: 6 }, () => words[rng.int(words.length)]).join(' ');
      return JSON.stringify({ id: `t${i}`, text, label: /good|great|nice|fine/.test(text) ? 'pos' : 'neg' });
    }).join('\n'),
  );
  return path;
}
const data = textData('a.jsonl', 1);
const cacheDir = join(dir, 'cache');
const base: ExperimentConfig = { source: { data }, weak: 'xs', strong: 'xs', method: 'vanilla', seed: 0, probe: { epochs: 3 } };
const run = (cfg: Partial<ExperimentConfig> = {}) => runExperiment({ ...base, ...cfg }, { cacheDir, threads: 1, sandbox: 'off' });

describe('cache keys hold everything that changes the artifact', () => {
  afterEach(() => {
    process.env[PRETRAIN_STEPS_ENV] = '2';
    delete process.env[LADDER_ENV];
  });
  process.env[PRETRAIN_STEPS_ENV] = '2';

  it("a permuted-teacher run's key holds the permutation's version, so runs permuted the old way are not reused", () => {
    const honest = canonicalConfig(base, 'xs', 'xs', 'vanilla', {});
    const permuted = canonicalConfig({ ...base, teacher: 'permuted' }, 'xs', 'xs', 'vanilla', {});
    expect(permuted).toMatchObject({ teacher: 'permuted', teacherVersion: TEACHER_PERMUTATION_VERSION });
    expect(honest).not.toHaveProperty('teacherVersion');
    expect(configHash(permuted)).not.toBe(configHash(honest));
  });

  it('the same inputs hit the cached weak labels and ceiling', async () => {
    await run();
    const again = await run();
    expect([again.metrics.weak_cached, again.metrics.ceiling_cached]).toEqual([true, true]);
  });

  const changes: [string, () => Promise<Awaited<ReturnType<typeof run>>>][] = [
    ['pretraining steps', async () => {
      process.env[PRETRAIN_STEPS_ENV] = '3';
      return run();
    }],
    ['the general ladder (its weights and tokenizer)', async () => {
      const ladder = join(dir, 'ladder');
      await buildTinyLadder(ladder);
      process.env[LADDER_ENV] = ladder;
      return run();
    }],
    ['the task ladder instead of the general one', async () => {
      process.env[LADDER_ENV] = 'task';
      return run();
    }],
    ['the seed', () => run({ seed: 1 })],
    ['the probe', () => run({ probe: { epochs: 4 } })],
    ['the kind of student (fine-tuning)', () => run({ student: 'finetune', finetune: { epochs: 1, batchSize: 64 } })],
    ['the fine-tuning settings', () => run({ student: 'finetune', finetune: { epochs: 2, batchSize: 64 } })],
    ['the split fractions', () => run({ fractions: { weak_train: 0.3, transfer: 0.4, val: 0.1, test: 0.2 } })],
    ['the data file content', async () => {
      textData('a.jsonl', 2);
      try {
        return await run();
      } finally {
        textData('a.jsonl', 1);
      }
    }],
  ];
  for (const [what, change] of changes) {
    it(`changing ${what} misses the cache`, async () => {
      const r = await change();
      expect([r.metrics.weak_cached, r.metrics.ceiling_cached]).toEqual([false, false]);
    });
  }
});
