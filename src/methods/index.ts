/**
 * Weak-to-strong methods. Each lives in its own file and registers itself;
 * adding one is a new file plus one import line here (TEMPLATE.ts shows how).
 */
import './vanilla.js';
import './logconf.js';
import './product.js';
import './filter-confidence.js';
import './filter-quantile.js';
import './filter-disagreement.js';
import './bootstrap.js';
import './probe-relabel.js';
import './probe-filter.js';
import './ensemble-vote.js';
import './ensemble-weighted.js';
import './ensemble-labelmodel.js';
import './refine.js';
import './aux-tasks.js';
import './consistency.js';

export { registerMethod, getMethod, listMethods, resolveParams } from './registry.js';
export { hardLabels, smoothLabels, takeRows } from './labels.js';
export { dawidSkene, type LabelModel } from './label-model.js';
export { majorityVote, weightedVote, votesFromProbs } from './votes.js';
export {
  labelingFunctionsFor, labelingFunctionSupervisors, registerLabelingFunctions, regexLF, type LabelingFunction,
} from './labeling-functions.js';
