import { registerGrad } from '../gradient.js';
import { div } from '../ops/div.js';

registerGrad({ op: 'Log', grad: ({ inputs: [x] }, [dy]) => [div(dy!, x)] });
