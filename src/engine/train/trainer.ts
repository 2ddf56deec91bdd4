import type * as ort from 'onnxruntime-node';
import { deriveRng } from '../../util/rng.js';
import { grad } from '../autodiff.js';
import type { DType } from '../dtype.js';
import { NonFiniteLossError, ShapeError } from '../errors.js';
import { Graph } from '../graph.js';
import type { Ctx, Module, ParamSpec } from '../nn/module.js';
import { ParamLayout } from '../nn/layout.js';
import { toOnnx } from '../onnx/export.js';
import { concat } from '../ops/concat.js';
import { reshape } from '../ops/reshape.js';
import { split } from '../ops/split.js';
import { adamw } from '../optim/adamw.js';
import { clipByGlobalNorm, globalNorm } from '../optim/clip.js';
import type { Optimizer } from '../optim/optimizer.js';
import { toOrt, type HostTensor } from '../runtime/feeds.js';
import { getSession, type RuntimeOptions } from '../runtime/session.js';
import type { Dim, Tensor } from '../tensor.js';

export interface InputSpec {
  dtype: DType;
  shape: readonly Dim[];
}

export type Feeds = Record<string, HostTensor>;

export interface TrainerSpec<M extends Module> {
  module: M;
  /** Batch inputs of the loss, e.g. { x: { dtype: 'float32', shape: ['batch', 768] } }. */
  inputs: Record<string, InputSpec>;
  /** The scalar loss of one batch. */
  loss: (ctx: Ctx, inputs: Record<string, Tensor>, module: M) => Tensor;
  optimizer?: Optimizer;
  /** Global-norm gradient clipping. */
  clipNorm?: number;
  /** Seeds the initialisation and the dropout masks. */
  seed?: number;
  /** Initial parameters (a flat vector in the module's layout); drawn from `seed` when omitted. */
  theta?: Float32Array;
  /**
   * Which parameters train, by name (default: all). The others are frozen: fed
   * to the step unchanged, given no gradient and no update (weight decay
   * included), so they stay bitwise as they started.
   */
  trainable?: (name: string) => boolean;
  runtime?: RuntimeOptions;
  /**
   * Share the compiled session with trainers of an identical graph (default
   * true). False for a graph that is this trainer's alone (one that bakes in
   * per-run constants): the session is its own, and `release()` frees its
   * native memory instead of leaving it in the process-wide cache.
   */
  shareSession?: boolean;
}

export interface StepResult {
  step: number;
  loss: number;
  gradNorm: number;
}

/** Builds a forward context whose parameters come from `source`. */
export function makeCtx(graph: Graph, training: boolean, seed: number, source: (spec: ParamSpec) => Tensor): Ctx {
  let counter = 0;
  return {
    graph,
    dtype: 'float32',
    training,
    p: source,
    nextSeed: () => deriveRng(seed, 'dropout', counter++).int(2 ** 31),
  };
}

/** Splits the flat parameter input into one tensor per parameter, shaped. */
export function splitParams(layout: ParamLayout, theta: Tensor): Map<ParamSpec, Tensor> {
  const pieces = split(theta, layout.entries.map((e) => e.size), 0);
  const map = new Map<ParamSpec, Tensor>();
  layout.entries.forEach((e, i) => map.set(e.spec, e.spec.shape.length === 1 ? pieces[i] : reshape(pieces[i], [...e.spec.shape])));
  return map;
}

/** Looks parameters up in a built map; an unknown one gets the layout's explanatory error. */
export function paramSource(layout: ParamLayout, params: Map<ParamSpec, Tensor>): (spec: ParamSpec) => Tensor {
  return (spec) => params.get(spec) ?? (layout.entry(spec), params.get(spec)!);
}

/**
 * One compiled training step — forward, loss, backward, clipping and the
 * optimizer update — as a single ONNX graph. Parameters and optimizer state
 * stay as ONNX Runtime tensors between steps.
 */
