import { reduceSum } from '../../../ops/reduce_sum.js';
import { registerImporter } from '../registry.js';
import { reduceImporter } from './_reduce.js';

registerImporter('ReduceSum', reduceImporter(reduceSum, 13));
