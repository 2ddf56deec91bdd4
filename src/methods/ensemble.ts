/** Shared by the ensemble methods: the supervisors available to a run and the fallback when there is only one. */
import type { MethodContext, MethodResult } from '../contract/types.js';
import { hardLabels } from './labels.js';

export interface SupervisorSet {
  names: string[];
  /** Each supervisor's soft labels on transfer, [n, k]; an all-zero or flat row is an abstention. */
  transfer: Float32Array[];
  /**
   * Source of each supervisor, [m]: equal numbers share a source (a weak model
   * and its bootstrap refits) and are correlated; others are independent.
   */
  sources: Int32Array;
}

/**
 * The main weak supervisor first, then every extra one in `ctx.supervisor.extra`,
 * shapes checked. An extra supervisor's `source` (default: its own name) puts it
 * in one block with the supervisors named as that source or sharing it.
 */
export function collectSupervisors(ctx: MethodContext, method: string): SupervisorSet {
  const n = ctx.transfer.ids.length;
  const k = ctx.numClasses;
  const names = [ctx.supervisor.name];
  const transfer = [ctx.transfer.weakProbs];
  const sourceKeys = [ctx.supervisor.name];
  for (const [name, probs] of ctx.supervisor.extra) {
    if (probs.transfer.length !== n * k) {
      throw new Error(`${method}: extra supervisor "${name}" has ${probs.transfer.length} transfer values, expected ${n} rows × ${k} classes`);
    }
    names.push(name);
    transfer.push(probs.transfer);
    sourceKeys.push(probs.source ?? name);
  }
  const ids = new Map<string, number>();
  const sources = Int32Array.from(sourceKeys, (s) => (ids.has(s) ? ids.get(s)! : (ids.set(s, ids.size), ids.size - 1)));
  return { names, transfer, sources };
}

/** Each supervisor's share of its source's one vote, [m]: 1 / (supervisors sharing the source). */
export function sourceShares(sources: Int32Array): Float64Array {
  const count = new Map<number, number>();
  for (const s of sources) count.set(s, (count.get(s) ?? 0) + 1);
  return Float64Array.from(sources, (s) => 1 / count.get(s)!);
}

/** "name=value" per supervisor for logs, with the blocks of correlated supervisors named. */
export function describeSupervisors(sups: SupervisorSet, value: (j: number) => string): string {
  const shares = sourceShares(sups.sources);
  return sups.names.map((s, j) => `${s}=${value(j)}${shares[j] < 1 ? ` (1 of ${Math.round(1 / shares[j])} sharing a source)` : ''}`).join(', ');
}

/** With only the main supervisor there is nothing to combine: train on its labels, and say so. */
export async function singleSupervisorFallback(ctx: MethodContext, method: string, hard: boolean): Promise<MethodResult> {
  ctx.log(`${method}: no extra supervisors in supervisor.extra; training on the main weak labels alone (same as vanilla)`);
  const targets = hard ? hardLabels(ctx.transfer.weakProbs, ctx.numClasses) : ctx.transfer.weakProbs;
  const student = await ctx.student.train({ pool: 'transfer', targets });
  return { student, notes: { supervisors: 1, fallback: true } };
}

export const HARD_PARAM = { name: 'hard', type: 'boolean' as const, default: false, description: 'train on the argmax of the combined labels' };
