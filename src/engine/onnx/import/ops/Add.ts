import { add } from '../../../ops/add.js';
import { registerImporter } from '../registry.js';
import { binaryImporter, arith } from './_elementwise.js';

registerImporter('Add', binaryImporter((a, b) => add(a, b), arith('Add')));
