import { gather } from '../../../ops/gather.js';
import { transpose } from '../../../ops/transpose.js';
import { normalizeAxis } from '../../../shape.js';
import type { Dim } from '../../../tensor.js';
import { registerImporter } from '../registry.js';
import { isNumeric, type Known } from '../value.js';

// The engine's Gather picks rows (axis 0); another axis is moved to the front and back.
registerImporter('Gather', (cx) => {
  const data = cx.value(0);
  const idx = cx.value(1);
  const x = data.tensor;
  const axis = normalizeAxis('Gather', cx.attrInt('axis', 0), x.rank);
  if (axis === 0 && data.known?.shape.length === 1 && isNumeric(idx.known)) {
    const n = data.known.shape[0];
    const values = idx.known.values.map((i: number) => data.known!.values[i < 0 ? i + n : i]);
    if (values.some((v) => v === undefined)) cx.fail(`index out of range for a ${n}-element tensor`);
    const known: Known = { shape: [...idx.known.shape], values: values as Dim[] };
    const folded = cx.fold(x.dtype, known);
    if (folded) return [folded];
    return [{ tensor: gather(x, idx.tensor), known }];
  }
  if (axis === 0) return [{ tensor: gather(x, idx.tensor) }];
  const front = [axis, ...[...x.shape.keys()].filter((i) => i !== axis)];
  const picked = gather(transpose(x, front), idx.tensor); // [...indices, x without axis]
  const k = idx.tensor.rank;
  if (k === 0) return [{ tensor: picked }];
  const back = [...Array.from({ length: axis }, (_, i) => k + i), ...Array.from({ length: k }, (_, i) => i), ...Array.from({ length: x.rank - 1 - axis }, (_, i) => k + axis + i)];
  return [{ tensor: transpose(picked, back) }];
});
