/**
 * Brown corpus tags mapped to eight coarse parts of speech (close to the universal tagset,
 * with numerals, conjunctions, particles 'to'/'there' and interjections folded into OTHER).
 */

export const POS_CLASSES = ['NOUN', 'VERB', 'ADJ', 'ADV', 'PRON', 'DET', 'ADP', 'OTHER'] as const;
export type CoarsePos = (typeof POS_CLASSES)[number];

const BASE: Record<string, CoarsePos> = {};
const add = (cls: CoarsePos, tags: string) => tags.split(' ').forEach((t) => (BASE[t] = cls));
add('NOUN', 'nn nns np nps nr nrs');
add('VERB', 'vb vbd vbg vbn vbz be bed bedz beg bem ben ber bez do dod doz hv hvd hvg hvn hvz md');
add('ADJ', 'jj jjr jjs jjt od');
add('ADV', 'rb rbr rbt rn rp ql qlp wql wrb abl *');
add('PRON', 'pp pp$ pp$$ ppl ppls ppo pps ppss pn wp wps wpo');
add('DET', 'at ap abn abx dt dti dts dtx wdt');
add('ADP', 'in');
add('OTHER', 'cc cs cd to ex uh fw');

const PUNCT = new Set(['.', ',', ':', ';', '(', ')', '--', '``', "''", "'", '"', '!', '?', 'nil']);

/**
 * The coarse class of a Brown tag, or null for punctuation and untagged tokens.
 * Handles the modifiers: fw- (foreign), -tl/-hl/-nc (title, headline, cited), + (contraction:
 * the first part decides), trailing * (negation), trailing $ (possessive).
 */
export function coarsePos(tag: string): CoarsePos | null {
  const c = lookupPos(tag);
  return c === undefined ? 'OTHER' : c;
}

/** As `coarsePos`, but undefined for a tag the table does not know. */
export function lookupPos(tag: string): CoarsePos | null | undefined {
  let t = tag.toLowerCase();
  if (PUNCT.has(t)) return null;
  if (t.startsWith('fw-')) t = t.slice(3);
  t = t.split('+')[0];
  t = t.replace(/(-(tl|hl|nc))+$/, '');
  if (PUNCT.has(t)) return null;
  if (BASE[t]) return BASE[t];
  const bare = t.length > 1 ? t.replace(/\*$/, '') : t;
  if (BASE[bare]) return BASE[bare];
  const noPoss = bare.replace(/\$+$/, '');
  return BASE[noPoss];
}
