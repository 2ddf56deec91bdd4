// Pretrained encoders from local Hugging Face folders: features through ONNX Runtime, fine-tuning through the engine.
export { parseHfSpec, isHfModel, HF_PREFIX, type HfSpec } from './spec.js';
export { resolveHfFolder, ONNX_CANDIDATES, type HfFolder } from './folder.js';
export { HfTokenizer, type TokenBatch } from './tokenize.js';
export { POOLINGS, poolingWeights, poolHidden, type Pooling } from './pooling.js';
export { HfEncoder, maxLenOf, FED_INPUTS } from './encoder.js';
export { ensureHfFeatures, type HfFeatures } from './cache.js';
export { HfClassifier, POOL_INPUT, type HfClassifierOptions } from './classifier.js';
export { writeTinyHfFolder, tinyVocab, tinyTokenizerJson } from './tiny_folder.js';
export { finetuneHf, FinetunedHf, DEFAULT_HF_FINETUNE, type HfFinetuneConfig, type FinetuneStep } from './finetune.js';
