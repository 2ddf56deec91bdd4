import { registerGrad } from '../gradient.js';
import { cast } from '../ops/cast.js';
import { zerosLike } from '../ops/constant_of_shape.js';
import { scatterAdd } from '../ops/scatter_nd.js';
import { unsqueeze } from '../ops/unsqueeze.js';

// Embedding gradient: scatter-add each row of dy into the row its index picked.
registerGrad({
  op: 'Gather',
  grad: ({ inputs: [data, indices] }, [dy]) => [scatterAdd(zerosLike(data), unsqueeze(cast(indices, 'int64'), -1), dy!), null],
});
