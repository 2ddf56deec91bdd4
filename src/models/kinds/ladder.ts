import { listModels } from '../ladder.js';
import { ensureFeatures } from '../cache.js';
import { datasetEncoder, ladderEncoder, ladderSource, pretrainStepsOverride, readManifest } from '../general/index.js';
import { registerModelKind, type LadderSpec } from './registry.js';

const rungs = () => listModels().map((m) => m.name);

/**
 * A rung of the ladder: a transformer encoder, by default the shipped general
 * ladder's (MLM-pretrained on the Brown corpus, models/ladder/; pretrained
 * further on the task's text with --pretrain-steps N; W2S_LADDER=task
 * pretrains it on the task's texts alone, as before); fine-tunable.
 */
registerModelKind<LadderSpec>({
  kind: 'ladder',
  get syntax() {
    return rungs().join('|');
  },
  example: 'l',
  get description() {
    return `a ladder encoder (${rungs().join(', ')}), general-pretrained on the Brown corpus and shipped with w2s`;
  },
  data: ['text'],
  finetunable: true,
  claims: (name) => rungs().includes(name),
  parse: (name) => {
    if (!rungs().includes(name)) throw new Error(`unknown ladder model "${name}"; the ladder has: ${rungs().join(', ')}`);
    return { kind: 'ladder', rung: name };
  },
  name: (spec) => spec.rung,
  features: async (spec, ctx) => {
    const corpus = { name: ctx.corpusName, texts: ctx.ds.examples.map((e) => e.text ?? '') };
    const enc = await datasetEncoder(ctx.ds, ctx.corpusName, spec.rung, { cacheDir: ctx.cacheDir, taskSteps: ctx.pretrainSteps, threads: ctx.threads, events: ctx.events });
    const f = await ensureFeatures({ cacheDir: ctx.cacheDir, enc, corpus, threads: ctx.threads });
    return { ...f, params: enc.params };
  },
  finetuneSource: async (spec, ctx) => {
    const corpus = { name: ctx.corpusName, texts: ctx.texts };
    const enc = await ladderEncoder(spec.rung, { cacheDir: ctx.cacheDir, corpus, taskSteps: ctx.pretrainSteps ?? pretrainStepsOverride(), threads: ctx.threads, events: ctx.events });
    return { engine: 'ladder', base: { config: enc.config, theta: enc.theta }, tokens: enc.tokenRows(ctx.texts), params: enc.params };
  },
  installed: () => {
    const source = ladderSource();
    if (source.kind === 'task') return [`W2S_LADDER=task: each rung (${rungs().join(', ')}) is pretrained on the task's texts on first use and cached (--cache)`];
    try {
      const m = readManifest(source.dir);
      return [`general ladder in ${source.dir}: ${Object.entries(m.rungs).map(([name, r]) => `${name} (${r.params} params, ${r.pretrain.steps} steps, held-out MLM loss ${r.heldout_loss.toFixed(3)})`).join(', ')}; rebuild with npm run pretrain:ladder`];
    } catch (e) {
      return [`no general ladder in ${source.dir}: ${(e as Error).message}`];
    }
  },
});
