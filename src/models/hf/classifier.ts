import { ImportedGraph, Linear, Module, mul, ParamLayout, reduceSum, topLayers, unsqueeze, type Ctx, type Tensor } from '../../engine/index.js';
import type { InputSpec } from '../../engine/train/trainer.js';
import type { Rng } from '../../util/rng.js';

/** Input name of the pooling weights (see poolingWeights): [batch, sequence]. */
export const POOL_INPUT = 'pool_weights';

export interface HfClassifierOptions {
  numClasses: number;
  /** Train the top k transformer layers (and what follows them), or 'all'. Lower layers and embeddings stay frozen. */
  trainLayers: number | 'all';
  /** The hidden-state output of the graph (default: last_hidden_state). */
  hiddenOutput?: string;
}

/**
 * An imported encoder with a linear head on its pooled hidden states: the
 * model a fine-tuning student trains with the engine's Trainer. Frozen
 * initializers stay constants (bitwise as in the file); trainable ones are
 * parameters named `encoder.<initializer>`.
 */
export class HfClassifier extends Module {
  readonly encoder: ImportedGraph;
  readonly head: Linear;
  readonly hiddenOutput: string;

  constructor(
    graph: { model: ImportedGraph['model']; source: string },
    readonly opts: HfClassifierOptions,
  ) {
    super();
    const outputs = graph.model.graph.outputs.map((o) => o.name);
    this.hiddenOutput = opts.hiddenOutput ?? (outputs.includes('last_hidden_state') ? 'last_hidden_state' : outputs[0]);
    const trainable = opts.trainLayers === 'all' ? undefined : topLayers(graph.model, opts.trainLayers).trainable;
    this.encoder = this.module('encoder', new ImportedGraph(graph.model, graph.source, { trainable, outputs: [this.hiddenOutput] }));
    const hiddenSize = graph.model.graph.outputs.find((o) => o.name === this.hiddenOutput)?.dims[2];
    if (typeof hiddenSize !== 'number') throw new Error(`${graph.source}: output ${this.hiddenOutput} does not declare a static hidden size (dims [${graph.model.graph.outputs.find((o) => o.name === this.hiddenOutput)?.dims}])`);
    this.head = this.module('head', new Linear(hiddenSize, opts.numClasses));
  }

  /** The encoder's inputs plus the pooling weights over the same [batch, sequence] dims. */
  inputSpecs(): Record<string, InputSpec> {
    const specs = this.encoder.inputSpecs();
    const ids = specs.input_ids;
    if (!ids) throw new Error(`${this.encoder.source}: no input_ids input; not a text encoder`);
    return { ...specs, [POOL_INPUT]: { dtype: 'float32', shape: ids.shape } };
  }

  /** Class logits [B, K]. */
  forward(ctx: Ctx, inputs: Record<string, Tensor>): Tensor {
    const { [POOL_INPUT]: pool, ...rest } = inputs;
    const h = this.encoder.forward(ctx, rest)[this.hiddenOutput];
    const pooled = reduceSum(mul(h, unsqueeze(pool, -1)), 1);
    return this.head.forward(ctx, pooled);
  }

  /** Starting parameters: the file's weights for the encoder, a fresh head drawn from `rng`. */
  initialTheta(rng: Rng): Float32Array {
    const layout = new ParamLayout(this);
    const theta = layout.initialize(rng);
    const enc = this.encoder.initialTheta();
    const first = layout.entries.find((e) => e.name.startsWith('encoder.'));
    if (first) theta.set(enc, first.offset);
    return theta;
  }
}
