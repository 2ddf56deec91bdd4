import { log } from '../../../ops/log.js';
import { registerImporter } from '../registry.js';
import { unaryImporter } from './_elementwise.js';

registerImporter('Log', unaryImporter(log));
