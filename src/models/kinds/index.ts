/**
 * The built-in model kinds, in the order names are matched. Adding a kind =
 * one file + one line here.
 */
import './ladder.js';
import './ngram.js';
import './hf.js';
import './raw.js';
import './proj.js';
import './file.js';

export {
  canonicalModelName, finetuneSource, isFinetunable, isModelName, listModelKinds, modelContentKey, modelFeaturesOf, modelKind, modelName,
  ModelNameError, parseModel, registerModelKind,
  type BuiltinModelSpec, type DataKind, type FeatureContext, type FileSpec, type FinetuneContext, type FinetuneSource, type HfModelSpec,
  type LadderSpec, type ModelFeatures, type ModelKind, type ModelSpec, type NgramSpec, type ProjSpec, type RawSpec,
} from './registry.js';
export { fileFeatures } from './file.js';
export { hfHubCache } from './hf.js';
export { DEFAULT_NGRAM_DIM, ngramFeatures, topColumnsByDf } from './ngram.js';
export { randomProjection } from './proj.js';
