/** The task's auxiliary-task answers for one pool, from the inputs only (never the labels). */
import type { AuxTaskSpec, Example } from '../tasks/types.js';
import type { AuxLabels } from '../contract/types.js';

export function auxLabels(specs: readonly AuxTaskSpec[], examples: readonly Example[]): Record<string, AuxLabels> {
  const out: Record<string, AuxLabels> = {};
  for (const spec of specs) {
    if (out[spec.name]) throw new Error(`auxiliary task "${spec.name}" is declared twice`);
    const labels = Int32Array.from(examples, (e) => {
      const c = spec.label({ text: e.text, features: e.features });
      if (!(Number.isInteger(c) && c >= -1 && c < spec.classes.length)) {
        throw new Error(`auxiliary task "${spec.name}" gave ${c} for example ${e.id}; expected a class in 0..${spec.classes.length - 1} or -1`);
      }
      return c;
    });
    out[spec.name] = Object.freeze({ description: spec.description, classes: Object.freeze([...spec.classes]), labels });
  }
  return Object.freeze(out);
}
