import { pow } from '../../../ops/pow.js';
import { registerImporter } from '../registry.js';
import { binaryImporter } from './_elementwise.js';

registerImporter('Pow', binaryImporter((a, b) => pow(a, b)));
