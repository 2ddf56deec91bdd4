import type { PoolData } from './pool.js';

/**
 * The host's side of the oracle: ground truth for transfer rows under the
 * budget the method declared, once, before it ran. Every fresh row counts; a
 * query past the budget is refused whole.
 */
export class BudgetOracle {
  private count = 0;
  private declared: number | undefined;
  private readonly seen = new Set<number>();
  constructor(
    private readonly pool: Pick<PoolData, 'labels'>,
    /** The most the run allows, whatever the method declares (default: the whole pool). */
    private readonly cap = pool.labels.length,
  ) {}

  get used(): number {
    return this.count;
  }
  get budget(): number {
    return this.declared ?? 0;
  }

  declare(budget: number): void {
    if (this.declared !== undefined) throw new Error('the oracle budget was already declared');
    if (!(Number.isInteger(budget) && budget >= 0)) throw new Error(`the oracle budget must be a non-negative integer, got ${budget}`);
    if (budget > this.cap) throw new Error(`the method asks for ${budget} ground-truth labels; this run allows at most ${this.cap}`);
    this.declared = budget;
  }

  query(rows: Int32Array): { labels: Int32Array; used: number } {
    const n = this.pool.labels.length;
    for (const r of rows) if (!Number.isInteger(r) || r < 0 || r >= n) throw new Error(`oracle.query: row ${r} is outside the transfer pool (0..${n - 1})`);
    const fresh = [...new Set(rows)].filter((r) => !this.seen.has(r));
    if (this.count + fresh.length > this.budget) throw new Error(`oracle budget exceeded: ${this.count} used + ${fresh.length} new > budget ${this.budget}`);
    for (const r of fresh) this.seen.add(r);
    this.count += fresh.length;
    return { labels: Int32Array.from(rows, (r) => this.pool.labels[r]), used: this.count };
  }
}

/** The oracle as the method's side addresses it: rows in the view's order, mapped to the host's rows here. */
export interface ViewOracle {
  declare(budget: number): void;
  query(rows: Int32Array): { labels: Int32Array; used: number };
}

export function viewOracle(oracle: BudgetOracle, order: Int32Array): ViewOracle {
  return {
    declare: (b) => oracle.declare(b),
    query: (rows) => {
      for (const r of rows) if (!(r >= 0 && r < order.length)) throw new Error(`oracle.query: row ${r} is outside the transfer pool (0..${order.length - 1})`);
      return oracle.query(Int32Array.from(rows, (r) => order[r]));
    },
  };
}
