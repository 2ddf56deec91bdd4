import { neg } from '../../../ops/neg.js';
import { registerImporter } from '../registry.js';
import { unaryImporter } from './_elementwise.js';

registerImporter('Neg', unaryImporter(neg));
