import { argmax } from './argmax.js';
import { type Probs } from './check.js';

/** Share of rows on which two models' argmax predictions agree. */
export function agreement(probsA: Probs, probsB: Probs, numClasses: number): number {
  if (probsA.length !== probsB.length) {
    throw new Error(`probsA has length ${probsA.length} but probsB has ${probsB.length}; they must score the same examples`);
  }
  const a = argmax(probsA, numClasses);
  const b = argmax(probsB, numClasses);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
