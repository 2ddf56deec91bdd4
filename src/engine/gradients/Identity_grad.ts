import { registerGrad } from '../gradient.js';

registerGrad({ op: 'Identity', grad: (_n, [dy]) => [dy] });
