import { sigmoid } from '../../../ops/sigmoid.js';
import { registerImporter } from '../registry.js';
import { unaryImporter } from './_elementwise.js';

registerImporter('Sigmoid', unaryImporter(sigmoid));
