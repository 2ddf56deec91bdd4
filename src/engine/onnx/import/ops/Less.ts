import { less } from '../../../ops/less.js';
import { registerImporter } from '../registry.js';
import { binaryImporter, compare } from './_elementwise.js';

registerImporter('Less', binaryImporter((a, b) => less(a, b), compare('Less')));
