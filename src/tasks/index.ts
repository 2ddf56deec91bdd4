/**
 * Tasks: the data model, the registry, splitting, and the built-in tasks.
 * Each built-in registers itself on import; adding a task = one file + one import line here.
 */
import './spam.js';
import './pos.js';
import './reviews.js';

export type { Dataset, Example, InDistSplitName, SplitName, Splits, TaskDefinition, TaskLoadOptions } from './types.js';
export { SPLIT_NAMES } from './types.js';
export { getTask, listTasks, loadTask, registerTask } from './registry.js';
export { DEFAULT_FRACTIONS, classCounts, splitDataset } from './split.js';
export type { SplitFractions, SplitOptions } from './split.js';
export { sampleStratified, takeRandom } from './sample.js';
export { spamTask, SPAM_OOD_GROUP } from './spam.js';
export { posTask, POS_OOD_GENRE, POS_DEFAULT_LIMIT } from './pos.js';
export { POS_CLASSES, coarsePos } from './pos-tags.js';
export { reviewsTask, REVIEWS_EASY_MAX, REVIEWS_DEFAULT_LIMIT, generateReview } from './reviews.js';
