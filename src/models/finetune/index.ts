/** Fine-tuned students: a ladder encoder and a head trained end to end (or its top layers), as values. */
export { DEFAULT_FINETUNE, FINETUNE_VERSION, trainFinetune, type FinetuneBase, type FinetuneConfig, type FinetuneTrainOptions } from './train.js';
export { FinetunedClassifier, loadStudent } from './classifier.js';
export { FinetuneModel, isTrained, type HeadStandardizer, type TrainedLayers } from './model.js';
export { decodeStudent, encodeStudent, validateStudent, weightsFingerprint, type FinetunedStudent, type FinetunedStudentConfig, type ParamTensor } from './value.js';
export { rowLengths, takeTokenRows, tokenBatch, type TokenBatch, type TokenRows } from './tokens.js';
