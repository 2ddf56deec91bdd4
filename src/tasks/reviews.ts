import { Rng, deriveRng } from '../util/rng.js';
import { registerTask } from './registry.js';
import { drawWeighted } from './sample.js';
import type { AuxTaskSpec, Dataset, Example, TaskDefinition } from './types.js';

/**
 * Generated reviews whose verdict is a small logic problem: each clause rates
 * an aspect ("the service was not rude"), negation flips a clause, and the
 * label is the majority polarity of the clauses. difficulty = number of
 * clauses (1, 3, 5, 7); 15% of clauses are negated. Easy-to-hard: the
 * weak side sees 1–3 clauses; test holds 5; ood_test holds 7.
 *
 * Clause polarities inside a review agree with its verdict 90% of the time,
 * so unlabeled text carries the signal a pretrained model can pick up (which
 * words are good, what "not" does) — as pretraining corpora do for LLMs.
 */
export const REVIEWS_EASY_MAX = 2;
export const REVIEWS_MAX_DIFFICULTY = 4;
export const REVIEWS_DEFAULT_LIMIT = 8000;
const DIFFICULTY_WEIGHTS = [5, 5, 3, 1];
const CLASSES = ['negative', 'positive'];

const POSITIVE = ['great', 'excellent', 'superb', 'lovely', 'fantastic', 'perfect', 'delightful', 'wonderful', 'fresh', 'friendly', 'clean', 'quick', 'cozy', 'generous', 'charming', 'tasty', 'helpful', 'spotless', 'quiet', 'reliable'];
const NEGATIVE = ['awful', 'terrible', 'bland', 'rude', 'dirty', 'slow', 'broken', 'stale', 'noisy', 'poor', 'greasy', 'cramped', 'overpriced', 'cold', 'sloppy', 'dull', 'unhelpful', 'smelly', 'soggy', 'disappointing'];
const ASPECTS = ['food', 'service', 'staff', 'room', 'price', 'music', 'view', 'coffee', 'bed', 'wifi', 'menu', 'bathroom', 'location', 'breakfast', 'parking', 'dessert'];
const OPENERS = ['honestly', 'overall', 'well', 'to be fair', 'in short', 'frankly', 'i think', 'we felt'];
const LINKS = ['and', 'but', 'while', 'also', 'yet', 'though'];

export interface Clause {
  aspect: string;
  adjective: string;
  negated: boolean;
  /** +1 good, -1 bad, after negation. */
  polarity: 1 | -1;
}

export function clauseText(c: Clause): string {
  return `the ${c.aspect} was ${c.negated ? 'not ' : ''}${c.adjective}`;
}

/** A review with `2·difficulty − 1` clauses, its verdict drawn first. */
export function generateReview(difficulty: number, rng: Rng): { text: string; label: number; clauses: Clause[] } {
  const n = 2 * difficulty - 1;
  const verdict = rng.int(2) === 0 ? -1 : 1;
  const negRate = 0.15;
  for (;;) {
    const clauses: Clause[] = Array.from({ length: n }, () => {
      const polarity = (rng.next() < 0.9 ? verdict : -verdict) as 1 | -1;
      const negated = rng.next() < negRate;
      const wordPolarity = negated ? -polarity : polarity;
      const pool = wordPolarity > 0 ? POSITIVE : NEGATIVE;
      return { aspect: ASPECTS[rng.int(ASPECTS.length)], adjective: pool[rng.int(pool.length)], negated, polarity };
    });
    const sum = clauses.reduce((s, c) => s + c.polarity, 0);
    if (Math.sign(sum) !== verdict) continue; // keep the verdict as drawn: label balance stays 50/50
    const parts = [OPENERS[rng.int(OPENERS.length)], clauseText(clauses[0])];
    for (const c of clauses.slice(1)) parts.push(LINKS[rng.int(LINKS.length)], clauseText(c));
    return { text: parts.join(' '), label: verdict > 0 ? 1 : 0, clauses };
  }
}

/** Auxiliary task: does the review negate a clause? Read off the text; negation is what the verdict hinges on. */
export const REVIEWS_NEGATION: AuxTaskSpec = {
  name: 'negation',
  classes: ['no negation', 'negation'],
  description: "whether any clause is negated ('was not ...'), read off the text",
  label: ({ text }) => (text === undefined ? -1 : /\bwas not\b/.test(text) ? 1 : 0),
};

export const reviewsTask: TaskDefinition = {
  name: 'reviews',
  kind: 'text',
  description:
    'Generated reviews, positive or negative by the majority of their clauses, with negation ("the staff was not rude"); ' +
    `difficulty = clauses 1/3/5/7. Easy-to-hard: weak_train/transfer/val have <= 3 clauses, test 5, ood_test 7.`,
  async load(opts = {}): Promise<Dataset> {
    const n = opts.limit ?? REVIEWS_DEFAULT_LIMIT;
    if (!(Number.isInteger(n) && n > 0)) throw new Error(`reviews: limit must be a positive integer, got ${n}`);
    const rng = deriveRng(opts.seed ?? 0, 'reviews');
    const seen = new Set<string>();
    const examples: Example[] = [];
    for (let attempts = 0; examples.length < n; attempts++) {
      if (attempts > 20 * n) throw new Error(`reviews: could not generate ${n} distinct reviews`);
      const difficulty = drawWeighted(DIFFICULTY_WEIGHTS, rng) + 1;
      const r = generateReview(difficulty, rng);
      if (seen.has(r.text)) continue;
      seen.add(r.text);
      examples.push({ id: `reviews-${examples.length}`, text: r.text, label: r.label, group: `clauses${2 * difficulty - 1}`, difficulty });
    }
    return {
      name: 'reviews',
      classes: CLASSES.slice(),
      kind: 'text',
      examples,
      description: reviewsTask.description,
      isOod: (e) => (e.difficulty ?? 0) >= REVIEWS_MAX_DIFFICULTY,
      easyToHard: { easyMax: REVIEWS_EASY_MAX },
      auxTasks: [REVIEWS_NEGATION],
    };
  },
};

registerTask(reviewsTask);
