import { squeeze } from '../../../ops/squeeze.js';
import { registerImporter } from '../registry.js';
import { axesOf } from './_axes.js';

registerImporter('Squeeze', (cx) => {
  const x = cx.value(0);
  const shape = x.tensor.shape;
  let axes = axesOf(cx);
  if (!axes?.length) {
    if (shape.some((d) => typeof d !== 'number')) return cx.fail(`Squeeze without axes on ${x.tensor.name} of shape [${shape}] with symbolic dimensions; give the axes`);
    axes = [...shape.keys()].filter((i) => shape[i] === 1);
  }
  const t = squeeze(x.tensor, axes);
  const known = x.known && { shape: t.shape as number[], values: x.known.values };
  return [cx.fold(t.dtype, known) ?? { tensor: t, known }];
});
