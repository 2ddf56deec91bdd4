/**
 * A search space of mixed dimensions — categorical and numeric (linear or log
 * scale, optionally integer), each active only when another dimension takes
 * given values.
 */
import type { Rng } from '../../util/rng.js';

export type Value = string | number;
export type Point = Record<string, Value>;

/** Active only when dimension `dim` takes one of `in`. */
export interface Condition { dim: string; in: string[] }

export type Dim =
  | { name: string; kind: 'cat'; choices: string[]; when?: Condition }
  | { name: string; kind: 'num'; low: number; high: number; log?: boolean; int?: boolean; when?: Condition };

export function isActive(d: Dim, p: Point): boolean {
  return !d.when || d.when.in.includes(String(p[d.when.dim]));
}

/** A numeric value mapped to [0, 1] on its dimension's scale (log dims in log space). */
export function unit(d: Extract<Dim, { kind: 'num' }>, v: number): number {
  const f = (x: number) => (d.log ? Math.log(x) : x);
  return (f(v) - f(d.low)) / (f(d.high) - f(d.low));
}

/** The inverse of `unit`, clipped to the bounds and rounded on integer dims. */
export function fromUnit(d: Extract<Dim, { kind: 'num' }>, u: number): number {
  const c = Math.min(1, Math.max(0, u));
  const v = d.log ? Math.exp(Math.log(d.low) + c * (Math.log(d.high) - Math.log(d.low))) : d.low + c * (d.high - d.low);
  return d.int ? Math.round(v) : Number(v.toPrecision(3));
}

/** A point drawn uniformly (on each dimension's scale). Inactive dimensions are drawn too, and ignored. */
export function samplePoint(dims: readonly Dim[], rng: Rng): Point {
  const p: Point = {};
  for (const d of dims) p[d.name] = d.kind === 'cat' ? d.choices[rng.int(d.choices.length)] : fromUnit(d, rng.next());
  return p;
}

/** The point with its inactive dimensions removed: what a method actually depends on. */
export function activePart(dims: readonly Dim[], p: Point): Point {
  return Object.fromEntries(dims.filter((d) => isActive(d, p)).map((d) => [d.name, p[d.name]]));
}

/** Checks a point against its dimensions: every active one present, in range. */
export function checkPoint(dims: readonly Dim[], p: Point): void {
  for (const d of dims) {
    if (!isActive(d, p)) continue;
    const v = p[d.name];
    if (d.kind === 'cat' ? !d.choices.includes(String(v)) : typeof v !== 'number' || v < d.low || v > d.high) {
      const range = d.kind === 'cat' ? `one of ${d.choices.join(', ')}` : `a number in [${d.low}, ${d.high}]`;
      throw new Error(`search point: ${d.name} is ${JSON.stringify(v)}; it must be ${range}`);
    }
  }
}
