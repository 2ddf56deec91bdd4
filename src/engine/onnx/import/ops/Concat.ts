import { concat } from '../../../ops/concat.js';
import { normalizeAxis } from '../../../shape.js';
import { registerImporter } from '../registry.js';
import type { Value } from '../value.js';

registerImporter('Concat', (cx) => {
  const parts: Value[] = [];
  for (let i = 0; i < cx.inputCount; i++) parts.push(cx.value(i));
  const axis = normalizeAxis('Concat', cx.attrInt('axis'), parts[0].tensor.rank);
  const t = concat(parts.map((p) => p.tensor), axis);
  const known =
    axis === 0 && parts.every((p) => p.known?.shape.length === 1)
      ? { shape: [parts.reduce((s, p) => s + p.known!.shape[0], 0)], values: parts.flatMap((p) => p.known!.values) }
      : undefined;
  return [cx.fold(t.dtype, known) ?? { tensor: t, known }];
});
