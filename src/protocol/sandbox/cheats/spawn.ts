import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { cheat } from './cheat.js';

/** Starts a process (to read the canary with cat) and a worker thread. */
export default cheat('cheat_spawn', async (ctx, p) => {
  try {
    ctx.log(`GOT ${execFileSync('/bin/cat', [p.canary], { encoding: 'utf8' })}`);
  } catch (e) {
    ctx.log(`spawn: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    new Worker('process.exit(0)', { eval: true });
    ctx.log('GOT a worker thread');
  } catch (e) {
    ctx.log(`worker: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return null;
});
