import type * as ort from 'onnxruntime-node';
import { deriveRng } from '../../util/rng.js';
import { grad } from '../autodiff.js';
import type { DType } from '../dtype.js';
import { NonFiniteLossError, ShapeError } from '../errors.js';
import { Graph } from '../graph.js';
import type { Ctx, Module, ParamSpec } from '../nn/module.js';
import { ParamLayout, type ParamEntry } from '../nn/layout.js';
import { toOnnx } from '../onnx/export.js';
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
  /**
   * Optimizer steps compiled into one run (default 1). With K > 1 the trainer
   * also builds a graph of K chained steps, and `stepMany` feeds it K batches at
   * once: parameters and optimizer state cross into and out of ONNX Runtime once
   * per K steps instead of once per step, with the same kernels in the same
   * order (the weights match K single steps bitwise). Not with dropout.
   */
  stepsPerRun?: number;
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
 * optimizer update — as a single ONNX graph. Each parameter (and each of its
 * optimizer state buffers) is a graph input and output of its own shape, so
 * the step neither splits a flat vector nor concatenates gradients, and weight
 * decay touches only the parameters that decay. Parameters and optimizer state
 * stay as ONNX Runtime tensors between steps; the host API is flat vectors in
 * the layouts' order.
 */
export class Trainer<M extends Module = Module> {
  /** Every parameter of the module (what getParams returns). */
  readonly layout: ParamLayout;
  /** The parameters that train (all of them unless the spec freezes some). */
  readonly trainedLayout: ParamLayout;
  private readonly frozenLayout: ParamLayout | null;
  private theta: ort.Tensor[] = [];
  private frozen: ort.Tensor[] = [];
  private state: Record<string, ort.Tensor[]> = {};
  private stepCount = 0;
  /** The step graph's parameter and state names, built once (every step feeds and reads them all). */
  private readonly names: StepNames;

  private constructor(
    readonly spec: TrainerSpec<M>,
    private readonly session: ort.InferenceSession,
    /** The graph of `stepsPerRun` chained steps (null when it is 1). */
    private readonly manySession: ort.InferenceSession | null,
    private readonly optimizer: Optimizer,
    private readonly inputNames: string[],
    private readonly ownSession: boolean,
  ) {
    ({ layout: this.layout, trained: this.trainedLayout, frozen: this.frozenLayout } = layouts(spec));
    this.names = stepNames(this.trainedLayout.entries.length, this.frozenLayout?.entries.length ?? 0, optimizer.state);
  }

  /** Frees the session's native memory when it is this trainer's own (`shareSession: false` or dropout); the trainer cannot step after. */
  async release(): Promise<void> {
    if (this.ownSession) {
      await this.session.release();
      await this.manySession?.release();
    }
  }

  static async create<M extends Module>(spec: TrainerSpec<M>): Promise<Trainer<M>> {
    const { layout, trained, frozen } = layouts(spec);
    if (layout.total === 0) throw new Error('Trainer: the module has no parameters');
    if (trained.total === 0) throw new Error('Trainer: `trainable` accepts none of the parameters; name at least one to train');
    const k = spec.stepsPerRun ?? 1;
    if (!Number.isInteger(k) || k < 1) throw new Error(`Trainer: stepsPerRun must be a whole number ≥ 1, got ${k}`);
    const optimizer = spec.optimizer ?? adamw();
    const single = buildSteps(spec, optimizer, { layout, trained, frozen }, 1);
    // Sessions are shared between identical graphs, except where Dropout keeps generator state per session.
    const own = single.dropout || spec.shareSession === false;
    if (k > 1 && single.dropout) throw new Error('Trainer: stepsPerRun > 1 does not support dropout (each run would draw its masks apart from single steps); use stepsPerRun 1');
    const session = await getSession(single.model, { ...spec.runtime, cache: !own });
    const many = k > 1 ? await getSession(buildSteps(spec, optimizer, { layout, trained, frozen }, k).model, { ...spec.runtime, cache: !own }) : null;
    const t = new Trainer(spec, session, many, optimizer, Object.keys(spec.inputs), own);
    t.setParams(spec.theta ?? layout.initialize(deriveRng(spec.seed ?? 0, 'init')));
    return t;
  }

