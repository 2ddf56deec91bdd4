/**
 * Entry of a sweep worker process (forked by sweep-pool.ts): runs the
 * experiments it is sent, one at a time, saving each to the shared store.
 */
import { openStore, type Store } from '../store/index.js';
import { runExperiment } from './run.js';
import type { ToParent, ToWorker } from './sweep-pool.js';

let store: Store | undefined;
const send = (m: ToParent) => process.send!(m);

process.on('message', async (msg: ToWorker) => {
  if (msg.type === 'exit') {
    store?.close();
    process.disconnect();
    return;
  }
  const t0 = performance.now();
  try {
    store ??= openStore(msg.env.storePath);
    const r = await runExperiment(msg.cfg, { cacheDir: msg.env.cacheDir, store, threads: msg.env.threads });
    const t = r.metrics.test;
    send({ type: 'result', id: msg.id, runKey: r.runKey, reused: r.reused, seconds: (performance.now() - t0) / 1000, test: { weak_acc: t.weak_acc, ceiling_acc: t.ceiling_acc, transfer_acc: t.transfer_acc, pgr: t.pgr } });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    send({ type: 'error', id: msg.id, message: err.message, stack: err.stack ?? '' });
  }
});

// The parent is gone (killed or interrupted): stop; the store holds only finished runs.
process.on('disconnect', () => {
  store?.close();
  process.exit(0);
});
send({ type: 'ready' });
