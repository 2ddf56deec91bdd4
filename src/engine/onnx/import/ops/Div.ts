import { div } from '../../../ops/div.js';
import { registerImporter } from '../registry.js';
import { binaryImporter, arith } from './_elementwise.js';

registerImporter('Div', binaryImporter((a, b) => div(a, b), arith('Div')));
