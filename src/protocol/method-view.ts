import type { NamedSupervisor, MethodSpec, MethodView } from '../contract/view.js';
import type { ParamValue, WeakPool } from '../contract/types.js';
import type { StudentSetup } from '../contract/student-setup.js';
import { takeTokenRows } from '../models/finetune/tokens.js';
import { deriveRng } from '../util/rng.js';
import { keyedHash } from '../util/secret.js';
import type { PoolData } from './pool.js';

/**
 * Ids a method sees: a keyed hash of the run and the example id, so they are
 * stable within a run and say nothing about the example (spam ids are paths
 * that name the label) or about other runs.
 */
export function opaqueIds(ids: readonly string[], secret: Buffer, runKey: string): string[] {
  return ids.map((id) => keyedHash(secret, 'example', runKey, id).slice(0, 20));
}

/**
 * The order in which a method sees a pool: its rows sorted by opaque id, a
 * permutation only the host can compute. Without it, a method could rebuild
 * the split from public code and the run's seed (a generated task needs no
 * file) and line the labels up with its rows.
 */
export function viewOrder(opaque: readonly string[]): Int32Array {
  return Int32Array.from(opaque.keys()).sort((a, b) => (opaque[a] < opaque[b] ? -1 : opaque[a] > opaque[b] ? 1 : 0));
}

/** Rows of a row-major matrix in the given order (a copy). */
export function permuteRows<T extends Float32Array | Int32Array>(a: T, width: number, order: Int32Array): T {
  const out = new (a.constructor as new (n: number) => T)(order.length * width);
  order.forEach((r, i) => out.set(a.subarray(r * width, (r + 1) * width), i * width));
  return out;
}

/**
 * A pool as a method sees it: no labels, opaque ids, rows in the secret view
 * order, every array copied (the method cannot touch the host's). `order[i]` is
 * the host row behind view row i.
 */
export function poolView(p: PoolData, secret: Buffer, runKey: string): { view: WeakPool; order: Int32Array } {
  const opaque = opaqueIds(p.ids, secret, runKey);
  const order = viewOrder(opaque);
  const k = p.weakProbs.length / p.ids.length;
  const pick = <T>(a: readonly T[]) => Array.from(order, (r) => a[r]);
  const view: WeakPool = {
    name: p.name,
    ids: pick(opaque),
    features: permuteRows(p.features, p.dim, order),
    dim: p.dim,
    weakProbs: permuteRows(p.weakProbs, k, order),
    ...(p.groups ? { groups: pick(p.groups).map((g) => (g === undefined ? undefined : keyedHash(secret, 'group', runKey, g).slice(0, 20))) } : {}),
    ...(p.aux ? { aux: Object.fromEntries(Object.entries(p.aux).map(([name, a]) => [name, { description: a.description, classes: [...a.classes], labels: permuteRows(a.labels, 1, order) }])) } : {}),
  };
  return { view, order };
}

/** Bump when the teacher-bypass audit's permutation changes (it joins the run key of permuted runs). */
export const TEACHER_PERMUTATION_VERSION = 2;

export function buildMethodView(o: {
  method: MethodSpec;
  params: Record<string, ParamValue>;
  classes: readonly string[];
  seed: number;
  transfer: PoolData;
  val: PoolData;
  supervisor: string;
  extra: readonly NamedSupervisor[];
  /** How students train, with any token rows in host order (reordered here like the pools). */
  student: StudentSetup;
  threads?: number;
  secret: Buffer;
  runKey: string;
  /** The teacher-bypass audit: weak labels and extra supervisors permuted across each pool's rows. */
  permuteTeacher?: boolean;
}): { view: MethodView; transferOrder: Int32Array } {
  const spec: MethodSpec = o.method.kind === 'builtin' ? { kind: 'builtin', name: o.method.name } : { kind: 'file', source: o.method.source, bundle: o.method.bundle, hash: o.method.hash };
  const transfer = poolView(o.transfer, o.secret, o.runKey);
  const val = poolView(o.val, o.secret, o.runKey);
  const k = o.classes.length;
  // The audit's shuffle: the same permutation of rows for every supervisor of a pool, so they stay consistent with each other.
  const shuffle = (n: number, pool: string) => deriveRng(o.seed, 'teacher-permutation', pool).permutation(n);
  // Drawn in host order (row r takes row perm[r]'s labels), so which row gets whose labels follows the seed alone, not
  // the server's secret that orders the view: the audit of a run gives the same verdict on every server.
  const tp = shuffle(o.transfer.ids.length, 'transfer');
  const vp = shuffle(o.val.ids.length, 'val');
  const tOrder = o.permuteTeacher ? transfer.order.map((r) => tp[r]) : transfer.order;
  const vOrder = o.permuteTeacher ? val.order.map((r) => vp[r]) : val.order;
  const transferView = { ...transfer.view, weakProbs: o.permuteTeacher ? permuteRows(o.transfer.weakProbs, k, tOrder) : transfer.view.weakProbs };
  const valView = { ...val.view, weakProbs: o.permuteTeacher ? permuteRows(o.val.weakProbs, k, vOrder) : val.view.weakProbs };
  const view: MethodView = {
    method: spec,
    params: { ...o.params },
    classes: [...o.classes],
    seed: o.seed,
    transfer: transferView,
    val: valView,
    supervisor: {
      name: o.supervisor,
      extra: o.extra.map((e) => ({
        name: e.name,
        ...(e.source ? { source: e.source } : {}),
        transfer: permuteRows(e.transfer, k, tOrder),
        val: permuteRows(e.val, k, vOrder),
      })),
    },
    student: inViewOrder(o.student, transfer.order, val.order),
    ...(o.threads === undefined ? {} : { threads: o.threads }),
  };
  return { view, transferOrder: transfer.order };
}

/** A student setup with its token rows (if any) in the view's row order. */
function inViewOrder(s: StudentSetup, transfer: Int32Array, val: Int32Array): StudentSetup {
  if (s.kind === 'probe') return { kind: 'probe', probe: { ...s.probe, hidden: [...s.probe.hidden] } };
  if (s.kind === 'finetune') return { ...s, finetune: { ...s.finetune, hidden: [...s.finetune.hidden] }, tokens: { transfer: takeTokenRows(s.tokens.transfer, transfer), val: takeTokenRows(s.tokens.val, val) } };
  return { ...s, finetune: { ...s.finetune }, onnx: new Uint8Array(s.onnx), tokens: { transfer: takeTokenRows(s.tokens.transfer, transfer), val: takeTokenRows(s.tokens.val, val) } };
}
