/**
 * @huggingface/tokenizers vs transformers.js (@huggingface/transformers) on the
 * same tokenizer.json files: identical ids?, import time, texts/s. Run in a
 * scratch folder where both are installed (transformers.js is not a w2s
 * dependency), on the inputs of bench/tokenizers_inputs.ts:
 *
 *   mkdir /tmp/tjs && cd /tmp/tjs && npm init -y && ONNXRUNTIME_NODE_INSTALL=skip npm install @huggingface/transformers@4.3.1 @huggingface/tokenizers@0.2.0
 *   npx tsx bench/tokenizers_inputs.ts /tmp/tjs/inputs
 *   node bench/tokenizers_compare.mjs /tmp/tjs /tmp/tjs/inputs
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [scratch, inputs] = process.argv.slice(2);
if (!scratch || !inputs) throw new Error('usage: node bench/tokenizers_compare.mjs SCRATCH_DIR INPUTS_DIR');
const req = createRequire(join(scratch, 'package.json'));
const load = async (name) => {
  const t = performance.now();
  const m = await import(pathToFileURL(req.resolve(name)).href); // the CommonJS build: its exports are the default export
  return { mod: m.default ?? m, ms: performance.now() - t };
};
const hf = await load('@huggingface/tokenizers');
const tjs = await load('@huggingface/transformers');
const texts = JSON.parse(readFileSync(join(inputs, 'texts.json'), 'utf8'));

const configs = {
  wordpiece: { tokenizer_class: 'BertTokenizer', do_lower_case: true, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' },
  bpe: { tokenizer_class: 'GPT2Tokenizer', bos_token: '<|endoftext|>', eos_token: '<|endoftext|>', unk_token: '<|endoftext|>' },
};
const rate = (fn) => {
  fn(texts.slice(0, 200)); // warm-up
  const t = performance.now();
  const out = fn(texts);
  return { out, perSecond: texts.length / ((performance.now() - t) / 1000) };
};
console.log(`import: @huggingface/tokenizers ${hf.ms.toFixed(0)} ms, @huggingface/transformers ${tjs.ms.toFixed(0)} ms`);
console.log(`${texts.length} texts`);
for (const kind of ['wordpiece', 'bpe']) {
  const json = JSON.parse(readFileSync(join(inputs, `${kind}.json`), 'utf8'));
  const a = new hf.mod.Tokenizer(json, configs[kind]);
  const b = new tjs.mod.PreTrainedTokenizer(json, configs[kind]);
  const ra = rate((xs) => xs.map((x) => a.encode(x).ids));
  const rb = rate((xs) => xs.map((x) => b.encode(x)));
  let differ = 0;
  let tokens = 0;
  ra.out.forEach((ids, i) => {
    tokens += ids.length;
    if (ids.length !== rb.out[i].length || ids.some((v, j) => v !== rb.out[i][j])) differ++;
  });
  console.log(`${kind}: ${tokens} tokens; texts whose ids differ: ${differ}; @huggingface/tokenizers ${ra.perSecond.toFixed(0)} texts/s, transformers.js ${rb.perSecond.toFixed(0)} texts/s`);
}
