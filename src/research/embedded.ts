/**
 * An embedded server for a research run: `w2s serve` in this process on a
 * home of its own, with the run's challenges added from the built-in tasks
 * when missing (challenge add: baselines for each seed — minutes on a task),
 * one token per researcher, and — after the researchers stop — the challenges
 * revealed, so that the final part's scores (with intervals) can be read.
 */
import { join } from 'node:path';
import { openStore } from '../store/index.js';
import { addChallenge } from '../server/challenge/add.js';
import { getChallenge, setChallengeState } from '../server/db/challenges.js';
import { openServerDb } from '../server/db/schema.js';
import { createToken } from '../server/db/tokens.js';
import { methodRunner } from '../server/queue/method-runner.js';
import { startServer, type RunningServer } from '../server/serve.js';
import { W2sClient } from '../server/client.js';
import { getTask } from '../tasks/index.js';

export interface EmbeddedOptions {
  home: string;
  cacheDir: string;
  /** Challenges to have: a missing one is added from the built-in task of that name. */
  challenges: string[];
  seeds: number;
  /** The Ladder's step for challenges it adds (default: the server's). */
  eta?: number;
  workers: number;
  threads?: number;
  methodMinutes: number;
  log: (line: string) => void;
}

export interface EmbeddedServer {
  server: RunningServer;
  /** A client for researcher `name` (a token of its own, created on first use). */
  clientFor(name: string): W2sClient;
  reveal(): void;
  close(): Promise<void>;
}

export async function startEmbedded(o: EmbeddedOptions): Promise<EmbeddedServer> {
  const sdb = openServerDb(o.home);
  const runs = openStore(join(o.home, 'runs.db'));
  try {
    for (const name of o.challenges) {
      const have = getChallenge(sdb, name);
      if (have) {
        if (have.seeds < o.seeds) throw new Error(`challenge ${name} in ${o.home} has ${have.seeds} seeds; the run asks for ${o.seeds} (use another --home or fewer --seeds)`);
        continue;
      }
      try {
        getTask(name);
      } catch {
        throw new Error(`challenge "${name}" is not on the server in ${o.home} and is not a built-in task (w2s tasks lists them); add it with \`w2s admin challenge add ${name} --data FILE --home ${o.home}\``);
      }
      o.log(`adding challenge ${name} from the built-in task (${o.seeds} seeds of baselines; this takes minutes)`);
      await addChallenge(sdb, { name, source: { task: name }, seeds: o.seeds, eta: o.eta }, { cacheDir: o.cacheDir, runs, threads: o.threads, log: o.log });
    }
  } finally {
    runs.close();
    sdb.close();
  }
  const runner = methodRunner({ home: o.home, cacheDir: o.cacheDir, threads: o.threads, limits: { timeMs: o.methodMinutes * 60_000 } });
  const server = await startServer({ home: o.home, workers: o.workers, runner, worker: { pollMs: 200 } });
  const clients = new Map<string, W2sClient>();
  const stamp = Date.now().toString(36);
  return {
    server,
    clientFor(name) {
      if (!clients.has(name)) {
        // A name stays taken after a run; a later run on the same home gets a suffixed one.
        const taken = server.sdb.db.prepare('SELECT 1 FROM researchers WHERE name = ?').get(name);
        const { token } = createToken(server.sdb, taken ? `${name}.${stamp}` : name, { scoresPerHour: 10_000, computeHours: 1_000 });
        clients.set(name, new W2sClient(server.url, token));
      }
      return clients.get(name)!;
    },
    reveal() {
      for (const c of o.challenges) setChallengeState(server.sdb, c, { revealed: true });
    },
    close: () => server.close(),
  };
}
