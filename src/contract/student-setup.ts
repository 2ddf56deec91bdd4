import type { FinetuneBase, FinetuneConfig, TokenRows } from '../models/finetune/index.js';
import type { ProbeConfig } from '../models/probe.js';

/**
 * How a run's students are trained, as the method process receives it (plain
 * data). `probe`: a head on the strong model's frozen features (the pools'
 * `features`). `finetune`: the strong model's encoder itself, from its
 * pretrained weights, with the head — the pools' token rows ride along, in
 * the pools' (view) row order. No labels are in either.
 */
export type StudentSetup = ProbeSetup | FinetuneSetup;

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

/** What the host expects of a returned student, to check it before scoring. */
export interface StudentExpect {
  /** The strong features' dimension (probes). */
  readonly dim: number;
  readonly numClasses: number;
  /** Fine-tuned students: the strong encoder they must have been trained from. */
  readonly finetune?: { readonly base: FinetuneBase; readonly fingerprint: string };
}
