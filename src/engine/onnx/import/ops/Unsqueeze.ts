import { unsqueeze } from '../../../ops/unsqueeze.js';
import { registerImporter } from '../registry.js';
import { axesOf } from './_axes.js';

registerImporter('Unsqueeze', (cx) => {
  const x = cx.value(0);
  const axes = axesOf(cx);
  if (!axes?.length) return cx.fail('no axes given');
  const t = unsqueeze(x.tensor, axes);
  const known = x.known && { shape: t.shape as number[], values: x.known.values };
  return [cx.fold(t.dtype, known) ?? { tensor: t, known }];
});
