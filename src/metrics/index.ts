export type { ClassIndices, Probs } from './check.js';
export { argmax, maxProb } from './argmax.js';
export { accuracy, correctness } from './accuracy.js';
export { agreement } from './agreement.js';
export { auroc } from './auroc.js';
export { calibrationCurve, ece, type CalibrationBin } from './calibration.js';
export { pgr, fixedBaselinePgr, type FixedBaselinePgr } from './pgr.js';
export { mean } from './mean.js';
export {
  hierarchicalBootstrap,
  quantile,
  type BootstrapInterval,
  type BootstrapOptions,
  type BootstrapResult,
  type SeedColumns,
} from './bootstrap.js';
export { bootstrapPgr, type BootstrapPgrOptions, type PgrInterval, type SeedCorrectness } from './bootstrap-pgr.js';
export { bootstrapMeanCi, type BootstrapMeanOptions, type MeanInterval } from './bootstrap-mean.js';
export { pairedDifferenceCi, type PairedDifference, type PairedDifferenceOptions } from './paired-difference.js';
export { imitation, type Imitation } from './imitation.js';
export {
  accuracyByBucket,
  bucketize,
  type AccuracyByBucketOptions,
  type BucketAccuracy,
  type BucketId,
} from './accuracy-by-bucket.js';
export { normalQuantile, wilsonInterval } from './normal.js';
