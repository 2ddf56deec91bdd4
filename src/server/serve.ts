/** Starts the HTTP server (and the embedded queue's workers) on a server home. */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { openServerDb, type ServerDb } from './db/schema.js';
import { DEFAULT_LIMITS, type ServerLimits } from './deps.js';
import type { SubmissionRunner } from './queue/runner.js';
import { startWorker, type Worker, type WorkerOptions } from './queue/worker.js';

export interface ServeOptions {
  home: string;
  port?: number;
  host?: string;
  limits?: Partial<ServerLimits>;
  /** Worker loops in this process (0: jobs wait for `w2s worker` processes). */
  workers?: number;
  runner?: SubmissionRunner;
  worker?: WorkerOptions;
  now?: () => number;
}

export interface RunningServer {
  url: string;
  port: number;
  sdb: ServerDb;
  close(): Promise<void>;
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const sdb = openServerDb(o.home);
  const app = createApp({ sdb, limits: { ...DEFAULT_LIMITS, ...o.limits }, now: o.now ?? Date.now });
  const host = o.host ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 0, hostname: host }, () => resolve(s));
    s.on('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const workers: Worker[] = [];
  const n = o.workers ?? (o.runner ? 1 : 0);
  if (n > 0 && !o.runner) throw new Error('workers need a SubmissionRunner');
  for (let i = 0; i < n; i++) workers.push(startWorker(sdb, o.runner!, o.worker));
  return {
    url: `http://${host}:${port}`,
    port,
    sdb,
    close: async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await new Promise<void>((r) => server.close(() => r()));
      sdb.close();
    },
  };
}
