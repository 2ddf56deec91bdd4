import { charWbNgrams, wordNgrams, type NgramRange, type SpanVisitor } from './analyzers.js';
import { GramTable } from './gram-table.js';
import { CsrBuilder, type Csr } from './sparse.js';

/**
 * TF-IDF features of character and word n-grams, as scikit-learn's
 * `TfidfVectorizer(analyzer='char_wb')` and `TfidfVectorizer(analyzer='word')`
 * side by side (a FeatureUnion): raw counts times the smooth idf
 * ln((1 + n) / (1 + df)) + 1, each block scaled to unit L2 norm.
 */
export interface VectorizerOptions {
  /** Character n-gram lengths inside word boundaries; null leaves them out. */
  char: NgramRange | null;
  /** Word n-gram lengths; null leaves them out. */
  word: NgramRange | null;
  /** Keep n-grams found in at least this many training texts (scikit-learn's integer min_df). */
  minDf: number;
}

export const DEFAULT_VECTORIZER: Readonly<VectorizerOptions> = { char: { min: 1, max: 5 }, word: { min: 1, max: 2 }, minDf: 1 };

type Analyzer = (text: string, visit: SpanVisitor) => void;

interface Block {
  analyze: Analyzer;
  vocab: GramTable;
  idf: Float64Array;
  offset: number;
}

export class NgramVectorizer {
  private constructor(
    private readonly blocks: Block[],
    /** Total number of features (all blocks). */
    readonly size: number,
  ) {}

  /** Learns the vocabularies and idf weights on `texts`; returns the vectorizer and the texts' features. */
  static fit(texts: readonly string[], options: Partial<VectorizerOptions> = {}): { vectorizer: NgramVectorizer; x: Csr } {
    const opts = checkOptions({ ...DEFAULT_VECTORIZER, ...options });
    const analyzers: Analyzer[] = [];
    if (opts.char) analyzers.push((t, e) => charWbNgrams(t, opts.char!, e));
    if (opts.word) analyzers.push((t, e) => wordNgrams(t, opts.word!, e));
    const counted = analyzers.map((a) => countAll(a, texts, opts.minDf));
    let offset = 0;
    const blocks = counted.map((c, b) => {
      const block = { analyze: analyzers[b], vocab: c.vocab, idf: c.idf, offset };
      offset += c.vocab.size;
      return block;
    });
    const v = new NgramVectorizer(blocks, offset);
    return { vectorizer: v, x: v.assemble(counted.map((c) => c.rows)) };
  }

  /** Features of new texts; n-grams not in the vocabulary are ignored. */
  transform(texts: readonly string[]): Csr {
    return this.assemble(this.blocks.map((b) => countKnown(b, texts)));
  }

  private assemble(perBlock: Array<Array<{ ids: Int32Array; counts: Float64Array }>>): Csr {
    const n = perBlock[0]?.length ?? 0;
    const out = new CsrBuilder(this.size);
    const idx: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < n; i++) {
      idx.length = val.length = 0;
      this.blocks.forEach((block, b) => {
        const { ids, counts } = perBlock[b][i];
        let sq = 0;
        const start = val.length;
        for (let k = 0; k < ids.length; k++) {
          const w = counts[k] * block.idf[ids[k]];
          idx.push(block.offset + ids[k]);
          val.push(w);
          sq += w * w;
        }
        const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
        for (let k = start; k < val.length; k++) val[k] *= inv;
      });
      out.addRow(idx, val);
    }
    return out.build();
  }
}

function checkOptions(o: VectorizerOptions): VectorizerOptions {
  for (const [name, r] of [['char', o.char], ['word', o.word]] as const) {
    if (r && !(Number.isInteger(r.min) && Number.isInteger(r.max) && r.min >= 1 && r.max >= r.min)) {
      throw new Error(`n-gram ${name} range {min: ${r.min}, max: ${r.max}} is invalid: use integers with 1 <= min <= max`);
    }
  }
  if (!o.char && !o.word) throw new Error('the n-gram vectorizer needs character or word n-grams (both are null)');
  if (!(Number.isInteger(o.minDf) && o.minDf >= 1)) throw new Error(`minDf ${o.minDf} is invalid: use an integer >= 1 (a number of training texts)`);
  return o;
}

/** Per-text sparse counts, accumulated in a dense scratch array indexed by n-gram id. */
function counter(lookup: (src: string, start: number, len: number) => number) {
  let counts = new Float64Array(1024);
  const touched: number[] = [];
  return {
    add(src: string, start: number, len: number) {
      const id = lookup(src, start, len);
      if (id < 0) return;
      if (id >= counts.length) {
        const bigger = new Float64Array(Math.max(id + 1, 2 * counts.length));
        bigger.set(counts);
        counts = bigger;
      }
      if (counts[id] === 0) touched.push(id);
      counts[id]++;
    },
    /** The text's n-gram ids in ascending order (so the fit walks each row's weights in memory order) with their counts. */
    take(): { ids: Int32Array; counts: Float64Array } {
      const ids = Int32Array.from(touched).sort();
      const c = new Float64Array(ids.length);
      for (let k = 0; k < ids.length; k++) {
        c[k] = counts[ids[k]];
        counts[ids[k]] = 0;
      }
      touched.length = 0;
      return { ids, counts: c };
    },
  };
}

function countAll(analyze: Analyzer, texts: readonly string[], minDf: number) {
  const seen = new GramTable();
  const df: number[] = [];
  const c = counter((src, start, len) => seen.intern(src, start, len));
  const raw = texts.map((t) => {
    analyze(t, c.add);
    const r = c.take();
    for (const id of r.ids) df[id] = (df[id] ?? 0) + 1;
    return r;
  });
  // Keep n-grams with df >= minDf, renumbered in first-seen order (monotone, so each row's ids stay ascending).
  const remap = new Int32Array(seen.size).fill(-1);
  const vocab = new GramTable();
  seen.grams.forEach((gram, id) => {
    if (df[id] >= minDf) remap[id] = vocab.intern(gram, 0, gram.length);
  });
  const n = texts.length;
  const idf = new Float64Array(vocab.size);
  for (let id = 0; id < remap.length; id++) if (remap[id] >= 0) idf[remap[id]] = Math.log((1 + n) / (1 + df[id])) + 1;
  const rows = raw.map(({ ids, counts }) => {
    let kept = 0;
    for (let k = 0; k < ids.length; k++) if (remap[ids[k]] >= 0) kept++;
    const out = { ids: new Int32Array(kept), counts: new Float64Array(kept) };
    for (let k = 0, at = 0; k < ids.length; k++) {
      const id = remap[ids[k]];
      if (id < 0) continue;
      out.ids[at] = id;
      out.counts[at++] = counts[k];
    }
    return out;
  });
  return { vocab, idf, rows };
}

function countKnown(block: Block, texts: readonly string[]) {
  const c = counter((src, start, len) => block.vocab.find(src, start, len));
  return texts.map((t) => (block.analyze(t, c.add), c.take()));
}
