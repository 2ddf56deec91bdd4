import { registerGrad } from '../gradient.js';
import { expandReduced } from './_reduce_grad.js';

registerGrad({ op: 'ReduceSum', grad: (node, [dy]) => [expandReduced(node, dy!), null] });
