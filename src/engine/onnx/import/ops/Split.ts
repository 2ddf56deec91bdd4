import { split } from '../../../ops/split.js';
import { normalizeAxis } from '../../../shape.js';
import { registerImporter } from '../registry.js';

// Split sizes: the `split` input (opset 13+) or attribute, else equal parts (num_outputs from opset 18).
registerImporter('Split', (cx) => {
  const x = cx.tensor(0);
  const axis = normalizeAxis('Split', cx.attrInt('axis', 0), x.rank);
  let sizes = cx.opset < 13 ? cx.attrInts('split') : cx.input(1) ? cx.ints(1, 'split sizes') : undefined;
  if (!sizes) {
    const d = x.shape[axis];
    const parts = cx.attrInt('num_outputs', cx.node.outputs.length);
    if (typeof d !== 'number') return cx.fail(`equal split of the symbolic axis ${axis} (${d}); give the split sizes`);
    const each = Math.ceil(d / parts);
    sizes = Array.from({ length: parts }, (_, i) => Math.min(each, d - i * each));
  }
  return split(x, sizes, axis).map((tensor) => ({ tensor }));
});
