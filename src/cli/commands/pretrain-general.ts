/** `w2s pretrain --general` (`npm run pretrain:ladder`): build the shipped general ladder into models/ladder/. */
import { listModels, getModel, DEFAULT_TEXT } from '../../models/ladder.js';
import { GENERAL_PRETRAIN_STEPS, GENERAL_PRETRAIN_THREADS, SHIPPED_LADDER_DIR, buildGeneralLadder, generalCorpus, posSentenceKeys } from '../../models/general/index.js';

export interface GeneralPretrainFlags {
  models?: string[];
  threads?: number;
  steps?: number;
  out?: string;
  seed?: number;
}

/** Defaults reproduce the shipped files bitwise: every rung, GENERAL_PRETRAIN_STEPS steps, seed 0, GENERAL_PRETRAIN_THREADS threads. */
export async function runGeneralPretrain(o: GeneralPretrainFlags): Promise<void> {
  const models = (o.models ?? listModels().map((m) => m.name)).map(getModel);
  const corpus = generalCorpus(await posSentenceKeys());
  const outDir = o.out ?? SHIPPED_LADDER_DIR;
  const steps = o.steps ?? GENERAL_PRETRAIN_STEPS;
  const stepsOf = (name: string) => (typeof steps === 'number' ? steps : steps[name]);
  process.stderr.write(`general ladder: ${corpus.name}, ${corpus.train.length} sentences (${corpus.heldout.length} held out, ${corpus.excluded} of pos left out); ${models.map((m) => `${m.name} × ${stepsOf(m.name)}`).join(', ')} steps → ${outDir}\n`);

  await buildGeneralLadder({
    outDir, corpus, models, text: DEFAULT_TEXT, steps, seed: o.seed ?? 0, threads: o.threads ?? GENERAL_PRETRAIN_THREADS,
    onProgress: (name, p) => {
      if (p.step % Math.max(1, Math.floor(p.steps / 20)) === 0) process.stderr.write(`  ${name} step ${p.step}/${p.steps} loss ${p.loss.toFixed(3)} ${(p.step / p.elapsedSeconds).toFixed(2)} steps/s\n`);
    },
    onRung: (name, r) => process.stdout.write(`${name}: ${r.seconds.toFixed(0)} s, train loss ${r.trainLoss.toFixed(3)}, held-out MLM loss ${r.heldoutLoss.toFixed(3)}\n`),
  });
}
