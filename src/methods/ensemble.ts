/** Shared by the ensemble methods: the supervisors available to a run and the fallback when there is only one. */
import type { MethodContext, MethodResult } from '../contract/types.js';
import { hardLabels } from './labels.js';

export interface SupervisorSet {
  names: string[];
  /** Each supervisor's soft labels on transfer, [n, k]; an all-zero or flat row is an abstention. */
  transfer: Float32Array[];
}

/** The main weak supervisor first, then every extra one in `ctx.supervisor.extra`, shapes checked. */
export function collectSupervisors(ctx: MethodContext, method: string): SupervisorSet {
  const n = ctx.transfer.ids.length;
  const k = ctx.numClasses;
  const names = [ctx.supervisor.name];
  const transfer = [ctx.transfer.weakProbs];
  for (const [name, probs] of ctx.supervisor.extra) {
    if (probs.transfer.length !== n * k) {
      throw new Error(`${method}: extra supervisor "${name}" has ${probs.transfer.length} transfer values, expected ${n} rows × ${k} classes`);
    }
    names.push(name);
    transfer.push(probs.transfer);
  }
  return { names, transfer };
}

/** With only the main supervisor there is nothing to combine: train on its labels, and say so. */
export async function singleSupervisorFallback(ctx: MethodContext, method: string, hard: boolean): Promise<MethodResult> {
  ctx.log(`${method}: no extra supervisors in supervisor.extra; training on the main weak labels alone (same as vanilla)`);
  const targets = hard ? hardLabels(ctx.transfer.weakProbs, ctx.numClasses) : ctx.transfer.weakProbs;
  const student = await ctx.student.train({ pool: 'transfer', targets });
  return { student, notes: { supervisors: 1, fallback: true } };
}

export const HARD_PARAM = { name: 'hard', type: 'boolean' as const, default: false, description: 'train on the argmax of the combined labels' };
