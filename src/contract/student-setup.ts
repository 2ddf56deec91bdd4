import type { FinetuneBase, FinetuneConfig, TokenRows } from '../models/finetune/index.js';
import type { HfFinetuneConfig } from '../models/hf/finetune.js';
import type { Pooling } from '../models/hf/pooling.js';
import type { HfRows } from '../models/hf/student.js';
import type { ProbeConfig } from '../models/probe.js';

/**
 * How a run's students are trained, as the method process receives it (plain
 * data). `probe`: a head on the strong model's frozen features (the pools'
 * `features`). `finetune`: the strong model's encoder itself, from its
 * pretrained weights, with the head — the pools' token rows ride along, in
 * the pools' (view) row order. `hf-finetune`: the same for an `hf:` encoder,
 * whose ONNX file's bytes ride along (the method process cannot read the
 * folder). No labels are in any of them.
 */
export type StudentSetup = ProbeSetup | FinetuneSetup | HfFinetuneSetup;

export interface ProbeSetup {
  readonly kind: 'probe';
  readonly probe: ProbeConfig;
}

export interface FinetuneSetup {
  readonly kind: 'finetune';
  readonly finetune: FinetuneConfig;
  /** The strong model's pretrained encoder: its config and flat weights. */
  readonly base: FinetuneBase;
  /** Token rows of each pool, row i of a pool being row i of its features. */
  readonly tokens: { readonly transfer: TokenRows; readonly val: TokenRows };
}

export interface HfFinetuneSetup {
  readonly kind: 'hf-finetune';
  readonly finetune: HfFinetuneConfig;
  /** The strong model's ONNX file, as bytes, and its name (for messages). */
  readonly onnx: Uint8Array;
  readonly source: string;
  readonly pooling: Pooling;
  readonly tokens: { readonly transfer: HfRows; readonly val: HfRows };
}

/** What the host expects of a returned student, to check it before scoring. */
export interface StudentExpect {
  /** The strong features' dimension (probes). */
  readonly dim: number;
  readonly numClasses: number;
  /** Fine-tuned students: the strong encoder they must have been trained from. */
  readonly finetune?: { readonly base: FinetuneBase; readonly fingerprint: string };
  /** Fine-tuned `hf:` students: the ONNX file they must have been trained from. */
  readonly hf?: { readonly onnx: Uint8Array; readonly source: string };
}
