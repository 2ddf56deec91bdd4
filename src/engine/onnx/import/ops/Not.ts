import { logicalNot } from '../../../ops/not.js';
import { registerImporter } from '../registry.js';
import { unaryImporter } from './_elementwise.js';

registerImporter('Not', unaryImporter(logicalNot));
