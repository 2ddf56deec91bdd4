import { Rng } from '../../util/rng.js';
import type { Module, ParamSpec } from './module.js';

export interface ParamEntry {
  name: string;
  spec: ParamSpec;
  offset: number;
  size: number;
}

/**
 * Where each parameter lives in the flat parameter vector. With `include`,
 * the layout holds only the parameters it accepts (by name), packed in order:
 * the trained part of a partly frozen model.
 */
export class ParamLayout {
  readonly entries: ParamEntry[];
  readonly total: number;
  private readonly bySpec = new Map<ParamSpec, ParamEntry>();

  constructor(module: Module, include?: (name: string) => boolean) {
    let offset = 0;
    const params = include ? module.namedParams().filter(([name]) => include(name)) : module.namedParams();
    this.entries = params.map(([name, spec]) => {
      const size = spec.shape.reduce((a, b) => a * b, 1);
      const e = { name, spec, offset, size };
      offset += size;
      this.bySpec.set(spec, e);
      return e;
    });
    this.total = offset;
  }

  has(spec: ParamSpec): boolean {
    return this.bySpec.has(spec);
  }

  entry(spec: ParamSpec): ParamEntry {
    const e = this.bySpec.get(spec);
    if (!e) throw new Error('parameter does not belong to this module; declare it with this.param() in a registered child');
    return e;
  }

  /** Draws initial values for every parameter from a seeded generator. */
  initialize(rng: Rng): Float32Array {
    const theta = new Float32Array(this.total);
    for (const e of this.entries) {
      const init = e.spec.init;
      const view = theta.subarray(e.offset, e.offset + e.size);
      switch (init.kind) {
        case 'zeros':
          break;
        case 'ones':
          view.fill(1);
          break;
        case 'normal':
          for (let i = 0; i < view.length; i++) view[i] = rng.normal() * init.std;
          break;
        case 'uniform':
        case 'fanIn': {
          const bound = init.kind === 'uniform' ? init.bound : 1 / Math.sqrt(init.fanIn ?? e.spec.shape[0]);
          for (let i = 0; i < view.length; i++) view[i] = (2 * rng.next() - 1) * bound;
          break;
        }
      }
    }
    return theta;
  }
}
