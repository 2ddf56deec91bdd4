/**
 * TEMPLATE — a weak-to-strong method in one file.
 *
 * Copy this file (e.g. to ./my-method.ts), rename the method, change `run`,
 * and try it without touching the project:
 *
 *     w2s run --task spam --method ./my-method.ts --param temperature=0.5
 *
 * The file's default export is the method. (To ship it with w2s instead, put
 * the file in src/methods/, wrap the object in `registerMethod(...)` and add
 * one import line to src/methods/index.ts.)
 *
 * What `run(ctx, params)` may use — everything comes through `ctx`:
 *   ctx.transfer / ctx.val   the pools: strong `features` [n, dim], the weak
 *                            supervisor's soft labels `weakProbs` [n, k], ids,
 *                            optional `groups`, and `aux`: the
 *                            task's declared auxiliary tasks, answered from the
 *                            inputs. No ground truth, no test split.
 *   ctx.student.train(...)   trains a student (a probe on the strong model's
 *                            frozen features) on chosen rows and targets, with
 *                            optional per-row weights, a custom loss over the
 *                            engine's graph ops, per-step scalars, probe config
 *                            overrides; returns a Student you can `predict`
 *                            on 'transfer' or 'val'. Every student counts
 *                            towards the run's compute.
 *   ctx.oracle               ground truth for transfer rows, only up to the
 *                            budget your method declares in `oracleBudget`.
 *   ctx.supervisor.extra     other supervisors' soft labels (ensembles); an
 *                            optional `source` marks those that share one
 *                            (the weak model's bootstrap refits): correlated.
 *   ctx.rng, ctx.seed        the only sources of randomness you may use.
 *   ctx.log(message)         progress, shown with --verbose, stored with the run.
 *
 * Return the student the protocol should score, and optional `notes`
 * (numbers, strings, booleans) stored with the run.
 *
 * Rules of the game: use the weak labels, the student's own predictions and a
 * declared oracle budget — nothing else. Put the math in exported pure
 * functions and test them on a constructed case (see TEMPLATE.test.ts and
 * testing.ts for a fake context).
 */
// In your copy, point this at w2s's src/contract/types.js (it is a type-only import, erased at run time).
import type { Method } from '../contract/types.js';

/** The pure part: weak probabilities sharpened (T < 1) or softened (T > 1) by a temperature, rows renormalised. */
export function temperatureScale(probs: Float32Array, k: number, temperature: number): Float32Array {
  if (!(temperature > 0)) throw new Error(`temperature must be positive, got ${temperature}`);
  const out = new Float32Array(probs.length);
  for (let i = 0; i < probs.length / k; i++) {
    let z = 0;
    for (let c = 0; c < k; c++) z += (out[i * k + c] = Math.pow(Math.max(probs[i * k + c], 1e-12), 1 / temperature));
    for (let c = 0; c < k; c++) out[i * k + c] /= z;
  }
  return out;
}

const method: Method = {
  // The name used in `--method`, in the store and in reports. Lowercase, underscores.
  name: 'my_method',
  // One line for `w2s methods`.
  description: 'Template: train on temperature-scaled weak labels, keeping the epoch that agrees best with weak labels on val.',
  // Every parameter with its type and default; users set them with --param <name>=<value>.
  params: [
    { name: 'temperature', type: 'number', default: 0.5, description: 'temperature applied to the weak probabilities (< 1 sharpens)' },
    { name: 'earlyStop', type: 'boolean', default: true, description: 'keep the epoch with the best agreement with weak labels on val' },
  ],
  // Declare ground-truth queries here if the method asks the oracle (see refine.ts); omit otherwise.
  // oracleBudget: (params, transferSize) => 0,
  async run(ctx, params) {
    const k = ctx.numClasses;
    const temperature = params.temperature as number;
    const targets = temperatureScale(ctx.transfer.weakProbs, k, temperature);
    ctx.log(`training on weak labels at temperature ${temperature}`);
    const student = await ctx.student.train({ pool: 'transfer', targets, earlyStopOnWeakVal: params.earlyStop as boolean });
    return { student, notes: { temperature } };
  },
};

export default method;
