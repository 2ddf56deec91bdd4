import { equal } from '../../../ops/equal.js';
import { registerImporter } from '../registry.js';
import { binaryImporter, compare } from './_elementwise.js';

registerImporter('Equal', binaryImporter((a, b) => equal(a, b), compare('Equal')));
