import type { Node, Tensor } from './tensor.js';

/**
 * A gradient rule: from the upstream gradients of a node's outputs (null where
 * an output does not reach the loss) to the gradient of each input (null where
 * the input is not differentiable, e.g. indices).
 */
export interface GradRule {
  readonly op: string;
  grad(node: Node, dys: readonly (Tensor | null)[]): (Tensor | null)[];
}

const rules = new Map<string, GradRule>();

export function registerGrad(rule: GradRule): GradRule {
  if (rules.has(rule.op)) throw new Error(`gradient for ${rule.op} is registered twice`);
  rules.set(rule.op, rule);
  return rule;
}

export function getGrad(op: string): GradRule | undefined {
  return rules.get(op);
}

export function registeredGrads(): string[] {
  return [...rules.keys()].sort();
}
