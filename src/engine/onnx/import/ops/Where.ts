import { where } from '../../../ops/where.js';
import { registerImporter } from '../registry.js';
import { broadcastKnown } from '../value.js';

registerImporter('Where', (cx) => {
  const [c, a, b] = [cx.value(0), cx.value(1), cx.value(2)];
  const t = where(c.tensor, a.tensor, b.tensor);
  const known = c.known && a.known && b.known ? broadcastKnown([c.known, a.known, b.known], ([k, x, y]) => (typeof k !== 'number' ? undefined : k ? x : y)) : undefined;
  return [cx.fold(t.dtype, known) ?? { tensor: t, known }];
});
