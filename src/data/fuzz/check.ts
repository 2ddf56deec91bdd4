/**
 * One fuzz case through the loader and the oracle. Outcomes: 'accepted' (the loader's labels
 * are exactly the oracle's), 'refused' (a DataError naming the file), 'silent' (accepted but
 * the labels differ from what the file says, or the file is invalid under the rule),
 * 'raw' (anything thrown that is not a DataError naming the file), 'unverified' (accepted
 * where the oracle cannot decide; reported, not passed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.js';
import { loadUserData } from '../index.js';
import { otherModelFeatures } from '../../protocol/features.js';
import { fileSupervisor } from '../../supervisors/file.js';
import type { FuzzCase } from './cases.js';
import { canonical, referenceCsv, referenceJsonl, referenceNpyLabels, referenceParquet, referenceSafetensors, type Verdict } from './reference.js';
import { referenceWeak } from './weak-reference.js';

export type OutcomeKind = 'accepted' | 'refused' | 'silent' | 'raw' | 'unverified';

export interface Outcome {
  kind: OutcomeKind;
  fuzz: FuzzCase;
  detail?: string;
}

type Result = { labels: string[] } | { probs: number[] } | { features: Float32Array; dim: number };

export async function runCase(c: FuzzCase, root: string): Promise<Outcome> {
  const dir = join(root, `case-${c.seed}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(c.files)) writeFileSync(join(dir, name), bytes);
  let result: Result;
  try {
    result = await load(c, dir);
  } catch (e) {
    if (e instanceof DataError && e.message.startsWith(dir) && !e.message.includes('\n')) return { kind: 'refused', fuzz: c, detail: e.message.slice(dir.length + 1) };
    return { kind: 'raw', fuzz: c, detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  if (c.expect === 'refuse') return { kind: 'silent', fuzz: c, detail: 'accepted a file the mutation made invalid' };
  return compare(c, dir, result);
}

async function load(c: FuzzCase, dir: string): Promise<Result> {
  const main = join(dir, c.main);
  if (c.format === 'weak-labels') {
    const probs = await fileSupervisor(main).label(c.weak!.ids.map((id) => ({ id })), c.weak!.classes);
    return { probs: Array.from(probs) };
  }
  if (c.format === 'weak-features') {
    const f = otherModelFeatures(main, c.rows!, c.rows!);
    return { features: f.features, dim: f.dim };
  }
  const opts = { ...c.opts, ...(c.opts.labelsPath ? { labelsPath: join(dir, c.opts.labelsPath) } : {}) };
  const ds = await loadUserData(main, opts);
  return { labels: ds.examples.map((e) => ds.classes[e.label]) };
}

async function compare(c: FuzzCase, dir: string, result: Result): Promise<Outcome> {
  const bytes = c.files[c.main];
  if ('features' in result) {
    const ok = result.features.length === c.rows! * result.dim && result.dim > 0 && result.features.every(Number.isFinite);
    return ok ? { kind: 'accepted', fuzz: c } : { kind: 'silent', fuzz: c, detail: 'features of the wrong size or not finite' };
  }
  if ('probs' in result) {
    const want = referenceWeak(bytes, c.weak!.classes, c.weak!.ids);
    if (want === 'unknown') return { kind: 'unverified', fuzz: c };
    if (want === 'refuse') return { kind: 'silent', fuzz: c, detail: 'accepted weak labels the format refuses' };
    const same = want.probs.length === result.probs.length && want.probs.every((p, i) => Math.abs(p - result.probs[i]) < 1e-6);
    return same ? { kind: 'accepted', fuzz: c } : { kind: 'silent', fuzz: c, detail: 'weak probabilities differ from the file' };
  }
  const want = await tabularVerdict(c, bytes);
  if (want === 'unknown') return { kind: 'unverified', fuzz: c };
  if (want === 'refuse') return { kind: 'silent', fuzz: c, detail: `accepted labels the rule refuses: ${[...new Set(result.labels)].join(', ')}` };
  const same = want.labels.length === result.labels.length && want.labels.every((l, i) => l === result.labels[i]);
  return same
    ? { kind: 'accepted', fuzz: c }
    : { kind: 'silent', fuzz: c, detail: `label set ${[...new Set(result.labels)].join(', ')}; the file says ${[...new Set(want.labels)].join(', ')}` };
}

async function tabularVerdict(c: FuzzCase, bytes: Uint8Array): Promise<Verdict> {
  const spec = { textField: 'text', labelField: 'label', idField: c.opts.idField, type: (c.opts.labelType ?? 'auto') as 'auto' | 'string' };
  if (c.format === 'jsonl') return referenceJsonl(bytes, spec);
  if (c.format === 'csv' || c.format === 'tsv') return referenceCsv(bytes, spec, c.format === 'tsv' ? '\t' : ',');
  if (c.format === 'parquet') return referenceParquet(bytes, spec);
  if (c.format === 'npy') {
    const values = referenceNpyLabels(c.files['y.npy']);
    return Array.isArray(values) ? canonical(values, 'auto') : values;
  }
  const st = referenceSafetensors(bytes, 'labels');
  if (typeof st === 'string') return st;
  const classes = metadataClasses(bytes);
  if (!classes) return canonical(st.values, 'auto');
  if (!st.values.every((v) => Number.isInteger(v) && v >= 0 && v < classes.length)) return 'refuse';
  const labels = st.values.map((v) => classes[v]);
  return canonical(labels, 'string') === 'refuse' ? 'refuse' : { labels };
}

function metadataClasses(bytes: Uint8Array): string[] | undefined {
  const len = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + len)));
  return header.__metadata__?.classes ? (JSON.parse(header.__metadata__.classes) as string[]) : undefined;
}
