import { apply1 } from '../../../op.js';
import '../../../ops/reshape.js';
import { dimProduct } from '../../../shape.js';
import { formatShape, type Dim, type Shape } from '../../../tensor.js';
import type { NodeContext } from '../context.js';
import { registerImporter } from '../registry.js';

// The target shape is the node's own shape input (a constant, or the exporter's Shape
// arithmetic kept as graph ops); the importer follows its values to type the output.
registerImporter('Reshape', (cx) => {
  const x = cx.value(0);
  const target = cx.known(1, 'target shape');
  if (cx.attrInt('allowzero', 0) === 1 && target.values.includes(0)) cx.fail('allowzero=1 with a 0 in the target shape is not supported');
  const out = resolveTarget(cx, x.tensor.shape, target.values);
  const t = apply1('Reshape', [x.tensor, cx.tensor(1)], { _shape: out });
  // A reshaped shape vector keeps its values.
  const known = x.known && out.every((d) => typeof d === 'number') ? { shape: out as number[], values: x.known.values } : undefined;
  return [cx.fold(t.dtype, known) ?? { tensor: t, known }];
});

/** ONNX Reshape's 0 (copy the input's dimension) and -1 (infer one), over numbers and dimension names. */
function resolveTarget(cx: NodeContext, inShape: Shape, target: readonly Dim[]): Dim[] {
  const out: Dim[] = target.map((d, i) => (d === 0 ? inShape[i] : d));
  const at = out.indexOf(-1);
  if (out.lastIndexOf(-1) !== at) cx.fail(`more than one -1 in the target shape ${formatShape(target)}`);
  if (at < 0) return out;
  const num: Dim[] = [...inShape];
  const den: Dim[] = [];
  out.forEach((d, i) => {
    if (i === at) return;
    const j = typeof d === 'string' ? num.indexOf(d) : -1;
    if (j >= 0) num.splice(j, 1);
    else den.push(d);
  });
  const numN = num.filter((d): d is number => typeof d === 'number').reduce((a, b) => a * b, 1);
  const denN = den.filter((d): d is number => typeof d === 'number').reduce((a, b) => a * b, 1);
  if (den.some((d) => typeof d === 'string') || denN === 0 || numN % denN !== 0) {
    cx.fail(`cannot infer the -1 of target ${formatShape(target)} from input ${formatShape(inShape)}`);
  }
  const syms = num.filter((d): d is string => typeof d === 'string');
  out[at] = syms.length === 0 ? numN / denN : dimProduct([...syms, numN / denN]);
  return out;
}
