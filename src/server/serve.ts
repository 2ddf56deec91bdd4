/** Starts the HTTP server on a server home, with its queue (embedded, or BullMQ with `redis`) and worker loops. */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { reconcileAudits } from './audit/schedule.js';
import { openServerDb, type ServerDb } from './db/schema.js';
import { DEFAULT_LIMITS, type ServerLimits } from './deps.js';
import { bullmqQueue, type BullmqOptions } from './queue/bullmq.js';
import { embeddedQueue, type WorkerOptions } from './queue/embedded.js';
import type { SubmissionQueue } from './queue/queue.js';
import type { SubmissionRunner } from './queue/runner.js';

export interface ServeOptions {
  home: string;
  port?: number;
  host?: string;
  limits?: Partial<ServerLimits>;
  /** Worker loops in this process (0: jobs wait for `w2s worker` processes). */
  workers?: number;
  runner?: SubmissionRunner;
  /** Options of the embedded queue's worker loops. */
  worker?: WorkerOptions;
  /** A redis:// URL: queue submissions on BullMQ there (workers anywhere: `w2s worker --redis URL`). */
  redis?: string;
  bullmq?: Omit<BullmqOptions, 'url'>;
  now?: () => number;
}

export interface RunningServer {
  url: string;
  port: number;
  sdb: ServerDb;
  queue: SubmissionQueue;
  close(): Promise<void>;
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const n = o.workers ?? (o.runner ? 1 : 0);
  if (n > 0 && !o.runner) throw new Error('workers need a SubmissionRunner');
  const sdb = openServerDb(o.home);
  let queue: SubmissionQueue;
  try {
    reconcileAudits(sdb);
    queue = o.redis ? await bullmqQueue(sdb, { url: o.redis, ...o.bullmq }) : embeddedQueue(sdb, o.worker);
  } catch (e) {
    sdb.close();
    throw e;
  }
  const app = createApp({ sdb, queue, limits: { ...DEFAULT_LIMITS, ...o.limits }, now: o.now ?? Date.now });
  const host = o.host ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 0, hostname: host }, () => resolve(s));
    s.on('error', reject);
  });
  // Jobs run in this process and can hold its event loop for seconds; an idle keep-alive socket
  // closed by Node's 5 s default just as a client reuses it resets that client's request.
  const http = server as unknown as { keepAliveTimeout: number; headersTimeout: number };
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  const port = (server.address() as AddressInfo).port;
  for (let i = 0; i < n; i++) queue.startWorker(o.runner!);
  return {
    url: `http://${host}:${port}`,
    port,
    sdb,
    queue,
    close: async () => {
      await queue.close();
      await new Promise<void>((r) => server.close(() => r()));
      sdb.close();
    },
  };
}
