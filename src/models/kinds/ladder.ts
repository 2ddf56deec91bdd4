import { DEFAULT_TEXT, getModel, listModels, type LadderModel } from '../ladder.js';
import { ensureEncoder, ensureFeatures } from '../cache.js';
import { encoderConfig } from '../pretrain.js';
import { registerModelKind, type LadderSpec } from './registry.js';

/** The model with another number of pretraining steps; the steps are part of the encoder's cache key. */
function withPretrainSteps(m: LadderModel, steps: number | undefined): LadderModel {
  return steps === undefined || steps === m.pretrain.steps ? m : { ...m, pretrain: { ...m.pretrain, steps } };
}

const rungs = () => listModels().map((m) => m.name);

/** A rung of the ladder: a transformer encoder pretrained here (masked LM) on the task's texts; fine-tunable. */
registerModelKind<LadderSpec>({
  kind: 'ladder',
  syntax: 'RUNG',
  example: 'l',
  get description() {
    return `a ladder encoder pretrained here on the task's texts: ${rungs().join(', ')}`;
  },
  data: ['text'],
  finetunable: true,
  claims: (name) => rungs().includes(name),
  parse: (name) => ({ kind: 'ladder', rung: getModel(name).name }),
  name: (spec) => spec.rung,
  features: async (spec, ctx) => {
    const corpus = { name: ctx.corpusName, texts: ctx.ds.examples.map((e) => e.text ?? '') };
    const model = withPretrainSteps(getModel(spec.rung), ctx.pretrainSteps);
    const enc = await ensureEncoder({ cacheDir: ctx.cacheDir, corpus, model, text: DEFAULT_TEXT, threads: ctx.threads, events: ctx.events });
    const f = await ensureFeatures({ cacheDir: ctx.cacheDir, enc, corpus, threads: ctx.threads });
    return { ...f, params: enc.encoder.numParams() };
  },
  finetuneSource: async (spec, ctx) => {
    const corpus = { name: ctx.corpusName, texts: ctx.texts };
    const model = withPretrainSteps(getModel(spec.rung), ctx.pretrainSteps);
    const enc = await ensureEncoder({ cacheDir: ctx.cacheDir, corpus, model, text: DEFAULT_TEXT, threads: ctx.threads, events: ctx.events });
    const { ids, mask } = enc.tokenizer.encodeBatch(ctx.texts, enc.text.maxLen);
    return {
      engine: 'ladder',
      base: { config: encoderConfig(enc.model, enc.tokenizer, enc.text), theta: enc.theta },
      tokens: { ids, mask, maxLen: enc.text.maxLen },
      params: enc.encoder.numParams(),
    };
  },
  installed: () => [`built in: ${rungs().join(', ')}; no weights ship with w2s: each rung is pretrained on the task's texts on first use and cached (--cache)`],
});
