import type { DType } from '../dtype.js';
import type { Graph } from '../graph.js';
import type { Tensor } from '../tensor.js';

/** How a parameter is initialised; `fanIn` defaults to the first dimension. */
export type Init =
  | { kind: 'zeros' }
  | { kind: 'ones' }
  | { kind: 'normal'; std: number }
  | { kind: 'uniform'; bound: number }
  /** PyTorch's nn.Linear default: U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
  | { kind: 'fanIn'; fanIn?: number };

export interface ParamSpec {
  readonly shape: readonly number[];
  readonly init: Init;
  /** Whether weight decay applies (off for biases and norms by convention). */
  readonly decay: boolean;
}

/** What a forward pass sees: the graph, its parameters as tensors, and the mode. */
export interface Ctx {
  readonly graph: Graph;
  readonly dtype: DType;
  readonly training: boolean;
  p(spec: ParamSpec): Tensor;
  /** A fresh dropout seed, derived from the trainer's seed and the call order. */
  nextSeed(): number;
}

/**
 * A tree of parameters, like torch.nn.Module: layers declare their parameters
 * and children in the constructor; `namedParams` lists them in a fixed order.
 */
export class Module {
  private readonly ownParams = new Map<string, ParamSpec>();
  private readonly children = new Map<string, Module>();

  protected param(name: string, shape: readonly number[], init: Init, decay = true): ParamSpec {
    if (this.ownParams.has(name) || this.children.has(name)) throw new Error(`${this.constructor.name}: duplicate name "${name}"`);
    const spec: ParamSpec = { shape: [...shape], init, decay };
    this.ownParams.set(name, spec);
    return spec;
  }

  protected module<M extends Module>(name: string, m: M): M {
    if (this.ownParams.has(name) || this.children.has(name)) throw new Error(`${this.constructor.name}: duplicate name "${name}"`);
    this.children.set(name, m);
    return m;
  }

  namedParams(prefix = ''): [string, ParamSpec][] {
    const out: [string, ParamSpec][] = [];
    for (const [n, p] of this.ownParams) out.push([prefix + n, p]);
    for (const [n, c] of this.children) out.push(...c.namedParams(`${prefix}${n}.`));
    return out;
  }

  /** Total number of scalar parameters. */
  numParams(): number {
    return this.namedParams().reduce((s, [, p]) => s + p.shape.reduce((a, b) => a * b, 1), 0);
  }
}
