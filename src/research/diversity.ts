/**
 * Idea diversity of a research run: how different the submitted methods are.
 * Each submission's composition is a flat record of parameters (researcher.ts,
 * `compositions`). The distance of two compositions is Gower's: the mean over
 * the parameters either one has of — 1 if only one has it; for a categorical
 * (string) parameter 1 if the values differ; for a numeric one |a − b| over
 * that parameter's range in the whole set. Diversity is the mean pairwise
 * distance, in [0, 1]: 0 when every submission is the same method, near 1 when
 * no two share a structure. Also counted: distinct structures (the string
 * parameters together) and distinct method sources (snapshots).
 */
export type Composition = Record<string, string | number>;

export function gower(a: Composition, b: Composition, ranges: Map<string, number>): number {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  if (keys.size === 0) return 0;
  let sum = 0;
  for (const k of keys) {
    if (!(k in a) || !(k in b)) sum += 1;
    else if (typeof a[k] === 'string' || typeof b[k] === 'string') sum += a[k] === b[k] ? 0 : 1;
    else {
      const r = ranges.get(k) ?? 0;
      sum += r > 0 ? Math.abs((a[k] as number) - (b[k] as number)) / r : 0;
    }
  }
  return sum / keys.size;
}

/** Each numeric parameter's range over the set. */
export function numericRanges(cs: readonly Composition[]): Map<string, number> {
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  for (const c of cs) for (const [k, v] of Object.entries(c)) {
    if (typeof v !== 'number') continue;
    lo.set(k, Math.min(lo.get(k) ?? v, v));
    hi.set(k, Math.max(hi.get(k) ?? v, v));
  }
  return new Map([...lo].map(([k, l]) => [k, hi.get(k)! - l]));
}

export interface Diversity {
  /** Mean pairwise Gower distance of the compositions, in [0, 1] (null for fewer than two). */
  meanDistance: number | null;
  compositions: number;
  /** Distinct values of the compositions' categorical parameters taken together. */
  structures: number;
}

export function diversity(cs: readonly Composition[]): Diversity {
  const ranges = numericRanges(cs);
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < cs.length; i++) for (let j = i + 1; j < cs.length; j++) {
    sum += gower(cs[i], cs[j], ranges);
    pairs++;
  }
  const structure = (c: Composition) => JSON.stringify(Object.entries(c).filter(([, v]) => typeof v === 'string').sort());
  return { meanDistance: pairs ? sum / pairs : null, compositions: cs.length, structures: new Set(cs.map(structure)).size };
}
