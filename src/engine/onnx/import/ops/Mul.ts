import { mul } from '../../../ops/mul.js';
import { registerImporter } from '../registry.js';
import { binaryImporter, arith } from './_elementwise.js';

registerImporter('Mul', binaryImporter((a, b) => mul(a, b), arith('Mul')));
