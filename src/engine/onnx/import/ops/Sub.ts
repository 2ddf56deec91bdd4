import { sub } from '../../../ops/sub.js';
import { registerImporter } from '../registry.js';
import { binaryImporter, arith } from './_elementwise.js';

registerImporter('Sub', binaryImporter((a, b) => sub(a, b), arith('Sub')));
