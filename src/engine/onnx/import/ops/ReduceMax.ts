import { reduceMax } from '../../../ops/reduce_max.js';
import { registerImporter } from '../registry.js';
import { reduceImporter } from './_reduce.js';

registerImporter('ReduceMax', reduceImporter(reduceMax, 18));
