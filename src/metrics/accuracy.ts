import { argmax } from './argmax.js';
import { checkClassIndices, type ClassIndices, type Probs } from './check.js';

/** Share of rows whose argmax (ties to the lowest index) equals the label. */
export function accuracy(probs: Probs, numClasses: number, labels: ClassIndices): number {
  const pred = argmax(probs, numClasses);
  checkClassIndices(labels, pred.length, numClasses);
  let hits = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) hits++;
  return hits / pred.length;
}

/** Per-example correctness (1 when the argmax equals the label), for bootstraps. */
export function correctness(probs: Probs, numClasses: number, labels: ClassIndices): Uint8Array {
  const pred = argmax(probs, numClasses);
  checkClassIndices(labels, pred.length, numClasses);
  const out = new Uint8Array(pred.length);
  for (let i = 0; i < pred.length; i++) out[i] = pred[i] === labels[i] ? 1 : 0;
  return out;
}
