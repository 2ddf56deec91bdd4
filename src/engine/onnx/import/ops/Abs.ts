import { abs } from '../../../ops/abs.js';
import { registerImporter } from '../registry.js';
import { unaryImporter } from './_elementwise.js';

registerImporter('Abs', unaryImporter(abs));
