import { tanh } from '../../../ops/tanh.js';
import { registerImporter } from '../registry.js';
import { unaryImporter } from './_elementwise.js';

registerImporter('Tanh', unaryImporter(tanh));
