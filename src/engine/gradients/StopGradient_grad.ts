import { registerGrad } from '../gradient.js';

/** sg(x): the forward value, no gradient. */
registerGrad({ op: 'StopGradient', grad: () => [null] });
