import { cleanNotes } from '../contract/notes.js';
import type { StudentValue } from '../contract/student-value.js';
import type { Method, MethodContext } from '../contract/types.js';
import type { MethodView } from '../contract/view.js';
import { deriveRng } from '../util/rng.js';
import type { HostChannel } from './host-channel.js';
import { OracleClient } from './oracle-client.js';
import { FinetuneStudentFactory } from './finetune-students.js';
import { HfStudentFactory } from './hf-students.js';
import { ProbeStudentFactory } from './probe-students.js';

/** What a method hands back across the boundary: its student as a value, and its notes. */
export interface MethodOutcome {
  student: StudentValue;
  notes: Record<string, number | string | boolean>;
  /** Students the method trained (reported by the method's side; compute accounting). */
  studentsTrained: number;
}

/**
 * Runs a method on its view: builds the context (students trained here —
 * probes on the view's features, or the strong encoder fine-tuned on its token
 * rows — and the oracle as messages to the host), runs it, and turns the
 * student it returns into a value. The same code runs in a method process and
 * in the unsafe in-process mode.
 */
export async function runMethodOnView(method: Method, view: MethodView, host: HostChannel): Promise<MethodOutcome> {
  const k = view.classes.length;
  const budget = method.oracleBudget?.(view.params, view.transfer.ids.length) ?? 0;
  if (!(Number.isInteger(budget) && budget >= 0)) throw new Error(`method ${method.name}: oracleBudget must return a non-negative integer, got ${budget}`);
  await host.declareBudget(budget);
  const pools = { transfer: view.transfer, val: view.val };
  const setup = view.student;
  const factory =
    setup.kind === 'finetune'
      ? new FinetuneStudentFactory(pools, setup, k, view.seed, view.threads)
      : setup.kind === 'hf-finetune'
        ? new HfStudentFactory(pools, setup, k, view.seed, view.threads)
        : new ProbeStudentFactory(pools, k, view.seed, setup.probe, view.threads);
  const ctx: MethodContext = Object.freeze({
    numClasses: k,
    classes: view.classes,
    seed: view.seed,
    rng: deriveRng(view.seed, 'method'),
    transfer: view.transfer,
    val: view.val,
    student: factory,
    supervisor: { name: view.supervisor.name, extra: new Map(view.supervisor.extra.map((e) => [e.name, { transfer: e.transfer, val: e.val, source: e.source }])) },
    oracle: new OracleClient(budget, view.transfer.ids, host),
    log: (m: string) => host.log(String(m)),
  });
  const result = await method.run(ctx, { ...view.params });
  if (!result || typeof result !== 'object' || !result.student) throw new Error(`method ${method.name} must return { student } (the value of ctx.student.train)`);
  return { student: factory.valueOf(result.student), notes: cleanNotes(result.notes), studentsTrained: factory.trained };
}
