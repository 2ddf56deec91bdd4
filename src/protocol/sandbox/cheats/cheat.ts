/**
 * Cheat methods for the boundary tests (src/protocol/sandbox/cheats.test.ts):
 * each tries one way around the boundary to get ground truth. What it finds
 * becomes its training targets; when it finds nothing it trains exactly as
 * vanilla does, so a cheat that gains nothing scores vanilla's numbers (up to the batches, which the run key's secret row order sets).
 */
import type { Method, MethodContext } from '../../../contract/types.js';

export type Attempt = (ctx: MethodContext, p: Record<string, string>) => Promise<Int32Array | null | undefined>;

export function cheat(name: string, attempt: Attempt): Method {
  return {
    name,
    // Every cheat takes the same string parameters (what an attacker could know or guess).
    description: `boundary test: ${name}`,
    params: ['data', 'store', 'cache', 'canary', 'port', 'seed'].map((n) => ({ name: n, type: 'string' as const, default: '', description: n })),
    async run(ctx, params) {
      const notes: Record<string, string | boolean> = { gained: false };
      let labels: Int32Array | null | undefined = null;
      try {
        labels = await attempt(ctx, params as Record<string, string>);
      } catch (e) {
        notes.error = String((e as Error)?.message ?? e).slice(0, 300);
      }
      const n = ctx.transfer.ids.length;
      const k = ctx.numClasses;
      let targets = ctx.transfer.weakProbs;
      if (labels && labels.length === n && labels.every((l) => l >= 0 && l < k)) {
        targets = new Float32Array(n * k);
        labels.forEach((l, i) => (targets[i * k + l] = 1));
        notes.gained = true;
      }
      return { student: await ctx.student.train({ pool: 'transfer', targets }), notes };
    },
  };
}

/** The toy data's classes, in the order the protocol assigns them (sorted). */
export const CLASSES = ['neg', 'pos'];
