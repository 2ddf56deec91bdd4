import { Rng, deriveRng } from '../util/rng.js';
import { registerTask } from './registry.js';
import { drawWeighted } from './sample.js';
import type { Dataset, Example, TaskDefinition } from './types.js';

/**
 * Generated arithmetic claims, "Is 37 + 48 - 12 = 73?", labelled true or false.
 * difficulty = number of operations (1..6) on two-digit operands. False claims are off by
 * a plausible slip: ±1, ±2, ±10, or one operation's sign flipped.
 * Easy-to-hard: the weak side sees difficulty <= 2; test holds 3..5; ood_test holds 6.
 */

export const ARITH_MAX_DIFFICULTY = 6;
export const ARITH_EASY_MAX = 2;
export const ARITH_DEFAULT_LIMIT = 8000;
/** Relative frequency of each difficulty 1..6: about 80% easy, so the easy pool covers weak_train/transfer/val. */
const DIFFICULTY_WEIGHTS = [8, 8, 1, 1, 1, 1];
const CLASSES = ['false', 'true'];

export interface ArithClaim {
  operands: number[];
  /** ops[i] joins operands[i] and operands[i + 1]. */
  ops: ('+' | '-')[];
  claimed: number;
  truth: boolean;
}

export function evaluate(operands: readonly number[], ops: readonly ('+' | '-')[]): number {
  let v = operands[0];
  ops.forEach((op, i) => (v = op === '+' ? v + operands[i + 1] : v - operands[i + 1]));
  return v;
}

export function claimText(c: ArithClaim): string {
  const parts = [String(c.operands[0])];
  c.ops.forEach((op, i) => parts.push(op, String(c.operands[i + 1])));
  return `Is ${parts.join(' ')} = ${c.claimed}?`;
}

/** One claim with `difficulty` operations; true with probability 1/2. */
export function generateClaim(difficulty: number, rng: Rng): ArithClaim {
  const operands = Array.from({ length: difficulty + 1 }, () => 10 + rng.int(90));
  const ops = Array.from({ length: difficulty }, () => (rng.int(2) === 0 ? '+' : '-') as '+' | '-');
  const value = evaluate(operands, ops);
  if (rng.int(2) === 0) return { operands, ops, claimed: value, truth: true };
  return { operands, ops, claimed: plausibleWrong(value, operands, ops, rng), truth: false };
}

function plausibleWrong(value: number, operands: number[], ops: ('+' | '-')[], rng: Rng): number {
  const kind = rng.int(4);
  if (kind === 3) {
    // A sign slip on one operation moves the result by twice that operand.
    const k = rng.int(ops.length);
    const operand = operands[k + 1];
    return ops[k] === '+' ? value - 2 * operand : value + 2 * operand;
  }
  const size = [1, 2, 10][kind];
  return value + (rng.int(2) === 0 ? size : -size);
}

export const arithTask: TaskDefinition = {
  name: 'arith',
  kind: 'text',
  description:
    'Generated arithmetic claims ("Is 37 + 48 - 12 = 73?"), true or false; difficulty = number of ' +
    `operations 1..${ARITH_MAX_DIFFICULTY}. Easy-to-hard: weak_train/transfer/val have difficulty <= ` +
    `${ARITH_EASY_MAX}, test 3..${ARITH_MAX_DIFFICULTY - 1}, ood_test ${ARITH_MAX_DIFFICULTY}.`,
  async load(opts = {}): Promise<Dataset> {
    const n = opts.limit ?? ARITH_DEFAULT_LIMIT;
    if (!(Number.isInteger(n) && n > 0)) throw new Error(`arith: limit must be a positive integer, got ${n}`);
    const rng = deriveRng(opts.seed ?? 0, 'arith');
    const seen = new Set<string>();
    const examples: Example[] = [];
    for (let attempts = 0; examples.length < n; attempts++) {
      if (attempts > 20 * n) throw new Error(`arith: could not generate ${n} distinct claims`);
      const difficulty = drawWeighted(DIFFICULTY_WEIGHTS, rng) + 1;
      const claim = generateClaim(difficulty, rng);
      const text = claimText(claim);
      if (seen.has(text)) continue;
      seen.add(text);
      examples.push({
        id: `arith-${examples.length}`,
        text,
        label: claim.truth ? 1 : 0,
        group: `ops${difficulty}`,
        difficulty,
      });
    }
    return {
      name: 'arith',
      classes: CLASSES.slice(),
      kind: 'text',
      examples,
      description: arithTask.description,
      isOod: (e) => (e.difficulty ?? 0) >= ARITH_MAX_DIFFICULTY,
      easyToHard: { easyMax: ARITH_EASY_MAX },
    };
  },
};

registerTask(arithTask);
