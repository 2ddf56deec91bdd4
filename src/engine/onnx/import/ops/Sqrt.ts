import { sqrt } from '../../../ops/sqrt.js';
import { registerImporter } from '../registry.js';
import { unaryImporter } from './_elementwise.js';

registerImporter('Sqrt', unaryImporter(sqrt));
