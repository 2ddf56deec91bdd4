import { erf } from '../../../ops/erf.js';
import { registerImporter } from '../registry.js';
import { unaryImporter } from './_elementwise.js';

registerImporter('Erf', unaryImporter(erf));
