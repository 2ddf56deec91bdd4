import type { NamedSupervisor, MethodSpec, MethodView } from '../contract/view.js';
import type { ParamValue, WeakPool } from '../contract/types.js';
import type { ProbeConfig } from '../models/probe.js';
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

/** A pool without its labels, its ids made opaque and its arrays copied (the method cannot touch the host's). */
export function poolView(p: PoolData, secret: Buffer, runKey: string): WeakPool {
  return {
    name: p.name,
    ids: opaqueIds(p.ids, secret, runKey),
    features: p.features.slice(),
    dim: p.dim,
    weakProbs: p.weakProbs.slice(),
    ...(p.groups ? { groups: p.groups.map((g) => (g === undefined ? undefined : keyedHash(secret, 'group', runKey, g).slice(0, 20))) } : {}),
    ...(p.aux ? { aux: Object.fromEntries(Object.entries(p.aux).map(([k, a]) => [k, { description: a.description, classes: [...a.classes], labels: a.labels.slice() }])) } : {}),
  };
}

export function buildMethodView(o: {
  method: MethodSpec;
  params: Record<string, ParamValue>;
  classes: readonly string[];
  seed: number;
  transfer: PoolData;
  val: PoolData;
  supervisor: string;
  extra: readonly NamedSupervisor[];
  probe: ProbeConfig;
  threads?: number;
  secret: Buffer;
  runKey: string;
}): MethodView {
  const spec: MethodSpec = o.method.kind === 'builtin' ? { kind: 'builtin', name: o.method.name } : { kind: 'file', source: o.method.source, bundle: o.method.bundle, hash: o.method.hash };
  return {
    method: spec,
    params: { ...o.params },
    classes: [...o.classes],
    seed: o.seed,
    transfer: poolView(o.transfer, o.secret, o.runKey),
    val: poolView(o.val, o.secret, o.runKey),
    supervisor: { name: o.supervisor, extra: o.extra.map((e) => ({ name: e.name, ...(e.source ? { source: e.source } : {}), transfer: e.transfer.slice(), val: e.val.slice() })) },
    probe: { ...o.probe, hidden: [...o.probe.hidden] },
    ...(o.threads === undefined ? {} : { threads: o.threads }),
  };
}
