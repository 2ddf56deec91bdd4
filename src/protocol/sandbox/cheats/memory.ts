import type { Method } from '../../../contract/types.js';

/** Allocates without end: the memory limit must end it, with a clear failure. */
const method: Method = {
  name: 'cheat_memory',
  description: 'boundary test: a memory bomb',
  params: [],
  async run() {
    const hoard: Float64Array[] = [];
    for (;;) hoard.push(new Float64Array(1 << 24).fill(1));
  },
};
export default method;
