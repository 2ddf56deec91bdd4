import type { EncoderConfig } from '../engine/index.js';

/**
 * A rung of the model ladder: a transformer encoder pretrained with masked
 * language modelling on unlabeled text, then used as a (weak or strong) model.
 */
export interface LadderModel {
  name: string;
  description: string;
  encoder: Omit<EncoderConfig, 'vocabSize' | 'maxLen'>;
  pretrain: PretrainConfig;
}

export interface PretrainConfig {
  steps: number;
  batchSize: number;
  lr: number;
  /** Share of tokens masked for prediction. */
  maskRate: number;
}

export interface TextConfig {
  vocabSize: number;
  maxLen: number;
}

export const DEFAULT_TEXT: TextConfig = { vocabSize: 2000, maxLen: 64 };

const models = new Map<string, LadderModel>();

export function registerModel(m: LadderModel): void {
  if (models.has(m.name)) throw new Error(`ladder model "${m.name}" is registered twice`);
  models.set(m.name, m);
}

export function getModel(name: string): LadderModel {
  const m = models.get(name);
  if (!m) throw new Error(`unknown model "${name}"; the ladder has: ${[...models.keys()].join(', ')} (see \`w2s models\`)`);
  return m;
}

export function listModels(): LadderModel[] {
  return [...models.values()];
}

/** Parameters of the encoder for a vocabulary and sequence length (embeddings included). */
export function encoderParams(m: LadderModel, text: TextConfig = DEFAULT_TEXT): number {
  const { dim: d, layers, ffDim } = m.encoder;
  const ff = ffDim ?? 4 * d;
  const block = 2 * 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + (d * ff + ff) + (ff * d + d);
  return text.vocabSize * d + text.maxLen * d + layers * block + 2 * d;
}

const base: PretrainConfig = { steps: 400, batchSize: 32, lr: 2e-3, maskRate: 0.15 };

// The default ladder: about 20x in parameters from bottom to top, all of it
// pretrainable in a few minutes on 2 cores.
registerModel({ name: 'xs', description: 'd=16, 1 layer', encoder: { dim: 16, heads: 2, layers: 1, ffDim: 32 }, pretrain: { ...base, steps: 300 } });
registerModel({ name: 's', description: 'd=32, 2 layers', encoder: { dim: 32, heads: 2, layers: 2, ffDim: 64 }, pretrain: base });
registerModel({ name: 'm', description: 'd=64, 2 layers', encoder: { dim: 64, heads: 4, layers: 2, ffDim: 128 }, pretrain: base });
registerModel({ name: 'l', description: 'd=128, 3 layers', encoder: { dim: 128, heads: 4, layers: 3, ffDim: 256 }, pretrain: { ...base, lr: 1e-3 } });
