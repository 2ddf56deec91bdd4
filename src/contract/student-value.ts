import { Probe } from '../models/probe.js';
import { MLP } from '../engine/index.js';
import { validateStudent, type FinetunedStudent } from '../models/finetune/index.js';
import { loadHfStudent, type HfStudentValue } from '../models/hf/student.js';
import type { StudentExpect } from './student-setup.js';

/**
 * A trained student as a value: what a method process hands back, and all the
 * host needs to predict the splits the method never saw. Today a probe on the
 * strong model's frozen features: its layer sizes, its flat parameters and the
 * standardiser fitted on its training rows.
 */
export interface ProbeStudentValue {
  readonly kind: 'probe';
  /** [dim, ...hidden, outputs]; outputs ≥ numClasses (auxiliary heads come after the classes). */
  readonly sizes: readonly number[];
  readonly numClasses: number;
  readonly theta: Float32Array;
  readonly mean: Float32Array;
  readonly scale: Float32Array;
}

/** A probe's value, or a fine-tuned encoder's (its trained tensors and head, src/models/finetune/value.ts). */
export type StudentValue = ProbeStudentValue | FinetunedStudent | HfStudentValue;

/** Largest hidden layer a returned probe may have (a bound on what the host agrees to run). */
const MAX_WIDTH = 1 << 14;
const MAX_LAYERS = 8;
/** Most parameters a returned probe may have (64M floats, 256 MB): the host allocates what it is sent. */
const MAX_PARAMS = 1 << 26;

const INVALID = 'the method returned an invalid student';
const KIND_NAMES = { probe: "probes ('probe')", finetune: "fine-tuned encoders ('finetune')", 'hf-finetune': "fine-tuned hf: encoders ('hf-finetune')" };

/**
 * Checks a student value that came from an untrusted method process against
 * what the run expects (feature dimension, classes, and for fine-tuned
 * students the strong encoder): shapes, sizes and finite numbers. Returns it
 * typed, or throws saying what was wrong.
 */
export function checkStudentValue(v: unknown, expect: StudentExpect): StudentValue {
  const fail = (why: string): never => {
    throw new Error(`${INVALID}: ${why}`);
  };
  if (typeof v !== 'object' || v === null) fail('not an object');
  const s = v as Record<string, unknown>;
  const want = expect.hf ? 'hf-finetune' : expect.finetune ? 'finetune' : 'probe';
  if (s.kind !== want) fail(`its kind is ${JSON.stringify(s.kind)}, and this run's students are ${KIND_NAMES[want]}`);
  if (expect.hf) return loadHfStudent(s, expect.hf.onnx, { source: expect.hf.source, numClasses: expect.numClasses, why: INVALID }).value;
  if (expect.finetune) return checkFinetuned(s, expect, fail);
  const sizes = s.sizes;
  if (!Array.isArray(sizes) || sizes.length < 2 || sizes.length > MAX_LAYERS + 2) fail('sizes must list 2 to 10 layer widths');
  const widths = sizes as unknown[];
  if (!widths.every((w) => Number.isInteger(w) && (w as number) > 0 && (w as number) <= Math.max(MAX_WIDTH, expect.dim))) fail(`layer widths must be positive integers, got ${JSON.stringify(widths)}`);
  const sz = widths as number[];
  if (sz[0] !== expect.dim) fail(`input width ${sz[0]} is not the strong features' dimension ${expect.dim}`);
  if (s.numClasses !== expect.numClasses) fail(`numClasses ${String(s.numClasses)} is not the task's ${expect.numClasses}`);
  if (sz[sz.length - 1] < expect.numClasses) fail(`${sz[sz.length - 1]} outputs for ${expect.numClasses} classes`);
  const f32 = (name: string, n: number): Float32Array => {
    const a = s[name];
    if (!(a instanceof Float32Array)) return fail(`${name} must be a Float32Array`);
    if (a.length !== n) fail(`${name} has ${a.length} values, expected ${n}`);
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) fail(`${name}[${i}] is not finite`);
    return a;
  };
  let params = 0;
  for (let i = 1; i < sz.length; i++) params += sz[i - 1] * sz[i] + sz[i];
  if (params > MAX_PARAMS) fail(`${params} parameters is more than the ${MAX_PARAMS} a student may have`);
  const theta = f32('theta', new MLP(sz, { zeroInitOutput: true }).numParams());
  const mean = f32('mean', expect.dim);
  const scale = f32('scale', expect.dim);
  return { kind: 'probe', sizes: [...sz], numClasses: expect.numClasses, theta, mean, scale };
}

/**
 * A fine-tuned student: its encoder must be the run's strong encoder (same
 * architecture; frozen layers from the same pretrained weights), its head
 * bounded like a probe's, then every tensor checked by validateStudent.
 */
function checkFinetuned(s: Record<string, unknown>, expect: StudentExpect, fail: (why: string) => never): FinetunedStudent {
  const ft = expect.finetune!;
  const c = s.config as Record<string, unknown> | undefined;
  if (typeof c !== 'object' || c === null) return fail('it has no config');
  const enc = c.encoder as Record<string, unknown> | undefined;
  const want = ft.base.config;
  const wanted = { vocabSize: want.vocabSize, maxLen: want.maxLen, dim: want.dim, heads: want.heads, layers: want.layers, ffDim: want.ffDim ?? 4 * want.dim };
  for (const [k, w] of Object.entries(wanted)) {
    const got = k === 'ffDim' ? (enc?.ffDim ?? (typeof enc?.dim === 'number' ? 4 * enc.dim : undefined)) : enc?.[k];
    if (got !== w) fail(`config.encoder.${k} is ${JSON.stringify(got)}, the strong encoder's is ${w}`);
  }
  if (c.numClasses !== expect.numClasses) fail(`numClasses ${String(c.numClasses)} is not the task's ${expect.numClasses}`);
  const hidden = c.hidden;
  if (!Array.isArray(hidden) || hidden.length > MAX_LAYERS || !hidden.every((h) => Number.isInteger(h) && h > 0 && h <= MAX_WIDTH)) fail(`config.hidden must list at most ${MAX_LAYERS} widths up to ${MAX_WIDTH}, got ${JSON.stringify(hidden)}`);
  if (!Number.isInteger(c.outputs) || (c.outputs as number) < expect.numClasses || (c.outputs as number) > MAX_WIDTH) fail(`config.outputs must be an integer from ${expect.numClasses} to ${MAX_WIDTH}, got ${String(c.outputs)}`);
  if (c.base !== null && c.base !== ft.fingerprint) fail(`its frozen layers come from encoder weights ${String(c.base)}, not the strong model's (${ft.fingerprint})`);
  let params = 0;
  const widths = [3 * want.dim, ...(hidden as number[]), c.outputs as number];
  for (let i = 1; i < widths.length; i++) params += widths[i - 1] * widths[i] + widths[i];
  if (params > MAX_PARAMS) fail(`its head has ${params} parameters, more than the ${MAX_PARAMS} a student may have`);
  return validateStudent(s, INVALID);
}

/** The probe a student value describes, ready to predict (host side). */
export function probeFromValue(v: ProbeStudentValue, threads?: number): Probe {
  return new Probe(new MLP(v.sizes, { zeroInitOutput: true }), v.theta, v.sizes[0], v.numClasses, { mean: v.mean, scale: v.scale }, threads);
}

/** A trained probe as a student value (method side). */
export function probeValue(p: Probe): ProbeStudentValue {
  return { kind: 'probe', sizes: [...p.module.sizes], numClasses: p.numClasses, theta: p.theta, mean: p.standardizer.mean, scale: p.standardizer.scale };
}
