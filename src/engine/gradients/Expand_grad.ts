import { registerGrad } from '../gradient.js';
import { unbroadcast } from './_util.js';

registerGrad({ op: 'Expand', grad: ({ inputs: [x] }, [dy]) => [unbroadcast(dy!, x), null] });
