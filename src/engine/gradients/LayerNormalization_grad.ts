import { registerGrad } from '../gradient.js';
import { mul } from '../ops/mul.js';
import { reduceMean } from '../ops/reduce_mean.js';
import { reduceSum } from '../ops/reduce_sum.js';
import { sub } from '../ops/sub.js';
import type { Tensor } from '../tensor.js';

// With x̂ = (x − mean)·r (r the saved inverse deviation) and g = dy·gamma:
//   dx = r·(g − mean(g) − x̂·mean(g·x̂)),  dgamma = Σ dy·x̂,  dbeta = Σ dy
// (means over the normalised axis, sums over the others). Every product broadcasts the
// [..., 1] statistics; nothing is expanded.
registerGrad({
  op: 'LayerNormalization',
  grad: ({ inputs: [x, gamma], outputs: [, mean, invStd] }, [dy, dMean, dInvStd]) => {
    if (dMean || dInvStd) throw new Error('LayerNormalization gradient: its Mean and InvStdDev outputs must not reach the loss');
    const axis = x.rank - 1;
    const lead = Array.from({ length: axis }, (_, i) => i);
    const xhat = mul(sub(x, mean), invStd);
    const g = mul(dy!, gamma);
    const dx = mul(sub(sub(g, reduceMean(g, axis, true)), mul(xhat, reduceMean(mul(g, xhat), axis, true))), invStd);
    const overLead = (t: Tensor) => (lead.length === 0 ? t : reduceSum(t, lead));
    return [dx, overLead(mul(dy!, xhat)), overLead(dy!)];
  },
});
