/**
 * `npx tsx bench/finetune-memory.ts [--students 12] [--rows 512]`
 *
 * Memory of a long-lived process that fine-tunes one student after another,
 * as a sweep worker does: each student is the `l` rung's architecture with a
 * fresh head, trained for one epoch on the same random token rows and used
 * to predict them twice (as a run predicts val and test). Prints the resident
 * set size after each student; it should level off once ONNX Runtime's
 * allocators are warm, not grow by each student's sessions.
 */
import { parseArgs } from 'node:util';
import { ParamLayout, TransformerEncoder } from '../src/engine/index.js';
import { trainFinetune } from '../src/models/finetune/index.js';
import { getModel } from '../src/models/ladder.js';
import { Rng } from '../src/util/rng.js';

const { values } = parseArgs({ options: { students: { type: 'string', default: '12' }, rows: { type: 'string', default: '512' } } });
const students = Number(values.students);
const n = Number(values.rows);
const config = { ...getModel('l').encoder, vocabSize: 2000, maxLen: 64 };
const base = new ParamLayout(new TransformerEncoder(config)).initialize(new Rng(0));
const rng = new Rng(1);
const len = 48;
const ids = new Int32Array(n * config.maxLen);
const mask = new Float32Array(n * config.maxLen);
for (let r = 0; r < n; r++) {
  for (let t = 0; t < len; t++) ids[r * config.maxLen + t] = 5 + rng.int(config.vocabSize - 5);
  mask.fill(1, r * config.maxLen, r * config.maxLen + len);
}
const tokens = { ids, mask, maxLen: config.maxLen };
const targets = new Float32Array(n * 2);
for (let r = 0; r < n; r++) targets[2 * r + rng.int(2)] = 1;
const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
console.log(JSON.stringify({ bench: 'finetune-memory', students, rows: n, tokens: len, rss_mb_start: mb() }));
for (let s = 0; s < students; s++) {
  const t0 = performance.now();
  const clf = await trainFinetune({ base: { config, theta: base }, tokens, targets, numClasses: 2, seed: s, threads: 1, config: { epochs: 1 } });
  await clf.predict(tokens);
  await clf.predict(tokens);
  console.log(JSON.stringify({ student: s + 1, rss_mb: mb(), seconds: +((performance.now() - t0) / 1000).toFixed(1) }));
}
