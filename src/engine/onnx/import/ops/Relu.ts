import { relu } from '../../../ops/relu.js';
import { registerImporter } from '../registry.js';
import { unaryImporter } from './_elementwise.js';

registerImporter('Relu', unaryImporter(relu));
