import { reduceMean } from '../../../ops/reduce_mean.js';
import { registerImporter } from '../registry.js';
import { reduceImporter } from './_reduce.js';

registerImporter('ReduceMean', reduceImporter(reduceMean, 18));