export class Trainer<M extends Module = Module> {
  /** Every parameter of the module (what getParams returns). */
  readonly layout: ParamLayout;
  /** The parameters that train (all of them unless the spec freezes some). */
  readonly trainedLayout: ParamLayout;
  private readonly frozenLayout: ParamLayout | null;
  private theta!: ort.Tensor;
  private frozen: ort.Tensor | null = null;
  private state: Record<string, ort.Tensor> = {};
  private stepCount = 0;

  private constructor(
    readonly spec: TrainerSpec<M>,
    private readonly session: ort.InferenceSession,
    private readonly optimizer: Optimizer,
    private readonly inputNames: string[],
    private readonly ownSession: boolean,
  ) {
    ({ layout: this.layout, trained: this.trainedLayout, frozen: this.frozenLayout } = layouts(spec));
  }

  /** Frees the session's native memory when it is this trainer's own (`shareSession: false` or dropout); the trainer cannot step after. */
  async release(): Promise<void> {
    if (this.ownSession) await this.session.release();
  }

  static async create<M extends Module>(spec: TrainerSpec<M>): Promise<Trainer<M>> {
    const { layout, trained, frozen } = layouts(spec);
    if (layout.total === 0) throw new Error('Trainer: the module has no parameters');
    if (trained.total === 0) throw new Error('Trainer: `trainable` accepts none of the parameters; name at least one to train');
    const optimizer = spec.optimizer ?? adamw();
    const seed = spec.seed ?? 0;
    const g = new Graph();
    const theta = g.input('theta', 'float32', [trained.total]);
    const frozenInput = frozen ? g.input('frozen', 'float32', [frozen.total]) : null;
    const state = Object.fromEntries(optimizer.state.map((n) => [n, g.input(`state_${n}`, 'float32', [trained.total])]));
    const scalars = Object.fromEntries(optimizer.scalarInputs.map((n) => [n, g.input(`scalar_${n}`, 'float32', [])]));
    const inputs = Object.fromEntries(Object.entries(spec.inputs).map(([n, s]) => [n, g.input(n, s.dtype, s.shape)]));
    const params = splitParams(trained, theta);
    if (frozen && frozenInput) for (const [p, t] of splitParams(frozen, frozenInput)) params.set(p, t);
    const ctx = makeCtx(g, true, seed, paramSource(layout, params));
    const loss = spec.loss(ctx, inputs, spec.module);
    if (loss.rank !== 0) throw new ShapeError(`Trainer: the loss must be a scalar, got shape [${loss.shape}]`);
    const grads = grad(loss, trained.entries.map((e) => params.get(e.spec)!));
    let flat = concat(grads.map((t) => (t.rank === 1 ? t : reshape(t, [-1]))), 0);
    let norm: Tensor;
    if (spec.clipNorm !== undefined) ({ grad: flat, norm } = clipByGlobalNorm(flat, spec.clipNorm));
    else norm = globalNorm(flat);
    const maskData = trained.decayMask();
    const decayMask = maskData ? g.constant({ dtype: 'float32', shape: [trained.total], data: maskData }, 'decay_mask') : null;
    const upd = optimizer.update({ theta, grad: flat, state, scalars, decayMask });
    const outputs: Record<string, Tensor> = { loss, grad_norm: norm, theta_out: upd.theta };
    for (const n of optimizer.state) outputs[`state_${n}_out`] = upd.state[n];
    const graphInputs = [theta, ...(frozenInput ? [frozenInput] : []), ...Object.values(state), ...Object.values(scalars), ...Object.values(inputs)];
    const model = toOnnx(g, { inputs: graphInputs, outputs, name: 'train_step' });
    // Sessions are shared between identical graphs, except where Dropout keeps generator state per session.
    const own = g.nodes.some((n) => n.op === 'Dropout') || spec.shareSession === false;
    const session = await getSession(model, { ...spec.runtime, cache: !own });
    const t = new Trainer(spec, session, optimizer, Object.keys(inputs), own);
    t.setParams(spec.theta ?? layout.initialize(deriveRng(seed, 'init')));
    return t;
  }

  get steps(): number {
    return this.stepCount;
  }