  get steps(): number {
    return this.stepCount;
  }

  /** One optimizer step on a batch. Throws NonFiniteLossError (leaving the parameters as they were) when the loss is NaN or infinite. */
  async step(feeds: Feeds, lr: number): Promise<StepResult> {
    const t = this.stepCount + 1;
    const run = this.stateFeeds();
    for (const [n, v] of Object.entries(this.optimizer.scalars(t, lr))) run[`scalar_${n}`] = toOrt('float32', Float32Array.of(v), []);
    this.batchFeeds(feeds, run, (n) => n, 'Trainer.step');
    const out = await this.session.run(run);
    const loss = Number(out.loss.data[0]);
    if (!Number.isFinite(loss)) throw new NonFiniteLossError(t, loss);
    this.takeState(out);
    this.stepCount = t;
    return { step: t, loss, gradNorm: Number(out.grad_norm.data[0]) };
  }

  /** Steps compiled into one run of `stepMany` (`stepsPerRun`). */
  get stepsPerRun(): number {
    return this.spec.stepsPerRun ?? 1;
  }

  /**
   * `stepsPerRun` optimizer steps in one run, one batch and rate each, in
   * order; the same weights as that many `step` calls. Throws
   * NonFiniteLossError for the first step whose loss is NaN or infinite,
   * leaving the parameters as they were before the run.
   */
  async stepMany(feeds: readonly Feeds[], lrs: readonly number[]): Promise<StepResult[]> {
    const k = this.stepsPerRun;
    if (!this.manySession || feeds.length !== k || lrs.length !== k) {
      throw new Error(`Trainer.stepMany: takes exactly stepsPerRun = ${k} batches and rates (got ${feeds.length} and ${lrs.length})${this.manySession ? '' : '; this trainer was created with stepsPerRun 1, so use step()'}`);
    }
    const t0 = this.stepCount;
    const run = this.stateFeeds();
    for (let s = 0; s < k; s++) {
      for (const [n, v] of Object.entries(this.optimizer.scalars(t0 + s + 1, lrs[s]))) run[stepName(`scalar_${n}`, s)] = toOrt('float32', Float32Array.of(v), []);
      this.batchFeeds(feeds[s], run, (n) => stepName(n, s), `Trainer.stepMany (batch ${s})`);
    }
    const out = await this.manySession.run(run);
    const results: StepResult[] = [];
    for (let s = 0; s < k; s++) {
      const loss = Number(out[stepName('loss', s)].data[0]);
      if (!Number.isFinite(loss)) throw new NonFiniteLossError(t0 + s + 1, loss);
      results.push({ step: t0 + s + 1, loss, gradNorm: Number(out[stepName('grad_norm', s)].data[0]) });
    }
    this.takeState(out);
    this.stepCount = t0 + k;
    return results;
  }

  /**
   * Any number of steps in order, drawn from `steps` as they are needed (at most
   * `stepsPerRun` batches held at once): runs of `stepsPerRun` while they fill
   * one, single steps for the rest; the same weights as one `step` each.
   * `onStep` hears each step's result as its run finishes.
   */
  async stepAll(steps: Iterable<{ feeds: Feeds; lr: number }>, onStep?: (r: StepResult, lr: number) => void): Promise<StepResult[]> {
    const k = this.stepsPerRun;
    const out: StepResult[] = [];
    let group: { feeds: Feeds; lr: number }[] = [];
    const flush = async () => {
      const lrs = group.map((g) => g.lr);
      const results = group.length === k && k > 1 ? await this.stepMany(group.map((g) => g.feeds), lrs) : await this.singleSteps(group);
      results.forEach((r, i) => {
        out.push(r);
        onStep?.(r, lrs[i]);
      });
      group = [];
    };
    for (const s of steps) {
      group.push(s);
      if (group.length === k) await flush();
    }
    if (group.length) await flush();
    return out;
  }

