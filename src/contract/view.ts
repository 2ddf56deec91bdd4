import type { StudentSetup } from './student-setup.js';
import type { ExtraSupervisor, ParamValue, WeakPool } from './types.js';

/** Which method a method process runs: a registered one by name, or a user's file bundled by the host. */
export type MethodSpec =
  | { readonly kind: 'builtin'; readonly name: string }
  | {
      readonly kind: 'file';
      /** The file the user named (for messages). */
      readonly source: string;
      /** The self-contained ES module the host bundled from it (the method and its local imports). */
      readonly bundle: string;
      /** Content hash of the bundle: the method's identity in run keys. */
      readonly hash: string;
    };

/** One more weak supervisor for ensembles, named (see `ExtraSupervisor.source` for correlated ones). */
export interface NamedSupervisor extends ExtraSupervisor {
  readonly name: string;
}

/**
 * Everything a method is given, as plain data that crosses a process boundary:
 * the pools without labels (ids are opaque, salted per run), the weak
 * supervisor's soft labels, extra supervisors, and how its students train
 * (with the strong encoder's weights and the pools' token rows to fine-tune).
 * Ground truth is never in it; the oracle is a message to the host.
 */
export interface MethodView {
  readonly method: MethodSpec;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly classes: readonly string[];
  readonly seed: number;
  readonly transfer: WeakPool;
  readonly val: WeakPool;
  readonly supervisor: { readonly name: string; readonly extra: readonly NamedSupervisor[] };
  /** How students train: probes on frozen features, or the strong encoder fine-tuned (the run's `--student`). */
  readonly student: StudentSetup;
  readonly threads?: number;
}

/** What a method declares about itself: enough for the host to key, plan and check a run. */
export interface MethodMeta {
  readonly name: string;
  readonly description: string;
  readonly params: readonly { name: string; type: 'number' | 'string' | 'boolean'; default: ParamValue; description: string }[];
  readonly extraSupervisors: boolean;
}
