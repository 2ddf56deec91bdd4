/** `w2s serve` (the scoring server) and `w2s worker` (more worker processes: on the same home, or anywhere with `--redis`). */
import { InvalidArgumentError, type Command } from 'commander';
import { join } from 'node:path';
import { checkRedisUrl } from '../../server/queue/redis.js';
import { methodRunner, openServerDb, startBullmqWorker, startServer, startWorker, type Worker } from '../../server/index.js';
import { intArg } from '../options.js';

export const DEFAULT_HOME = '.w2s/server';
export const DEFAULT_PORT = 8787;

interface ServeFlags { home: string; port: number; host: string; workers: number; redis?: string; cache?: string; threads?: number; methodMinutes: number; requestsPerMinute: number; maxBody: number }

const METHOD_MINUTES = 30;
const limitsOf = (minutes: number) => ({ timeMs: minutes * 60_000 });

/** --redis URL, checked before anything starts. */
const redisArg = (value: string): string => {
  try {
    return checkRedisUrl(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
};

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
    .option('--redis <url>', 'queue submissions on BullMQ at this Redis (redis://HOST:PORT[/DB]) instead of the embedded queue; `w2s worker --redis` on any machine runs them', redisArg)
    .option('--cache <dir>', 'model cache (default: HOME/cache)')
    .option('--threads <n>', 'compute threads per job', intArg(1))
    .option('--method-minutes <n>', 'wall-time limit of each seed\'s method process; past it the submission fails with its log', intArg(1), METHOD_MINUTES)
    .option('--requests-per-minute <n>', 'per-token request limit', intArg(1), 600)
    .option('--max-body <bytes>', 'largest request body', intArg(1024), 1 << 20)
    .addHelpText('after', '\nExamples:\n  $ w2s admin token create alice --home srv\n  $ w2s admin challenge add spam --task spam --seeds 5 --home srv\n  $ w2s serve --home srv --port 8787')
    .action(async (o: ServeFlags) => {
      const runner = methodRunner({ home: o.home, cacheDir: o.cache ?? join(o.home, 'cache'), threads: o.threads, limits: limitsOf(o.methodMinutes) });
      const server = await startServer({ home: o.home, port: o.port, host: o.host, workers: o.workers, runner, redis: o.redis, limits: { requestsPerMinute: o.requestsPerMinute, bodyBytes: o.maxBody } });
      const queue = o.redis ? `BullMQ at ${o.redis}` : 'embedded queue';
      process.stderr.write(`w2s serve: ${server.url} (dashboard at ${server.url}/; home ${o.home}, ${queue}, ${o.workers} worker loop(s)); Ctrl-C stops\n`);
      process.stdout.write(`${server.url}\n`);
      await untilSignal();
      await server.close();
    });

  program
    .command('worker')
    .description('run submissions in this process: of the embedded queue on the server\'s --home, or with --redis pulled from BullMQ on any machine')
    .option('--home <dir>', 'the server\'s home; with --redis, this machine\'s folder for snapshots, runs and the model cache', DEFAULT_HOME)
    .option('--redis <url>', 'pull jobs from the BullMQ queue of `w2s serve --redis URL` (same URL)', redisArg)
    .option('--workers <n>', 'worker loops', intArg(1), 1)
    .option('--cache <dir>', 'model cache (default: HOME/cache)')
    .option('--threads <n>', 'compute threads per job', intArg(1))
    .option('--method-minutes <n>', 'wall-time limit of each seed\'s method process', intArg(1), METHOD_MINUTES)
    .addHelpText('after', '\nExamples:\n  $ w2s worker --home srv --workers 2                      # same machine, embedded queue\n  $ w2s worker --redis redis://queue.lan:6379 --home .w2s/worker   # another machine')
    .action(async (o: { home: string; redis?: string; workers: number; cache?: string; threads?: number; methodMinutes: number }) => {
      const runner = methodRunner({ home: o.home, cacheDir: o.cache ?? join(o.home, 'cache'), threads: o.threads, limits: limitsOf(o.methodMinutes) });
      const say = (m: string) => process.stderr.write(`worker: ${m}\n`);
      let loops: Worker[];
      let close = () => {};
      if (o.redis) {
        const url = o.redis;
        loops = await Promise.all(Array.from({ length: o.workers }, () => startBullmqWorker(url, runner, { onEvent: (e, d) => say(`${d}: ${e}`) })));
      } else {
        const sdb = openServerDb(o.home);
        close = () => sdb.close();
        loops = Array.from({ length: o.workers }, () =>
          startWorker(sdb, runner, { onEvent: (e, l) => say(`submission ${l.submissionId} attempt ${l.attempt}: ${e}`) }));
      }
      process.stderr.write(`w2s worker: ${o.workers} loop(s) on ${o.redis ? `BullMQ at ${o.redis}` : o.home}; Ctrl-C stops after the current job\n`);
      await untilSignal();
      await Promise.all(loops.map((w) => w.stop()));
      close();
    });
}
