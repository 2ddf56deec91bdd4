/**
 * A seeded tree-structured Parzen estimator (Bergstra et al. 2011), the
 * Bayesian optimiser of Optuna and Hyperopt, over a mixed space (space.ts).
 * After `startup` points (given ones first, then uniform draws), each proposal
 * splits the observations into the best share `gamma` ("good") and the rest,
 * models each dimension by a Parzen density under each — categorical: smoothed
 * frequencies; numeric: Gaussian kernels on the unit scale mixed with the
 * uniform prior — draws `candidates` points from the good densities and
 * proposes the one with the largest l(x)/g(x). Dimensions are modelled
 * independently (as Optuna's default); an observation informs a dimension only
 * where that dimension was active. Deterministic given the seed and the
 * scores it is told.
 */
import { Rng } from '../../util/rng.js';
import { fromUnit, isActive, samplePoint, unit, type Dim, type Point } from './space.js';

export interface TpeOptions {
  seed: number;
  /** Points tried before modelling (default 8); `initial` points count towards it. */
  startup?: number;
  /** Share of observations counted as good (default 0.15). */
  gamma?: number;
  /** Points drawn from the good densities per proposal (default 24). */
  candidates?: number;
  /** Points to try first, in order (known-good recipes, say). */
  initial?: Point[];
}

/** A score of -Infinity marks a point that failed or whose score is only known to be low. */
export interface Observation { point: Point; score: number }

export class Tpe {
  private readonly rng: Rng;
  private readonly observations: Observation[] = [];
  private proposed = 0;
  constructor(private readonly dims: readonly Dim[], private readonly o: TpeOptions) {
    this.rng = new Rng(o.seed);
  }

  get history(): readonly Observation[] {
    return this.observations;
  }

  tell(point: Point, score: number): void {
    if (Number.isNaN(score)) throw new Error('Tpe.tell: the score is NaN; pass -Infinity for a failed point');
    this.observations.push({ point, score });
  }

  ask(): Point {
    const i = this.proposed++;
    const initial = this.o.initial ?? [];
    if (i < initial.length) return { ...samplePoint(this.dims, this.rng), ...initial[i] };
    const finite = this.observations.filter((x) => Number.isFinite(x.score));
    if (i < (this.o.startup ?? 8) || finite.length === 0) return samplePoint(this.dims, this.rng);
    const sorted = [...this.observations].sort((a, b) => b.score - a.score);
    const nGood = Math.min(finite.length, Math.max(1, Math.ceil((this.o.gamma ?? 0.15) * sorted.length)));
    const good = sorted.slice(0, nGood).map((x) => x.point);
    const bad = sorted.slice(nGood).map((x) => x.point);
    let best: Point | undefined;
    let bestScore = -Infinity;
    for (let c = 0; c < (this.o.candidates ?? 24); c++) {
      const p: Point = {};
      for (const d of this.dims) p[d.name] = drawFrom(d, good.filter((q) => isActive(d, q)), this.rng);
      // l(x)/g(x) over the dimensions this candidate uses.
      let score = 0;
      for (const d of this.dims) {
        if (!isActive(d, p)) continue;
        score += Math.log(density(d, good.filter((q) => isActive(d, q)), p[d.name])) - Math.log(density(d, bad.filter((q) => isActive(d, q)), p[d.name]));
      }
      if (score > bestScore) {
        bestScore = score;
        best = p;
      }
    }
    return best!;
  }
}

/**
 * Kernel width on the unit scale for observations at `us`: Silverman's rule
 * (1.06 σ n^(-1/5)), clipped to [0.03, 0.5] so a tight cluster still explores
 * and a single observation does not cover the whole range.
 */
export function bandwidth(us: readonly number[]): number {
  const n = us.length;
  if (n < 2) return 0.5;
  const m = us.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(us.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
  return Math.min(0.5, Math.max(0.03, 1.06 * sd * Math.pow(n, -0.2)));
}

/** The Parzen density of a value under observations `obs` of dimension `d`, mixed with the uniform prior (weight 1). */
export function density(d: Dim, obs: readonly Point[], v: string | number): number {
  const n = obs.length;
  if (d.kind === 'cat') {
    const count = obs.filter((q) => q[d.name] === v).length;
    return (count + 1) / (n + d.choices.length);
  }
  const u = unit(d, v as number);
  const us = obs.map((q) => unit(d, q[d.name] as number));
  const h = bandwidth(us);
  let sum = 1; // the uniform prior's density on [0, 1]
  for (const uq of us) {
    const z = (u - uq) / h;
    sum += Math.exp(-0.5 * z * z) / (h * Math.sqrt(2 * Math.PI));
  }
  return sum / (n + 1);
}

/** A draw from the same mixture: the prior with weight 1/(n+1), else a kernel around a random observation. */
function drawFrom(d: Dim, obs: readonly Point[], rng: Rng): string | number {
  const n = obs.length;
  if (d.kind === 'cat') {
    let r = rng.next() * (n + d.choices.length);
    for (const c of d.choices) {
      r -= obs.filter((q) => q[d.name] === c).length + 1;
      if (r < 0) return c;
    }
    return d.choices[d.choices.length - 1];
  }
  const pick = rng.int(n + 1);
  if (pick === n) return fromUnit(d, rng.next());
  return fromUnit(d, unit(d, obs[pick][d.name] as number) + bandwidth(obs.map((q) => unit(d, q[d.name] as number))) * rng.normal());
}
