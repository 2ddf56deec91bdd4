import type { Method } from '../../../contract/types.js';

/** Never returns (an agent's way to hold the scorer): the host's time limit must end it. */
const method: Method = {
  name: 'cheat_spin',
  description: 'boundary test: an endless loop',
  params: [],
  async run() {
    for (;;) {
      // spin
    }
  },
};
export default method;
