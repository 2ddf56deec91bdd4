import type * as ort from 'onnxruntime-node';
import type { AnyTypedArray } from '../dtype.js';
import { Graph } from '../graph.js';
import type { Ctx, Module } from '../nn/module.js';
import { ParamLayout } from '../nn/layout.js';
import { toOnnx } from '../onnx/export.js';
import { toOrt, type HostTensor } from '../runtime/feeds.js';
import { getSession, type RuntimeOptions } from '../runtime/session.js';
import type { ParamSpec } from '../nn/module.js';
import type { Tensor } from '../tensor.js';
import { makeCtx, paramSource, splitParams, type Feeds, type InputSpec } from './trainer.js';

export type ForwardFn<M extends Module> = (ctx: Ctx, inputs: Record<string, Tensor>, module: M) => Record<string, Tensor>;

export interface PredictorSpec<M extends Module> {
  module: M;
  inputs: Record<string, InputSpec>;
  forward: ForwardFn<M>;
  runtime?: RuntimeOptions;
}

/** Builds the inference graph; `frozen` bakes the weights in as constants (pre-packed by ONNX Runtime). */
export function buildInferenceModel<M extends Module>(spec: PredictorSpec<M>, frozen: Float32Array | null): Uint8Array {
  const layout = new ParamLayout(spec.module);
  const g = new Graph();
  const inputs = Object.fromEntries(Object.entries(spec.inputs).map(([n, s]) => [n, g.input(n, s.dtype, s.shape)]));
  let params: Map<ParamSpec, Tensor>;
  const graphInputs: Tensor[] = [];
  if (frozen) {
    if (frozen.length !== layout.total) throw new Error(`expected ${layout.total} parameters, got ${frozen.length}`);
    params = new Map();
    for (const e of layout.entries) {
      const data = frozen.slice(e.offset, e.offset + e.size);
      params.set(e.spec, g.constant({ dtype: 'float32', shape: [...e.spec.shape], data }, e.name));
    }
  } else {
    const theta = g.input('theta', 'float32', [layout.total]);
    graphInputs.push(theta);
    params = splitParams(layout, theta);
  }
  graphInputs.push(...Object.values(inputs));
  const ctx = makeCtx(g, false, 0, paramSource(layout, params));
  const outputs = spec.forward(ctx, inputs, spec.module);
  return toOnnx(g, { inputs: graphInputs, outputs, name: 'inference' });
}

/**
 * Runs `use` with a predictor, then releases it, also when `use` throws: a
 * session with baked-in weights serves one call, and left cached every
 * student's would stay in memory for the life of the process.
 */
export async function withPredictor<M extends Module, T>(created: Promise<Predictor<M>>, use: (p: Predictor<M>) => Promise<T>): Promise<T> {
  const p = await created;
  try {
    return await use(p);
  } finally {
    await p.release();
  }
}

/** Runs a model's forward pass (no dropout) with weights fed per call. */
export class Predictor<M extends Module = Module> {
  private constructor(
    readonly spec: PredictorSpec<M>,
    private readonly session: ort.InferenceSession,
    readonly frozen: boolean,
  ) {}

  /**
   * With `theta` the weights are baked in (fastest, for final inference): the
   * session is this predictor's own, since no other graph has these weights,
   * and `release()` frees it. Without, each run takes them, and predictors of
   * one architecture share a session.
   */
  static async create<M extends Module>(spec: PredictorSpec<M>, theta?: Float32Array): Promise<Predictor<M>> {
    const model = buildInferenceModel(spec, theta ?? null);
    return new Predictor(spec, await getSession(model, { ...spec.runtime, cache: theta === undefined }), theta !== undefined);
  }

  /** Frees the session's native memory when the weights are baked in (a shared session stays cached); the predictor cannot run after. */
  async release(): Promise<void> {
    if (this.frozen) await this.session.release();
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  async run(feeds: Feeds, theta?: Float32Array): Promise<Record<string, HostTensor>> {
    const run: Record<string, ort.Tensor> = {};
    if (!this.frozen) {
      if (!theta) throw new Error('Predictor.run: this predictor takes its weights per call; pass theta');
      run.theta = toOrt('float32', theta, [theta.length]);
    }
    for (const [n, s] of Object.entries(this.spec.inputs)) {
      const f = feeds[n];
      if (!f) throw new Error(`Predictor.run: missing input "${n}"`);
      run[n] = toOrt(s.dtype, f.data, f.dims);
    }
    const out = await this.session.run(run);
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { data: v.data as AnyTypedArray, dims: [...v.dims] }]));
  }

  /** Runs over all rows of the inputs in batches, concatenating outputs along the first axis. */
  async runBatched(feeds: Feeds, batchSize: number, theta?: Float32Array): Promise<Record<string, HostTensor>> {
    const n = firstDim(feeds);
    const parts: Record<string, HostTensor>[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      parts.push(await this.run(sliceRows(feeds, start, end), theta));
    }
    return concatRows(parts);
  }
}

export function firstDim(feeds: Feeds): number {
  const dims = Object.values(feeds).map((f) => f.dims[0]);
  if (dims.length === 0) throw new Error('no inputs');
  if (dims.some((d) => d !== dims[0])) throw new Error(`inputs disagree on the number of rows: ${dims.join(', ')}`);
  return dims[0];
}

/** Rows [start, end) of every input (a view, no copy). */
export function sliceRows(feeds: Feeds, start: number, end: number): Feeds {
  const out: Feeds = {};
  for (const [k, f] of Object.entries(feeds)) {
    const row = f.dims.slice(1).reduce((a, b) => a * b, 1);
    out[k] = { data: f.data.subarray(start * row, end * row) as AnyTypedArray, dims: [end - start, ...f.dims.slice(1)] };
  }
  return out;
}

function concatRows(parts: Record<string, HostTensor>[]): Record<string, HostTensor> {
  const out: Record<string, HostTensor> = {};
  for (const k of Object.keys(parts[0] ?? {})) {
    const total = parts.reduce((s, p) => s + p[k].data.length, 0);
    const Ctor = parts[0][k].data.constructor as new (n: number) => AnyTypedArray;
    const data = new Ctor(total);
    let off = 0;
    let rows = 0;
    for (const p of parts) {
      (data as Float32Array).set(p[k].data as Float32Array, off);
      off += p[k].data.length;
      rows += p[k].dims[0];
    }
    out[k] = { data, dims: [rows, ...parts[0][k].dims.slice(1)] };
  }
  return out;
}

