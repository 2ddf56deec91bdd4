import { isFloat } from '../../../dtype.js';
import type { Dim, Tensor } from '../../../tensor.js';
import type { NodeContext } from '../context.js';
import type { OpImporter } from '../registry.js';
import { broadcastKnown, dimArith, type Value } from '../value.js';

/** An elementwise op of one input: the engine op of the same meaning. */
export function unaryImporter(build: (x: Tensor) => Tensor): OpImporter {
  return (cx) => [{ tensor: build(cx.tensor(0)) }];
}

/** How a binary op acts on shape values, when it can (see value.ts). */
export type KnownRule = (a: Dim, b: Dim) => Dim | undefined;

/** An elementwise op of two broadcast inputs; integer results with known inputs are folded. */
export function binaryImporter(build: (a: Tensor, b: Tensor) => Tensor, rule?: KnownRule): OpImporter {
  return (cx: NodeContext): Value[] => {
    const a = cx.value(0);
    const b = cx.value(1);
    const known = rule && a.known && b.known ? broadcastKnown([a.known, b.known], ([x, y]) => rule(x, y)) : undefined;
    const t = build(a.tensor, b.tensor);
    if (isFloat(t.dtype)) return [{ tensor: t }];
    return [cx.fold(t.dtype, known) ?? { tensor: t, known }];
  };
}

export const arith = (op: 'Add' | 'Sub' | 'Mul' | 'Div'): KnownRule => (x, y) => dimArith(op, x, y);

/** Comparisons of shape values: numbers compare; a dimension name equals only itself and is never negative. */
export function compare(op: 'Equal' | 'Less' | 'Greater'): KnownRule {
  return (x, y) => {
    if (typeof x === 'number' && typeof y === 'number') return Number(op === 'Equal' ? x === y : op === 'Less' ? x < y : x > y);
    if (op === 'Equal') {
      if (x === y) return 1;
      if ((typeof x === 'number' && x < 0) || (typeof y === 'number' && y < 0)) return 0;
    }
    return undefined;
  };
}
