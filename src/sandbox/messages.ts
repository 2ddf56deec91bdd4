import type { MethodMeta, MethodSpec, MethodView } from '../contract/view.js';
import type { MethodOutcome } from '../runtime/run-method.js';

/** Host → method process. */
export type ToMethod =
  | { t: 'load'; method: MethodSpec }
  | { t: 'run'; view: MethodView }
  | { t: 'budget-ok' }
  | { t: 'oracle-reply'; id: number; labels?: Int32Array; used?: number; error?: string }
  | { t: 'exit' };

/** Method process → host. Untrusted: the host checks every field. */
export type FromMethod =
  | { t: 'meta'; meta: MethodMeta }
  | { t: 'budget'; budget: number }
  | { t: 'oracle'; id: number; rows: Int32Array }
  | { t: 'log'; message: string }
  | { t: 'result'; outcome: MethodOutcome }
  | { t: 'error'; message: string };
