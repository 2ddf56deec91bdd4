/**
 * Inputs of the tokenizer comparison (bench/tokenizers_compare.mjs): the spam
 * task's texts, the test-made WordPiece tokenizer.json with the corpus's
 * frequent words added, and a GPT-2-style byte-level BPE tokenizer.json whose
 * merges are learned here on the same texts. Nothing is downloaded.
 *
 *   npx tsx bench/tokenizers_inputs.ts OUT_DIR [merges=2000]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tinyTokenizerJson, tinyVocab } from '../src/models/hf/tiny_folder.js';
import { loadSource } from '../src/protocol/data.js';

const out = process.argv[2];
if (!out) throw new Error('usage: npx tsx bench/tokenizers_inputs.ts OUT_DIR [merges]');
const merges = Number(process.argv[3] ?? 2000);
mkdirSync(out, { recursive: true });
const ds = await loadSource({ task: 'spam' });
const texts = ds.examples.map((e) => e.text ?? '');
writeFileSync(join(out, 'texts.json'), JSON.stringify(texts));

// WordPiece: the test vocabulary plus the 3000 most frequent lowercase words of the corpus.
const words = new Map<string, number>();
for (const t of texts) for (const w of t.toLowerCase().match(/\p{L}+/gu) ?? []) words.set(w, (words.get(w) ?? 0) + 1);
const base = tinyVocab();
const frequent = [...words].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w).filter((w) => !base.includes(w)).slice(0, 3000);
writeFileSync(join(out, 'wordpiece.json'), JSON.stringify(tinyTokenizerJson([...base, ...frequent])));

// Byte-level BPE (GPT-2's byte-to-unicode map and pre-tokenisation pattern), merges learned greedily by pair frequency.
function bytesToUnicode(): string[] {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) if (!bs.includes(b)) (bs.push(b), cs.push(256 + n++));
  const map: string[] = new Array(256);
  bs.forEach((b, i) => (map[b] = String.fromCodePoint(cs[i])));
  return map;
}
const byteChar = bytesToUnicode();
const PAT = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const pieces = new Map<string, number>();
for (const t of texts.slice(0, 3000)) {
  for (const p of t.match(PAT) ?? []) {
    const s = [...new TextEncoder().encode(p)].map((b) => byteChar[b]).join('');
    pieces.set(s, (pieces.get(s) ?? 0) + 1);
  }
}
const seqs = [...pieces].map(([s, c]) => ({ parts: [...s], c }));
const vocab: Record<string, number> = {};
for (const ch of byteChar) vocab[ch] = Object.keys(vocab).length;
const mergeList: string[] = [];
for (let m = 0; m < merges; m++) {
  const counts = new Map<string, number>();
  for (const { parts, c } of seqs) for (let i = 0; i + 1 < parts.length; i++) {
    const k = `${parts[i]} ${parts[i + 1]}`;
    counts.set(k, (counts.get(k) ?? 0) + c);
  }
  let best = '';
  let bestC = 0;
  for (const [k, c] of counts) if (c > bestC || (c === bestC && k < best)) [best, bestC] = [k, c];
  if (bestC < 2) break;
  const [a, b] = best.split(' ');
  for (const s of seqs) {
    const next: string[] = [];
    for (let i = 0; i < s.parts.length; i++) {
      if (i + 1 < s.parts.length && s.parts[i] === a && s.parts[i + 1] === b) (next.push(a + b), i++);
      else next.push(s.parts[i]);
    }
    s.parts = next;
  }
  mergeList.push(best);
  vocab[a + b] = Object.keys(vocab).length;
}
const eos = Object.keys(vocab).length;
const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
writeFileSync(
  join(out, 'bpe.json'),
  JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [{ id: eos, content: '<|endoftext|>', single_word: false, lstrip: false, rstrip: false, normalized: true, special: true }],
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: { ...byteLevel, trim_offsets: false },
    decoder: byteLevel,
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab: { ...vocab, '<|endoftext|>': eos }, merges: mergeList },
  }),
);
process.stdout.write(`${out}: ${texts.length} texts, WordPiece ${base.length + frequent.length} tokens, BPE ${mergeList.length} merges\n`);
