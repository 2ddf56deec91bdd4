import { isFloat } from '../../../dtype.js';
import { slice } from '../../../ops/slice.js';
import { normalizeAxis } from '../../../shape.js';
import type { Dim } from '../../../tensor.js';
import type { NodeContext } from '../context.js';
import { registerImporter } from '../registry.js';
import type { Known, Value } from '../value.js';

interface Bounds {
  starts: Dim[];
  ends: Dim[];
  axes: number[];
}

// Slice with step 1. Static bounds become the engine's Slice; bounds that follow a symbolic
// dimension (position_ids[:, :sequence_length]) keep the exporter's run-time bounds.
registerImporter('Slice', (cx) => {
  const x = cx.value(0);
  const rank = x.tensor.rank;
  const b = boundsOf(cx);
  const axes = b.axes.map((a) => normalizeAxis('Slice', a, rank));
  const shape: Dim[] = [...x.tensor.shape];
  const starts: number[] = [];
  const ends: number[] = [];
  let dynamic = false;
  axes.forEach((a, i) => {
    const d = x.tensor.shape[a];
    const s = b.starts[i];
    const e = b.ends[i];
    if (typeof d === 'number' && typeof s === 'number' && typeof e === 'number') {
      const cs = clamp(s, d);
      const ce = Math.max(cs, clamp(e, d));
      starts.push(cs);
      ends.push(ce);
      shape[a] = ce - cs;
    } else if (s === 0 && (e === d || (typeof e === 'number' && e >= 2 ** 31))) {
      starts.push(0);
      ends.push(2 ** 31);
    } else if (s === 0 && typeof e === 'string') {
      dynamic = true;
      shape[a] = e; // the exporter slices a buffer to the sequence length, which it never exceeds
    } else cx.fail(`slice [${s}, ${e}) of axis ${a} (size ${d}) mixes symbolic and static bounds in a way the importer cannot type; export with static shapes`);
  });
  if (!dynamic && axes.every((a, i) => typeof x.tensor.shape[a] === 'number' || (starts[i] === 0 && ends[i] === 2 ** 31))) {
    const kept = axes.map((a, i) => [a, starts[i], ends[i]] as const).filter(([a]) => typeof x.tensor.shape[a] === 'number');
    if (kept.length === 0) return [x];
    const t = slice(x.tensor, kept.map((k) => k[1]), kept.map((k) => k[2]), kept.map((k) => k[0]));
    const known = knownSlice(x, t.shape, kept);
    return [cx.fold(t.dtype, known) ?? { tensor: t, known }];
  }
  if (isFloat(x.tensor.dtype)) cx.fail(`a float tensor sliced to a run-time length would not be differentiable in the engine; export with static shapes`);
  const t = cx.graph.addNode('Slice', [x.tensor, cx.tensor(1), cx.tensor(2), cx.graph.int64s(axes)], {}, [{ dtype: x.tensor.dtype, shape }]).outputs[0];
  return [{ tensor: t }];
});

function clamp(i: number, d: number): number {
  const j = i < 0 ? i + d : i;
  return Math.max(0, Math.min(d, j));
}

function boundsOf(cx: NodeContext): Bounds {
  if (cx.opset < 10) {
    const starts = cx.attrInts('starts') ?? cx.fail('attribute starts is missing');
    return { starts, ends: cx.attrInts('ends') ?? cx.fail('attribute ends is missing'), axes: cx.attrInts('axes') ?? starts.map((_, i) => i) };
  }
  const starts = cx.known(1, 'starts').values;
  const ends = cx.known(2, 'ends').values;
  const axes = cx.input(3) ? cx.ints(3, 'axes') : starts.map((_, i) => i);
  if (cx.input(4) && cx.ints(4, 'steps').some((s) => s !== 1)) cx.fail('steps other than 1 are not supported');
  return { starts, ends, axes };
}

/** Known values of a sliced 1-D shape vector (e.g. Shape(x)[:-1]). */
function knownSlice(x: Value, shape: readonly Dim[], kept: (readonly [number, number, number])[]): Known | undefined {
  if (!x.known || x.known.shape.length !== 1 || kept.length !== 1) return undefined;
  return { shape: shape as number[], values: x.known.values.slice(kept[0][1], kept[0][2]) };
}
