/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed.,
 * Algorithm 7.4 with the strong-Wolfe line search of Algorithms 3.5–3.6).
 * Pure and deterministic: the same objective and start give the same iterates.
 */

/** Writes the gradient at `x` into `grad` and returns the objective value. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when the largest gradient component is at most this (scipy's pgtol; default 1e-5). */
  tol?: number;
  /** Most iterations (default 500). */
  maxIter?: number;
  /** Correction pairs kept (default 10, as scipy). */
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  /** Objective evaluations, line searches included. */
  evaluations: number;
  /** True when the gradient test was met; false when iterations ran out or no step decreased the objective. */
  converged: boolean;
}

const C1 = 1e-4;
const C2 = 0.9;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Minimises `f` from `x0` (not modified). */
export function lbfgs(f: Objective, x0: Float64Array, opts: LbfgsOptions = {}): LbfgsResult {
  const tol = opts.tol ?? 1e-5;
  const maxIter = opts.maxIter ?? 500;
  const m = opts.memory ?? 10;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  let evaluations = 1;
  if (!Number.isFinite(fx)) throw new Error(`lbfgs: the objective is ${fx} at the starting point`);
  // The correction pairs live in a ring of preallocated vectors: pair j (0 = oldest) is at (head + j) % m.
  const S = Array.from({ length: m }, () => new Float64Array(n));
  const Y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let pairs = 0;
  let head = 0;
  const d = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  for (let iter = 0; iter < maxIter; iter++) {
    if (maxAbs(g) <= tol) return { x, value: fx, iterations: iter, evaluations, converged: true };
    // Two-loop recursion, d = -H g, with each update fused into the next pass's dot product
    // (the same operations in the same order as the textbook loops, in half the passes over d).
    let slope = 0;
    if (pairs === 0) {
      const scale = 1 / Math.sqrt(dot(g, g));
      for (let i = 0; i < n; i++) d[i] = -g[i] * scale;
      slope = dot(g, d);
    } else {
      let prevY: Float64Array | null = null;
      let prevA = 0;
      for (let j = pairs - 1; j >= 0; j--) {
        const q = (head + j) % m;
        const s = S[q];
        let acc = 0;
        if (prevY === null) {
          for (let i = 0; i < n; i++) {
            d[i] = -g[i];
            acc += s[i] * d[i];
          }
        } else {
          const y = prevY;
          for (let i = 0; i < n; i++) {
            d[i] -= prevA * y[i];
            acc += s[i] * d[i];
          }
        }
        prevA = alpha[q] = rho[q] * acc;
        prevY = Y[q];
      }
      const last = (head + pairs - 1) % m;
      const gamma = 1 / (rho[last] * dot(Y[last], Y[last]));
      let prevS: Float64Array | null = null;
      let prevC = 0;
      for (let j = 0; j < pairs; j++) {
        const q = (head + j) % m;
        const y = Y[q];
        let acc = 0;
        if (prevS === null) {
          const y0 = prevY!;
          for (let i = 0; i < n; i++) {
            d[i] = (d[i] - prevA * y0[i]) * gamma;
            acc += y[i] * d[i];
          }
        } else {
          const s = prevS;
          for (let i = 0; i < n; i++) {
            d[i] += prevC * s[i];
            acc += y[i] * d[i];
          }
        }
        prevC = alpha[q] - rho[q] * acc;
        prevS = S[q];
      }
      const s = prevS!;
      for (let i = 0; i < n; i++) {
        d[i] += prevC * s[i];
        slope += g[i] * d[i];
      }
    }
    if (!(slope < 0)) {
      // Not a descent direction (round-off in the curvature pairs): restart from steepest descent.
      pairs = 0;
      const scale = 1 / Math.sqrt(dot(g, g));
      for (let i = 0; i < n; i++) d[i] = -g[i] * scale;
      slope = dot(g, d);
    }
    const ls = wolfeSearch(f, x, fx, g, d, slope, xNew, gNew);
    evaluations += ls.evaluations;
    if (!ls.ok) return { x, value: fx, iterations: iter, evaluations, converged: maxAbs(g) <= tol };
    const q = pairs < m ? (head + pairs) % m : head;
    const s = S[q];
    const y = Y[q];
    let sy = 0, ss = 0, yy = 0;
    for (let i = 0; i < n; i++) {
      const si = (s[i] = xNew[i] - x[i]);
      const yi = (y[i] = gNew[i] - g[i]);
      sy += si * yi;
      ss += si * si;
      yy += yi * yi;
    }
    // Keep the pair only when it carries positive curvature (else the inverse Hessian would lose definiteness).
    if (sy > 1e-12 * Math.sqrt(ss * yy)) {
      rho[q] = 1 / sy;
      if (pairs < m) pairs++;
      else head = (head + 1) % m;
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = ls.value;
  }
  return { x, value: fx, iterations: maxIter, evaluations, converged: maxAbs(g) <= tol };
}

interface SearchResult { ok: boolean; value: number; evaluations: number }

/**
 * A step along `d` satisfying the strong Wolfe conditions; writes the point
 * and its gradient into `xOut`, `gOut`. Bracketing then zoom with safeguarded
 * cubic interpolation.
 */
function wolfeSearch(f: Objective, x: Float64Array, f0: number, g0: Float64Array, d: Float64Array, slope0: number, xOut: Float64Array, gOut: Float64Array): SearchResult {
  let evaluations = 0;
  const at = (t: number): { f: number; slope: number } => {
    for (let i = 0; i < x.length; i++) xOut[i] = x[i] + t * d[i];
    const v = f(xOut, gOut);
    evaluations++;
    return { f: v, slope: dot(gOut, d) };
  };
  let tPrev = 0;
  let fPrev = f0;
  let sPrev = slope0;
  let t = 1;
  for (let i = 0; i < 30; i++) {
    const p = at(t);
    if (!Number.isFinite(p.f) || p.f > f0 + C1 * t * slope0 || (i > 0 && p.f >= fPrev)) {
      return zoom(tPrev, fPrev, sPrev, t, p.f, p.slope);
    }
    if (Math.abs(p.slope) <= -C2 * slope0) return { ok: true, value: p.f, evaluations };
    if (p.slope >= 0) return zoom(t, p.f, p.slope, tPrev, fPrev, sPrev);
    [tPrev, fPrev, sPrev] = [t, p.f, p.slope];
    t *= 2;
  }
  return { ok: false, value: f0, evaluations };

  function zoom(lo: number, fLo: number, sLo: number, hi: number, fHi: number, sHi: number): SearchResult {
    for (let i = 0; i < 40; i++) {
      let t = cubicMin(lo, fLo, sLo, hi, fHi, sHi);
      const width = Math.abs(hi - lo);
      const left = Math.min(lo, hi);
      if (!Number.isFinite(t) || t < left + 0.1 * width || t > left + 0.9 * width) t = (lo + hi) / 2;
      const p = at(t);
      if (!Number.isFinite(p.f) || p.f > f0 + C1 * t * slope0 || p.f >= fLo) {
        [hi, fHi, sHi] = [t, p.f, p.slope];
      } else {
        if (Math.abs(p.slope) <= -C2 * slope0) return { ok: true, value: p.f, evaluations };
        if (p.slope * (hi - lo) >= 0) [hi, fHi, sHi] = [lo, fLo, sLo];
        [lo, fLo, sLo] = [t, p.f, p.slope];
      }
      if (Math.abs(hi - lo) < 1e-16 * Math.max(1, Math.abs(lo))) break;
    }
    // The interval collapsed: accept the best point found if it decreased the objective.
    if (lo > 0 && fLo < f0) {
      const p = at(lo);
      return { ok: true, value: p.f, evaluations };
    }
    return { ok: false, value: f0, evaluations };
  }
}

/** Minimiser of the cubic through (a, fa, sa) and (b, fb, sb); NaN when it has none. */
function cubicMin(a: number, fa: number, sa: number, b: number, fb: number, sb: number): number {
  if (!Number.isFinite(fb) || !Number.isFinite(sb)) return NaN;
  const d1 = sa + sb - 3 * (fa - fb) / (a - b);
  const disc = d1 * d1 - sa * sb;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * (sb + d2 - d1) / (sb - sa + 2 * d2);
}
