import type { OnnxModelProto } from '../model_proto.js';

const LAYER = /(?:^|[./])(?:layers?|h|blocks?)[._](\d+)(?=[./_]|$)/;

/** The transformer layer index in a parameter's or node's name (encoder.layer.3.…, /h.3/attn/…), if any. */
export function layerIndexIn(name: string): number | undefined {
  const m = LAYER.exec(name);
  return m ? Number(m[1]) : undefined;
}

export interface InitializerPlace {
  /** The layer it belongs to (by its name, else by the name of the first node that reads it). */
  layer?: number;
  /** Index of the first node that reads it. */
  firstUse: number;
}

/**
 * Where each initializer sits: its layer, from its own name or, for exporters
 * that rename weights (onnx::MatMul_123), from the nodes that read it.
 */
export function initializerPlaces(model: OnnxModelProto): Map<string, InitializerPlace> {
  const places = new Map<string, InitializerPlace>();
  const inits = new Set(model.graph.initializers.map((t) => t.name));
  model.graph.nodes.forEach((n, i) => {
    for (const x of n.inputs) {
      if (!inits.has(x) || places.has(x)) continue;
      places.set(x, { layer: layerIndexIn(x) ?? layerIndexIn(n.name), firstUse: i });
    }
  });
  return places;
}

/**
 * Which initializers a top-k fine-tune trains: those of the last k layers and
 * those used after the last layer begins (final norm, pooler); embeddings and
 * lower layers stay frozen. k = Infinity trains everything.
 */
export function topLayers(model: OnnxModelProto, k: number): { trainable: (name: string) => boolean; layers: number } {
  const places = initializerPlaces(model);
  const indices = [...places.values()].map((p) => p.layer).filter((l): l is number => l !== undefined);
  if (indices.length === 0) throw new Error('no transformer layers found in the initializer or node names (encoder.layer.N, h.N, layers.N); train all parameters instead');
  const layers = Math.max(...indices) + 1;
  const from = Math.max(0, layers - k);
  const lastStart = Math.min(...[...places.values()].filter((p) => p.layer === layers - 1).map((p) => p.firstUse));
  return {
    layers,
    trainable: (name) => {
      const p = places.get(name);
      if (!p) return false;
      return p.layer !== undefined ? p.layer >= from : k >= layers || p.firstUse > lastStart;
    },
  };
}
