import { greater } from '../../../ops/greater.js';
import { registerImporter } from '../registry.js';
import { binaryImporter, compare } from './_elementwise.js';

registerImporter('Greater', binaryImporter((a, b) => greater(a, b), compare('Greater')));
