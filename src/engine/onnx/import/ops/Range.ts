import { makeArray } from '../../../graph.js';
import { registerImporter } from '../registry.js';
import { knownOfData } from '../value.js';

// Range folds to a constant when its bounds are known numbers (the engine has no Range op).
registerImporter('Range', (cx) => {
  const [start, limit, delta] = [0, 1, 2].map((i) => cx.ints(i, ['start', 'limit', 'delta'][i])[0]);
  if (delta === 0) cx.fail('delta is 0');
  const values: number[] = [];
  for (let v = start; delta > 0 ? v < limit : v > limit; v += delta) values.push(v);
  const dtype = cx.tensor(0).dtype;
  const data = makeArray(dtype, values);
  return [{ tensor: cx.graph.constant({ dtype, shape: [values.length], data }), known: knownOfData(dtype, [values.length], data) }];
});
