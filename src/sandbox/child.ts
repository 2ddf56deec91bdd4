/**
 * The method process: loads one method, receives its view, runs it with the
 * host as its only link to ground truth (oracle messages), and sends back its
 * student as a value. The host starts it inside the sandbox (see
 * src/protocol/sandbox); it never holds a label the oracle did not give it.
 */
import type { Method } from '../contract/types.js';
import type { HostChannel } from '../runtime/host-channel.js';
import { runMethodOnView } from '../runtime/run-method.js';
import type { FromMethod, ToMethod } from './messages.js';
import { describeMethod, loadMethodSpec } from './load-method.js';

const send = (m: FromMethod) =>
  new Promise<void>((resolve, reject) => process.send!(m, undefined, undefined, (e) => (e ? reject(e) : resolve())));

let method: Method | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve: (r: { labels: Int32Array; used: number }) => void; reject: (e: Error) => void }>();
let budgetAck: (() => void) | undefined;

const host: HostChannel = {
  declareBudget: (budget) =>
    new Promise<void>((resolve) => {
      budgetAck = resolve;
      void send({ t: 'budget', budget });
    }),
  oracle: (rows) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      void send({ t: 'oracle', id, rows });
    }),
  log: (message) => void send({ t: 'log', message: message.slice(0, 2000) }),
};

async function fail(e: unknown): Promise<never> {
  const message = e instanceof Error ? e.message : String(e);
  await send({ t: 'error', message }).catch(() => {});
  process.exit(1);
}

process.on('uncaughtException', (e) => void fail(e));
process.on('unhandledRejection', (e) => void fail(e));
process.on('disconnect', () => process.exit(1));

process.on('message', (raw: ToMethod) => {
  void (async () => {
    switch (raw.t) {
      case 'load':
        method = await loadMethodSpec(raw.method);
        await send({ t: 'meta', meta: describeMethod(method) });
        return;
      case 'run': {
        if (!method) throw new Error('run before load');
        const outcome = await runMethodOnView(method, raw.view, host);
        await send({ t: 'result', outcome });
        process.exit(0);
        return;
      }
      case 'budget-ok':
        budgetAck?.();
        return;
      case 'oracle-reply': {
        const w = waiting.get(raw.id);
        waiting.delete(raw.id);
        if (!w) return;
        if (raw.error !== undefined || !raw.labels) w.reject(new Error(raw.error ?? 'oracle: no labels'));
        else w.resolve({ labels: raw.labels, used: raw.used ?? 0 });
        return;
      }
      case 'exit':
        process.exit(0);
    }
  })().catch(fail);
});
