import { CLASSES, cheat } from './cheat.js';

/** The toy data's ids are `pos-17`/`neg-3`: read the label off the id the method is handed. */
export default cheat('cheat_ids', async (ctx) => {
  const labels = ctx.transfer.ids.map((id) => CLASSES.findIndex((c) => id.startsWith(c)));
  return labels.every((l) => l >= 0) ? Int32Array.from(labels) : null;
});
