import { describe, expect, it } from 'vitest';
import { lbfgs, type Objective } from './lbfgs.js';

const rosenbrock: Objective = (x, g) => {
  const [a, b] = [x[0], x[1]];
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('lbfgs', () => {
  it('finds the minimum of the Rosenbrock function from its classic start', () => {
    const r = lbfgs(rosenbrock, Float64Array.of(-1.2, 1), { tol: 1e-8 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it('solves an ill-conditioned quadratic exactly enough, in as many iterations as scipy', () => {
    const n = 50;
    const scale = Float64Array.from({ length: n }, (_, i) => 10 ** ((3 * i) / (n - 1)));
    const f: Objective = (x, g) => {
      let v = 0;
      for (let i = 0; i < n; i++) {
        g[i] = scale[i] * (x[i] - i);
        v += 0.5 * scale[i] * (x[i] - i) ** 2;
      }
      return v;
    };
    const r = lbfgs(f, new Float64Array(n), { tol: 1e-9, maxIter: 1000 });
    expect(r.converged).toBe(true);
    r.x.forEach((v, i) => expect(v).toBeCloseTo(i, 6));
    // scipy's L-BFGS-B needs 359 iterations here (same memory, gtol).
    expect(r.iterations).toBeLessThan(400);
  });

  it('reports no convergence when iterations run out', () => {
    const r = lbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIter: 3 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
  });

  it('is deterministic and leaves the start untouched', () => {
    const x0 = Float64Array.of(-1.2, 1);
    const a = lbfgs(rosenbrock, x0);
    const b = lbfgs(rosenbrock, x0);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(x0)).toEqual([-1.2, 1]);
  });
});
