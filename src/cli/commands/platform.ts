/** Commands that talk to a scoring server through the typed client: `w2s submit`, `w2s leaderboard`, `w2s post`. */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { W2sClient } from '../../server/client.js';
import { UsageError } from '../errors.js';
import { table } from '../format.js';
import { collect, intArg, parseParams } from '../options.js';
import { DEFAULT_PORT } from './serve.js';

interface ServerFlags { server?: string; token?: string }

function addServerOptions(cmd: Command): Command {
  return cmd
    .option('--server <url>', `the server (default: $W2S_SERVER or http://127.0.0.1:${DEFAULT_PORT})`)
    .option('--token <token>', 'your bearer token (default: $W2S_TOKEN)');
}

function clientFrom(o: ServerFlags): W2sClient {
  const token = o.token ?? process.env.W2S_TOKEN;
  if (!token) throw new UsageError('give --token TOKEN or set W2S_TOKEN (an admin creates one with `w2s admin token create NAME`)');
  return new W2sClient(o.server ?? process.env.W2S_SERVER ?? `http://127.0.0.1:${DEFAULT_PORT}`, token);
}

const show = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(3));

/** Numbers stay strings for the method's schema to type, as with `w2s run --param`; true/false and numbers are sent typed. */
function typedParams(pairs: string[] | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(parseParams(pairs))) out[k] = v === 'true' ? true : v === 'false' ? false : v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  return out;
}

export function registerPlatform(program: Command): void {
  addServerOptions(program.command('submit <file>').description('submit a method file to a challenge; the server runs and scores it'))
    .requiredOption('--challenge <name>', 'the challenge')
    .option('--seeds <n>', 'seeds to run (≥ 5 for a forum result)', intArg(1), 5)
    .option('--param <name=value>', 'a method parameter (repeatable)', collect)
    .option('--final', 'also score on the final part (a few per researcher)')
    .option('--parent <snapshot>', 'the snapshot this method grew from')
    .option('--no-wait', 'print the submission id and return')
    .action(async (file: string, o: ServerFlags & { challenge: string; seeds: number; param?: string[]; final?: boolean; parent?: string; wait: boolean }) => {
      const client = clientFrom(o);
      const source = readFileSync(file, 'utf8');
      const s = await client.submit(o.challenge, { method: source, params: typedParams(o.param), seeds: o.seeds, final: Boolean(o.final), parent: o.parent });
      process.stderr.write(`submission ${s.id} queued (snapshot ${s.snapshot_id.slice(0, 12)})\n`);
      if (!o.wait) return void process.stdout.write(`${JSON.stringify(s)}\n`);
      const done = await client.wait(s.id);
      if (done.status === 'failed') {
        process.stderr.write(`${done.logs ?? ''}\n`);
        throw new Error(`submission ${s.id} failed: ${done.error}`);
      }
      process.stdout.write(`${JSON.stringify(done)}\n`);
      process.stderr.write(`released dev accuracy ${show(done.released?.accuracy)}, PGR ${show(done.released?.pgr)}\n`);
    });

  addServerOptions(program.command('leaderboard <challenge>').description('a challenge\'s leaderboard as the server recomputes it'))
    .option('--json', 'one JSON object on stdout')
    .action(async (name: string, o: ServerFlags & { json?: boolean }) => {
      const board = await clientFrom(o).leaderboard(name);
      if (o.json) return void process.stdout.write(`${JSON.stringify(board)}\n`);
      const rows = board.rows.map((r) => {
        const f = r.final_scores;
        return [String(r.submission_id), r.researcher, r.snapshot_id.slice(0, 12), String(r.seeds), show(r.released?.accuracy), show(r.released?.pgr),
          f ? `${show(f.pgr.estimate)} [${show(f.pgr.low)}, ${show(f.pgr.high)}]` : '-', f ? `${show(f.vs_vanilla.estimate)} [${show(f.vs_vanilla.low)}, ${show(f.vs_vanilla.high)}]` : '-'];
      });
      process.stdout.write(`${table(['id', 'researcher', 'snapshot', 'seeds', 'dev acc', 'dev PGR', 'final PGR [95%]', 'vs vanilla [95%]'], rows, 'rllrrrll')}\n`);
      if (!board.revealed) process.stdout.write('\nDev scores as the Ladder released them; final scores appear when the challenge is revealed.\n');
    });

  addServerOptions(program.command('post <title>').description('post a finding to the forum'))
    .requiredOption('--type <type>', 'result, hypothesis or negative')
    .option('--body <text>', 'the finding (or --body-file)')
    .option('--body-file <file>', 'read the body from a file')
    .option('--submission <id>', 'the submission it rests on (required for a result: ≥ 5 seeds)', intArg(1))
    .option('--challenge <name>', 'the challenge it is about')
    .action(async (title: string, o: ServerFlags & { type: string; body?: string; bodyFile?: string; submission?: number; challenge?: string }) => {
      if (!['result', 'hypothesis', 'negative'].includes(o.type)) throw new UsageError(`--type must be result, hypothesis or negative, got "${o.type}"`);
      const body = o.bodyFile ? readFileSync(o.bodyFile, 'utf8') : o.body;
      if (!body) throw new UsageError('give --body TEXT or --body-file FILE');
      const f = await clientFrom(o).post({ type: o.type as 'result', title, body, submission_id: o.submission, challenge: o.challenge });
      process.stdout.write(`${JSON.stringify(f)}\n`);
    });
}
