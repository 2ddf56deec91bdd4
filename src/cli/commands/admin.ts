/** `w2s admin`: researchers' tokens and challenges, written straight to a server home. */
import type { Command } from 'commander';
import { join } from 'node:path';
import { openStore } from '../../store/index.js';
import { addChallenge, createToken, listChallenges, listResearchers, openServerDb, revokeToken, setChallengeState } from '../../server/index.js';
import { asUsage, UsageError } from '../errors.js';
import { table } from '../format.js';
import { addSourceOptions, intArg, sourceFrom, studentFrom, studentOptions, type SourceFlags } from '../options.js';
import { DEFAULT_HOME } from './serve.js';

const num = (what: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${what} expects a positive number, got "${v}"`);
  return n;
};

/** A lookup that fails on the user's input (unknown name) as a usage error. */
function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function withHome<T>(home: string, fn: (sdb: ReturnType<typeof openServerDb>) => T): T {
  const sdb = openServerDb(home);
  try {
    return fn(sdb);
  } finally {
    sdb.close();
  }
}

export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('manage a scoring server\'s researchers and challenges (takes the server\'s --home)');
  const token = admin.command('token').description('researchers\' bearer tokens');
  token
    .command('create <name>')
    .description('create a researcher; prints the token (shown once) as the last line')
    .option('--home <dir>', 'the server\'s home', DEFAULT_HOME)
    .option('--scores-per-hour <n>', 'scores (predictions and submissions) allowed per hour', intArg(1), 100)
    .option('--compute-hours <h>', 'wall-clock hours of submitted jobs allowed in all', num('--compute-hours'), 10)
    .action((name: string, o: { home: string; scoresPerHour: number; computeHours: number }) =>
      withHome(o.home, (sdb) => {
        const { researcher, token: t } = usage(() => createToken(sdb, name, { scoresPerHour: o.scoresPerHour, computeHours: o.computeHours }));
        process.stderr.write(`researcher ${researcher.name}: ${researcher.scoresPerHour} scores/hour, ${researcher.computeHours} compute hours. Keep the token; it is not shown again.\n`);
        process.stdout.write(`${t}\n`);
      }));
  token
    .command('revoke <name>')
    .option('--home <dir>', 'the server\'s home', DEFAULT_HOME)
    .action((name: string, o: { home: string }) => withHome(o.home, (sdb) => void process.stdout.write(`revoked ${usage(() => revokeToken(sdb, name)).name}\n`)));
  token
    .command('list')
    .option('--home <dir>', 'the server\'s home', DEFAULT_HOME)
    .action((o: { home: string }) =>
      withHome(o.home, (sdb) => {
        const rows = listResearchers(sdb).map((r) => [r.name, String(r.scoresPerHour), String(r.computeHours), r.revokedAt ? `revoked ${r.revokedAt}` : 'active', r.createdAt]);
        process.stdout.write(`${table(['name', 'scores/hour', 'compute h', 'status', 'created'], rows, 'lrrll')}\n`);
      }));

  const challenge = admin.command('challenge').description('challenges: data, seeds, fixed baselines, dev/final parts');
  studentOptions(addSourceOptions(challenge.command('add <name>').description('prepare a challenge: splits, weak labels, ceilings and vanilla baselines for each seed'))
    .option('--home <dir>', 'the server\'s home', DEFAULT_HOME)
    .option('--weak <model>', 'weak supervisor (as for w2s run)')
    .option('--weak-labels <file>', 'weak labels from a file (as for w2s run)')
    .option('--strong <model>', 'strong student (as for w2s run)'), 'probe')
    .option('--seeds <n>', 'seeds with baselines (submissions may use up to this many)', intArg(1), 5)
    .option('--eta <step>', 'the Ladder\'s step η (default: 0.01, or coarser so that one step is worth at least 15 dev examples)', num('--eta'))
    .option('--dev-fraction <f>', 'share of each test split scored as dev (the rest is final)', num('--dev-fraction'), 0.5)
    .option('--max-finals <n>', 'final submissions per researcher', intArg(1), 3)
    .option('--cache <dir>', 'model cache (default: HOME/cache)')
    .option('--threads <n>', 'compute threads', intArg(1))
    .action(async (name: string, o: SourceFlags & { home: string; weak?: string; weakLabels?: string; strong?: string; student?: string; finetuneLayers?: string; finetuneEpochs?: number; seeds: number; eta?: number; devFraction: number; maxFinals: number; cache?: string; threads?: number }) => {
      const { student, finetune } = studentFrom(o);
      if (finetune) throw new UsageError('a challenge fine-tunes with the default settings: --finetune-layers and --finetune-epochs are for w2s run');
      const source = sourceFrom(o)!;
      const sdb = openServerDb(o.home);
      const runs = openStore(join(o.home, 'runs.db'));
      try {
        const c = await asUsage(() => addChallenge(sdb, { name, source, weak: o.weak, weakLabels: o.weakLabels, strong: o.strong, ...(student ? { student } : {}), seeds: o.seeds, eta: o.eta, devFraction: o.devFraction, maxFinals: o.maxFinals }, {
          cacheDir: o.cache ?? join(o.home, 'cache'), runs, threads: o.threads, log: (m) => process.stderr.write(`${m}\n`),
        }));
        process.stdout.write(`challenge ${c.name}: ${c.kind}, classes ${c.classes.join('/')}, ${c.seeds} seeds, ${c.config.weak} -> ${c.config.strong}, η ${c.config.eta}\n`);
      } finally {
        runs.close();
        sdb.close();
      }
    });
  challenge
    .command('list')
    .option('--home <dir>', 'the server\'s home', DEFAULT_HOME)
    .action((o: { home: string }) =>
      withHome(o.home, (sdb) => {
        const rows = listChallenges(sdb).map((c) => [c.name, c.config.source.task ?? c.config.source.data ?? '', `${c.config.weak} -> ${c.config.strong}`, String(c.seeds), c.status, c.revealed ? 'yes' : 'no']);
        process.stdout.write(`${table(['name', 'data', 'models', 'seeds', 'status', 'revealed'], rows, 'lllrll')}\n`);
      }));
  for (const [cmd, change, what] of [['close', { status: 'closed' }, 'closed'], ['reveal', { revealed: true }, 'revealed'], ['reopen', { status: 'open' }, 'open']] as const) {
    challenge
      .command(`${cmd} <name>`)
      .description(cmd === 'reveal' ? 'show final scores on the leaderboard' : cmd === 'close' ? 'stop scoring and submissions' : 'accept scores and submissions again')
      .option('--home <dir>', 'the server\'s home', DEFAULT_HOME)
      .action((name: string, o: { home: string }) => withHome(o.home, (sdb) => void (usage(() => setChallengeState(sdb, name, change)), process.stdout.write(`${name}: ${what}\n`))));
  }
}