  /** One optimizer step on a batch. Throws NonFiniteLossError (leaving the parameters as they were) when the loss is NaN or infinite. */
  async step(feeds: Feeds, lr: number): Promise<StepResult> {
    const t = this.stepCount + 1;
    const run: Record<string, ort.Tensor> = { theta: this.theta };
    if (this.frozen) run.frozen = this.frozen;
    for (const n of this.optimizer.state) run[`state_${n}`] = this.state[n];
    for (const [n, v] of Object.entries(this.optimizer.scalars(t, lr))) run[`scalar_${n}`] = toOrt('float32', Float32Array.of(v), []);
    for (const n of this.inputNames) {
      const f = feeds[n];
      if (!f) throw new Error(`Trainer.step: missing input "${n}" (expected ${this.inputNames.join(', ')})`);
      run[n] = toOrt(this.spec.inputs[n].dtype, f.data, f.dims);
    }
    const out = await this.session.run(run);
    const loss = Number(out.loss.data[0]);
    if (!Number.isFinite(loss)) throw new NonFiniteLossError(t, loss);
    this.theta = out.theta_out;
    for (const n of this.optimizer.state) this.state[n] = out[`state_${n}_out`];
    this.stepCount = t;
    return { step: t, loss, gradNorm: Number(out.grad_norm.data[0]) };
  }

  /** A copy of all current parameters, frozen ones included (flat, in the module layout's order). */
  getParams(): Float32Array {
    const trained = this.theta.data as Float32Array;
    if (!this.frozenLayout) return Float32Array.from(trained);
    const out = new Float32Array(this.layout.total);
    scatterInto(out, this.layout, this.trainedLayout, trained);
    scatterInto(out, this.layout, this.frozenLayout, this.frozen!.data as Float32Array);
    return out;
  }

  /** A copy of the trained parameters only (flat, in trainedLayout's order). */
  getTrainedParams(): Float32Array {
    return Float32Array.from(this.theta.data as Float32Array);
  }

  /** Replaces all parameters (module layout) and resets the optimizer state and step count. */
  setParams(theta: Float32Array): void {
    if (theta.length !== this.layout.total) throw new Error(`setParams: expected ${this.layout.total} values, got ${theta.length}`);
    const n = this.trainedLayout.total;
    this.theta = toOrt('float32', this.frozenLayout ? gatherFrom(theta, this.layout, this.trainedLayout) : Float32Array.from(theta), [n]);
    if (this.frozenLayout) this.frozen = toOrt('float32', gatherFrom(theta, this.layout, this.frozenLayout), [this.frozenLayout.total]);
    for (const s of this.optimizer.state) this.state[s] = toOrt('float32', new Float32Array(n), [n]);
    this.stepCount = 0;
  }
}

/** The module's layout, the trained part and the frozen part (null when nothing is frozen). */
function layouts(spec: { module: Module; trainable?: (name: string) => boolean }): { layout: ParamLayout; trained: ParamLayout; frozen: ParamLayout | null } {
  const layout = new ParamLayout(spec.module);
  const keep = spec.trainable;
  if (!keep) return { layout, trained: layout, frozen: null };
  const trained = new ParamLayout(spec.module, keep);
  const frozen = new ParamLayout(spec.module, (n) => !keep(n));
  return { layout, trained, frozen: frozen.total > 0 ? frozen : null };
}

/** The values of `part`'s parameters, packed in its order, taken from a full vector. */
function gatherFrom(full: Float32Array, layout: ParamLayout, part: ParamLayout): Float32Array {
  const out = new Float32Array(part.total);
  for (const e of part.entries) out.set(full.subarray(layout.entry(e.spec).offset, layout.entry(e.spec).offset + e.size), e.offset);
  return out;
}

/** Writes `part`'s packed values into their places in a full vector. */
function scatterInto(full: Float32Array, layout: ParamLayout, part: ParamLayout, packed: Float32Array): void {
  for (const e of part.entries) full.set(packed.subarray(e.offset, e.offset + e.size), layout.entry(e.spec).offset);
}
