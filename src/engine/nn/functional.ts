import {
  add, div, erf, exp, log, logSoftmax, mul, neg, reduceMean, reduceSum, relu, sigmoid, sqrt, sub, tanh, matmul,
  maximum, abs, layerNormalization, type Tensor,
} from '../index.js';

export type Activation = 'relu' | 'gelu' | 'tanh' | 'sigmoid';

/** GELU, exact form: 0.5 x (1 + erf(x / sqrt 2)). */
export function gelu(x: Tensor): Tensor {
  return mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
}

export function activation(name: Activation, x: Tensor): Tensor {
  switch (name) {
    case 'relu':
      return relu(x);
    case 'gelu':
      return gelu(x);
    case 'tanh':
      return tanh(x);
    case 'sigmoid':
      return sigmoid(x);
  }
}

/** x @ w + b. */
export function linear(x: Tensor, w: Tensor, b?: Tensor): Tensor {
  const y = matmul(x, w);
  return b ? add(y, b) : y;
}

/** Layer normalisation over the last axis, scaled by gamma and shifted by beta (none: no shift). */
export function layerNorm(x: Tensor, gamma: Tensor, beta?: Tensor, eps = 1e-5): Tensor {
  // float32 (every model here): ONNX's fused op, whose gradient reuses its saved statistics;
  // a missing shift becomes zeros where the width is known.
  const d = x.shape[x.rank - 1];
  if (x.dtype === 'float32' && gamma.dtype === 'float32' && (beta ? beta.dtype === 'float32' : typeof d === 'number')) {
    return layerNormalization(x, gamma, beta ?? x.graph.constant({ dtype: 'float32', shape: [d as number], data: new Float32Array(d as number) }), eps);
  }
  const axis = x.rank - 1;
  const mu = reduceMean(x, axis, true);
  const xc = sub(x, mu);
  const variance = reduceMean(mul(xc, xc), axis, true);
  const y = mul(div(xc, sqrt(add(variance, eps))), gamma);
  return beta ? add(y, beta) : y;
}

/** Mean over the batch of -sum_k t_k log softmax(z)_k: cross-entropy against soft (or one-hot) targets. */
export function softmaxCrossEntropy(logits: Tensor, targets: Tensor, weights?: Tensor): Tensor {
  const perExample = neg(reduceSum(mul(targets, logSoftmax(logits)), -1));
  return weightedMean(perExample, weights);
}

/** Binary cross-entropy with logits, numerically stable: max(z,0) - z t + log(1 + e^-|z|). */
export function binaryCrossEntropyWithLogits(logits: Tensor, targets: Tensor, weights?: Tensor): Tensor {
  const perElem = add(sub(maximum(logits, 0), mul(logits, targets)), log(add(exp(neg(abs(logits))), 1)));
  const perExample = perElem.rank > 1 ? reduceMean(perElem, -1) : perElem;
  return weightedMean(perExample, weights);
}

/** KL(target || softmax(logits)) averaged over the batch; targets are probabilities. */
export function klDivergence(logits: Tensor, targets: Tensor, weights?: Tensor): Tensor {
  const t = targets;
  const perExample = reduceSum(mul(t, sub(log(add(t, 1e-12)), logSoftmax(logits))), -1);
  return weightedMean(perExample, weights);
}

/** Mean squared error. */
export function mse(pred: Tensor, target: Tensor): Tensor {
  const d = sub(pred, target);
  return reduceMean(mul(d, d));
}

/** Mean of per-example losses, or their weighted mean sum(w l) / sum(w) when weights are given. */
export function weightedMean(perExample: Tensor, weights?: Tensor): Tensor {
  if (!weights) return reduceMean(perExample);
  return div(reduceSum(mul(perExample, weights)), add(reduceSum(weights), 1e-12));
}
