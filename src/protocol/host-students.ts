import type { StudentSetup, StudentExpect } from '../contract/student-setup.js';
import { probeFromValue, type StudentValue } from '../contract/student-value.js';
import { DEFAULT_FINETUNE, FINETUNE_VERSION, loadStudent, trainFinetune, type FinetuneConfig } from '../models/finetune/index.js';
import { DEFAULT_HF_FINETUNE, type HfFinetuneConfig } from '../models/hf/finetune.js';
import { loadHfStudent, trainHfStudent } from '../models/hf/student.js';
import { DEFAULT_PROBE, trainProbe, type ProbeConfig } from '../models/probe.js';
import type { StudentKind } from '../models/student-kind.js';
import { takeRows } from '../methods/labels.js';
import { takeTokenRows } from '../models/finetune/tokens.js';
import type { ModelEncoder, ModelFeatures } from './features.js';

/** How a run trains every student — weak supervisor, ceiling, the method's — the same way (`--student`). */
export interface StudentTraining {
  kind: StudentKind;
  probe: ProbeConfig;
  /** Fine-tuning a ladder encoder. */
  finetune: FinetuneConfig;
  /** Fine-tuning an `hf:` encoder (its defaults differ: the top layer, a lower rate; `--finetune-layers`/`--finetune-epochs` set both). */
  hf: HfFinetuneConfig;
}

/**
 * Bump when fine-tuning an hf: encoder computes different weights in a way its config does not show.
 * 2: imported layer norms run as the engine's fused op with its hand-written gradient.
 * 3: rows train in content order (row-order.ts), so batches no longer follow the order rows arrive in.
 */
export const HF_FINETUNE_VERSION = 3;

export function studentTraining(kind: StudentKind = 'probe', probe: Partial<ProbeConfig> = {}, finetune: Partial<FinetuneConfig> = {}): StudentTraining {
  const hf: HfFinetuneConfig = { ...DEFAULT_HF_FINETUNE };
  if (finetune.layers !== undefined) hf.trainLayers = finetune.layers;
  for (const k of ['epochs', 'batchSize', 'lr', 'weightDecay'] as const) if (finetune[k] !== undefined) hf[k] = finetune[k];
  return { kind, probe: { ...DEFAULT_PROBE, ...probe }, finetune: { ...DEFAULT_FINETUNE, ...finetune }, hf };
}

/**
 * What a student's training adds to cache and run keys: nothing for probes
 * (their config is keyed on its own, as before fine-tuning existed), the
 * fine-tuning settings and their versions for fine-tuned students.
 */
export function trainingKey(t: StudentTraining): { student?: { kind: 'finetune'; finetune: FinetuneConfig; hf: HfFinetuneConfig; version: number; hfVersion: number } } {
  return t.kind === 'finetune' ? { student: { kind: 'finetune', finetune: t.finetune, hf: t.hf, version: FINETUNE_VERSION, hfVersion: HF_FINETUNE_VERSION } } : {};
}

/** A model as students train on it: its frozen features, and its encoder when students fine-tune. */
export interface StudentModel {
  features: ModelFeatures;
  encoder: ModelEncoder | null;
}

/** A student trained in the host (weak supervisor, ceiling): predicts examples by their row in the dataset. */
export interface FittedStudent {
  predict(rows: Int32Array): Promise<Float32Array>;
}

/**
 * Trains a student on ground truth or soft targets for the given dataset rows,
 * the way the run trains every student: a probe on the model's frozen
 * features, or its encoder fine-tuned with a head.
 */
export async function fitStudent(t: StudentTraining, m: StudentModel, o: { rows: Int32Array; targets: Float32Array; k: number; seed: number; threads?: number }): Promise<FittedStudent> {
  if (t.kind === 'finetune') {
    const enc = needEncoder(m);
    if (enc.kind === 'hf') {
      const s = await trainHfStudent({ onnx: enc.onnx, source: enc.source, pooling: enc.pooling, rows: takeTokenRows(enc.tokens, o.rows), targets: o.targets, numClasses: o.k, config: t.hf, seed: o.seed, threads: o.threads });
      return { predict: (rows) => s.predict(takeTokenRows(enc.tokens, rows)) };
    }
    const student = await trainFinetune({ base: enc.base, tokens: takeTokenRows(enc.tokens, o.rows), targets: o.targets, numClasses: o.k, config: t.finetune, seed: o.seed, threads: o.threads });
    return { predict: (rows) => student.predict(takeTokenRows(enc.tokens, rows)) };
  }
  const f = m.features;
  const probe = await trainProbe({ features: takeRows(f.features, f.dim, o.rows), dim: f.dim, targets: o.targets, numClasses: o.k, config: t.probe, seed: o.seed, threads: o.threads });
  return { predict: (rows) => probe.predict(takeRows(f.features, f.dim, rows)) };
}

/** The student a method returned (checked), ready to predict dataset rows in the host. */
export function hostStudent(value: StudentValue, strong: StudentModel, k: number, threads?: number): FittedStudent {
  if (value.kind === 'probe') {
    const probe = probeFromValue(value, threads);
    const f = strong.features;
    return { predict: (rows) => probe.predict(takeRows(f.features, f.dim, rows)) };
  }
  const enc = needEncoder(strong);
  if (value.kind === 'hf-finetune') {
    if (enc.kind !== 'hf') throw new Error('unreachable: an hf: student for a ladder model');
    const s = loadHfStudent(value, enc.onnx, { source: enc.source, numClasses: k, threads, why: 'the returned student' });
    return { predict: (rows) => s.predict(takeTokenRows(enc.tokens, rows)) };
  }
  if (enc.kind !== 'ladder') throw new Error('unreachable: a ladder student for an hf: model');
  const student = loadStudent(value, enc.base.theta, { threads, source: 'the returned student' });
  return { predict: (rows) => student.predict(takeTokenRows(enc.tokens, rows)) };
}

/**
 * How the method's students train, for its view: the probe config, or the
 * strong encoder and the pools' token rows (host order; the view reorders
 * them with the pools).
 */
export function setupFor(t: StudentTraining, strong: StudentModel, rows: { transfer: Int32Array; val: Int32Array }): StudentSetup {
  if (t.kind === 'probe') return { kind: 'probe', probe: { ...t.probe, hidden: [...t.probe.hidden] } };
  const enc = needEncoder(strong);
  if (enc.kind === 'hf') {
    return {
      kind: 'hf-finetune', finetune: { ...t.hf }, onnx: enc.onnx, source: enc.source, pooling: enc.pooling,
      tokens: { transfer: takeTokenRows(enc.tokens, rows.transfer), val: takeTokenRows(enc.tokens, rows.val) },
    };
  }
  return {
    kind: 'finetune',
    finetune: { ...t.finetune, hidden: [...t.finetune.hidden] },
    base: enc.base,
    tokens: { transfer: takeTokenRows(enc.tokens, rows.transfer), val: takeTokenRows(enc.tokens, rows.val) },
  };
}

/** What the host checks a returned student against. */
export function expectFor(t: StudentTraining, strong: StudentModel, numClasses: number): StudentExpect {
  const base = { dim: strong.features.dim, numClasses };
  if (t.kind !== 'finetune') return base;
  const enc = needEncoder(strong);
  return enc.kind === 'hf' ? { ...base, hf: { onnx: enc.onnx, source: enc.source } } : { ...base, finetune: { base: enc.base, fingerprint: enc.fingerprint } };
}

function needEncoder(m: StudentModel): ModelEncoder {
  if (!m.encoder) throw new Error('unreachable: a fine-tuned student without its encoder (prepare loads it when --student finetune)');
  return m.encoder;
}
