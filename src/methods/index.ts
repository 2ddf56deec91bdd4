/**
 * Weak-to-strong methods. Each lives in its own file and registers itself;
 * adding one is a new file plus one import line here.
 */
import './vanilla.js';

export { registerMethod, getMethod, listMethods, resolveParams } from './registry.js';
export { hardLabels, smoothLabels, takeRows } from './labels.js';
