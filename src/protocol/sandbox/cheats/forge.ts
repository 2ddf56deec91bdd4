import { cheat } from './cheat.js';

/**
 * Speaks the method process's protocol itself: oracle queries past its budget
 * (it declared none), for every row, and a second budget declaration.
 */
export default cheat('cheat_forge', async (ctx) => {
  const n = ctx.transfer.ids.length;
  const send = process.send?.bind(process);
  if (!send) return null;
  const answers: unknown[] = [];
  process.on('message', (m: { t?: string }) => {
    if (m?.t === 'oracle-reply') answers.push(m);
  });
  send({ t: 'budget', budget: n });
  send({ t: 'oracle', id: 9999, rows: Int32Array.from({ length: n }, (_, i) => i) });
  await new Promise((r) => setTimeout(r, 300));
  for (const a of answers) {
    const labels = (a as { labels?: Int32Array }).labels;
    if (labels && labels.length === n) return labels;
  }
  try {
    return await ctx.oracle.query(Int32Array.from({ length: n }, (_, i) => i));
  } catch (e) {
    ctx.log(`oracle: ${(e as Error).message}`);
  }
  return null;
});
