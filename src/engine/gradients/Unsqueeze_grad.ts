import { registerGrad } from '../gradient.js';
import { reshapeLike } from '../ops/reshape.js';

registerGrad({ op: 'Unsqueeze', grad: ({ inputs: [x] }, [dy]) => [reshapeLike(dy!, x), null] });
