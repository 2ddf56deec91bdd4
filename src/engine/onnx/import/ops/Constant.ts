import { registerImporter } from '../registry.js';
import { knownOfData } from '../value.js';
import type { ConstantData } from '../../../tensor.js';

registerImporter('Constant', (cx) => {
  const a = (n: string) => cx.attr(n);
  let c: ConstantData | undefined = cx.tensorAttr('value');
  if (!c && a('value_float')?.f !== undefined) c = { dtype: 'float32', shape: [], data: Float32Array.of(a('value_float')!.f!) };
  if (!c && a('value_floats')?.floats) c = { dtype: 'float32', shape: [a('value_floats')!.floats!.length], data: Float32Array.from(a('value_floats')!.floats!) };
  if (!c && a('value_int')?.i !== undefined) c = { dtype: 'int64', shape: [], data: BigInt64Array.of(BigInt(a('value_int')!.i!)) };
  if (!c && a('value_ints')?.ints) c = { dtype: 'int64', shape: [a('value_ints')!.ints!.length], data: BigInt64Array.from(a('value_ints')!.ints!.map(BigInt)) };
  if (!c) return cx.fail('no value attribute the importer reads (value, value_float(s), value_int(s)); sparse and string constants are not supported');
  return [{ tensor: cx.graph.constant(c, cx.node.outputs[0]), known: knownOfData(c.dtype, c.shape, c.data) }];
});
