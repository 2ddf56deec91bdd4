import { cast } from '../../../ops/cast.js';
import { isFloat } from '../../../dtype.js';
import { registerImporter } from '../registry.js';

registerImporter('Cast', (cx) => {
  const x = cx.value(0);
  const to = cx.dtypeOf(cx.attrInt('to'));
  const t = cast(x.tensor, to);
  if (isFloat(to) || !x.known) return [{ tensor: t }];
  const known = to === 'bool' ? { shape: x.known.shape, values: x.known.values.map((v) => (typeof v === 'number' ? Number(v !== 0) : 1)) } : x.known;
  return [cx.fold(to, known) ?? { tensor: t, known }];
});
