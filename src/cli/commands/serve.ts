/** `w2s serve` (the scoring server) and `w2s worker` (more worker processes on the same home). */
import type { Command } from 'commander';
import { join } from 'node:path';
import { methodRunner, openServerDb, startServer, startWorker } from '../../server/index.js';
import { intArg } from '../options.js';

export const DEFAULT_HOME = '.w2s/server';
export const DEFAULT_PORT = 8787;

interface ServeFlags { home: string; port: number; host: string; workers: number; cache?: string; threads?: number; requestsPerMinute: number; maxBody: number }

/** Resolves on SIGINT/SIGTERM. */
const untilSignal = () => new Promise<void>((r) => ['SIGINT', 'SIGTERM'].forEach((s) => process.once(s, () => r())));

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the scoring server: challenges, reusable holdout, submissions, leaderboard, forum (see docs/server.md)')
    .option('--home <dir>', 'the server\'s data: store, snapshots, results, cache', DEFAULT_HOME)
    .option('--port <n>', 'TCP port (0: any free port)', intArg(0), DEFAULT_PORT)
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--workers <n>', 'worker loops in this process (0: only `w2s worker` processes run jobs)', intArg(0), 1)
    .option('--cache <dir>', 'model cache (default: HOME/cache)')
    .option('--threads <n>', 'compute threads per job', intArg(1))
    .option('--requests-per-minute <n>', 'per-token request limit', intArg(1), 600)
    .option('--max-body <bytes>', 'largest request body', intArg(1024), 1 << 20)
    .addHelpText('after', '\nExamples:\n  $ w2s admin token create alice --home srv\n  $ w2s admin challenge add spam --task spam --seeds 5 --home srv\n  $ w2s serve --home srv --port 8787')
    .action(async (o: ServeFlags) => {
      const runner = methodRunner({ home: o.home, cacheDir: o.cache ?? join(o.home, 'cache'), threads: o.threads });
      const server = await startServer({ home: o.home, port: o.port, host: o.host, workers: o.workers, runner, limits: { requestsPerMinute: o.requestsPerMinute, bodyBytes: o.maxBody } });
      process.stderr.write(`w2s serve: ${server.url} (home ${o.home}, ${o.workers} worker loop(s)); Ctrl-C stops\n`);
      process.stdout.write(`${server.url}\n`);
      await untilSignal();
      await server.close();
    });

  program
    .command('worker')
    .description('run jobs of a server\'s embedded queue in this process (shares the server\'s --home)')
    .option('--home <dir>', 'the server\'s home', DEFAULT_HOME)
    .option('--workers <n>', 'worker loops', intArg(1), 1)
    .option('--cache <dir>', 'model cache (default: HOME/cache)')
    .option('--threads <n>', 'compute threads per job', intArg(1))
    .action(async (o: { home: string; workers: number; cache?: string; threads?: number }) => {
      const sdb = openServerDb(o.home);
      const runner = methodRunner({ home: o.home, cacheDir: o.cache ?? join(o.home, 'cache'), threads: o.threads });
      const loops = Array.from({ length: o.workers }, () =>
        startWorker(sdb, runner, { onEvent: (e, l) => process.stderr.write(`worker: submission ${l.submissionId} attempt ${l.attempt}: ${e}\n`) }));
      process.stderr.write(`w2s worker: ${o.workers} loop(s) on ${o.home}; Ctrl-C stops after the current job\n`);
      await untilSignal();
      await Promise.all(loops.map((w) => w.stop()));
      sdb.close();
    });
}
