import { exp } from '../../../ops/exp.js';
import { registerImporter } from '../registry.js';
import { unaryImporter } from './_elementwise.js';

registerImporter('Exp', unaryImporter(exp));