  private async singleSteps(group: readonly { feeds: Feeds; lr: number }[]): Promise<StepResult[]> {
    const out: StepResult[] = [];
    for (const g of group) out.push(await this.step(g.feeds, g.lr));
    return out;
  }

  /** Parameters, frozen parameters and optimizer state as the step graphs' inputs. */
  private stateFeeds(): Record<string, ort.Tensor> {
    const run: Record<string, ort.Tensor> = {};
    const names = this.names;
    this.theta.forEach((v, i) => (run[names.theta[i]] = v));
    this.frozen.forEach((v, i) => (run[names.frozen[i]] = v));
    for (const n of this.optimizer.state) this.state[n].forEach((v, i) => (run[names.state[n][i]] = v));
    return run;
  }

  private batchFeeds(feeds: Feeds, run: Record<string, ort.Tensor>, name: (n: string) => string, where: string): void {
    for (const n of this.inputNames) {
      const f = feeds[n];
      if (!f) throw new Error(`${where}: missing input "${n}" (expected ${this.inputNames.join(', ')})`);
      run[name(n)] = toOrt(this.spec.inputs[n].dtype, f.data, f.dims);
    }
  }

  private takeState(out: ort.InferenceSession.OnnxValueMapType): void {
    const names = this.names;
    this.theta = this.theta.map((_, i) => out[names.thetaOut[i]] as ort.Tensor);
    for (const n of this.optimizer.state) this.state[n] = this.state[n].map((_, i) => out[names.stateOut[n][i]] as ort.Tensor);
  }

  /** A copy of all current parameters, frozen ones included (flat, in the module layout's order). */
  getParams(): Float32Array {
    const out = new Float32Array(this.layout.total);
    this.trainedLayout.entries.forEach((e, i) => out.set(this.theta[i].data as Float32Array, this.layout.entry(e.spec).offset));
    this.frozenLayout?.entries.forEach((e, i) => out.set(this.frozen[i].data as Float32Array, this.layout.entry(e.spec).offset));
    return out;
  }

  /** A copy of the trained parameters only (flat, in trainedLayout's order). */
  getTrainedParams(): Float32Array {
    const out = new Float32Array(this.trainedLayout.total);
    this.trainedLayout.entries.forEach((e, i) => out.set(this.theta[i].data as Float32Array, e.offset));
    return out;
  }

  /** Replaces all parameters (module layout) and resets the optimizer state and step count. */
  setParams(theta: Float32Array): void {
    if (theta.length !== this.layout.total) throw new Error(`setParams: expected ${this.layout.total} values, got ${theta.length}`);
    const piece = (e: ParamEntry) => {
      const at = this.layout.entry(e.spec).offset;
      return toOrt('float32', theta.slice(at, at + e.size), e.spec.shape);
    };
    this.theta = this.trainedLayout.entries.map(piece);
    this.frozen = (this.frozenLayout?.entries ?? []).map(piece);
    for (const s of this.optimizer.state) this.state[s] = this.trainedLayout.entries.map((e) => toOrt('float32', new Float32Array(e.size), e.spec.shape));
    this.stepCount = 0;
  }
}

/**
 * The ONNX graph of `k` chained training steps: parameters, frozen parameters
 * and optimizer state in once and out once; each step its own batch inputs,
 * optimizer scalars and `loss`/`grad_norm` outputs (named plainly when k is 1,
 * with `stepName` otherwise).
 */
function buildSteps<M extends Module>(spec: TrainerSpec<M>, optimizer: Optimizer, ls: { layout: ParamLayout; trained: ParamLayout; frozen: ParamLayout | null }, k: number) {
  const { layout, trained, frozen } = ls;
  const seed = spec.seed ?? 0;
  const name = (n: string, s: number) => (k === 1 ? n : stepName(n, s));
  const g = new Graph();
  const theta0 = trained.entries.map((e, i) => g.input(thetaName(i), 'float32', [...e.spec.shape]));
  const frozenInputs = (frozen?.entries ?? []).map((e, i) => g.input(frozenName(i), 'float32', [...e.spec.shape]));
  const state0 = trained.entries.map((e, i) => Object.fromEntries(optimizer.state.map((n) => [n, g.input(stateName(n, i), 'float32', [...e.spec.shape])])));
  const graphInputs: Tensor[] = [...theta0, ...frozenInputs, ...state0.flatMap((st) => Object.values(st))];
  const outputs: Record<string, Tensor> = {};
  let theta = theta0;
  let state = state0;
  for (let s = 0; s < k; s++) {
    const scalars = Object.fromEntries(optimizer.scalarInputs.map((n) => [n, g.input(name(`scalar_${n}`, s), 'float32', [])]));
    // Each step's named dims are its own (`batch__step0`, …): a run whose last batch is short
    // would otherwise break ONNX Runtime's plan, which shares buffers between equal dim names.
    const inputs = Object.fromEntries(Object.entries(spec.inputs).map(([n, sp]) => [n, g.input(name(n, s), sp.dtype, sp.shape.map((d) => (typeof d === 'string' ? name(d, s) : d)))]));
    graphInputs.push(...Object.values(scalars), ...Object.values(inputs));
    const params = new Map<ParamSpec, Tensor>();
    trained.entries.forEach((e, i) => params.set(e.spec, theta[i]));
    frozen?.entries.forEach((e, i) => params.set(e.spec, frozenInputs[i]));
    const ctx = makeCtx(g, true, seed, paramSource(layout, params));
    const loss = spec.loss(ctx, inputs, spec.module);
    if (loss.rank !== 0) throw new ShapeError(`Trainer: the loss must be a scalar, got shape [${loss.shape}]`);
    let grads = grad(loss, theta);
    let norm: Tensor;
    if (spec.clipNorm !== undefined) ({ grads, norm } = clipByGlobalNorm(grads, spec.clipNorm));
    else norm = globalNorm(grads);
    outputs[name('loss', s)] = loss;
    outputs[name('grad_norm', s)] = norm;
    const updates = trained.entries.map((e, i) => optimizer.update({ theta: theta[i], grad: grads[i], state: state[i], scalars, decay: e.spec.decay }));
    theta = updates.map((u) => u.theta);
    state = updates.map((u) => u.state);
  }
  trained.entries.forEach((_, i) => {
    outputs[`${thetaName(i)}_out`] = theta[i];
    for (const n of optimizer.state) outputs[`${stateName(n, i)}_out`] = state[i][n];
  });
  const model = toOnnx(g, { inputs: graphInputs, outputs, name: k === 1 ? 'train_step' : `train_steps_${k}` });
  return { model, dropout: g.nodes.some((n) => n.op === 'Dropout') };
}

/** An input or output of step s in a graph of several steps. */
export const stepName = (n: string, s: number) => `${n}__step${s}`;
const thetaName = (i: number) => `theta_${i}`;
const frozenName = (i: number) => `frozen_${i}`;
const stateName = (n: string, i: number) => `state_${n}_${i}`;

interface StepNames {
  theta: string[];
  thetaOut: string[];
  frozen: string[];
  state: Record<string, string[]>;
  stateOut: Record<string, string[]>;
}

function stepNames(trained: number, frozen: number, state: readonly string[]): StepNames {
  const range = (n: number, name: (i: number) => string) => Array.from({ length: n }, (_, i) => name(i));
  return {
    theta: range(trained, thetaName),
    thetaOut: range(trained, (i) => `${thetaName(i)}_out`),
    frozen: range(frozen, frozenName),
    state: Object.fromEntries(state.map((n) => [n, range(trained, (i) => stateName(n, i))])),
    stateOut: Object.fromEntries(state.map((n) => [n, range(trained, (i) => `${stateName(n, i)}_out`)])),
  };
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
