/** `w2s research`: automated researchers against a server (or an embedded one), and `w2s research export`. */
import { InvalidArgumentError, type Command } from 'commander';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { W2sClient } from '../../server/client.js';
import '../../research/kinds.js';
import { listResearchers } from '../../research/researcher.js';
import { runResearchers } from '../../research/run.js';
import { parseResearchers } from '../../research/spec.js';
import { reportTables, summarise, type ResearchReport } from '../../research/summary.js';
import { startEmbedded, type EmbeddedServer } from '../../research/embedded.js';
import { UsageError, asUsage } from '../errors.js';
import { table } from '../format.js';
import { collect, intArg, listArg, parseParams } from '../options.js';

interface ResearchFlags {
  researchers: string; challenge: string[]; minutes: number; out: string; seeds: number;
  server?: string; token?: string; home?: string; cache?: string; workers: number; threads?: number; methodMinutes: number; eta?: number;
  maxSubmissions?: number; maxCostUsd?: number; maxTokens?: number;
  llmUrl?: string; llmModel?: string; llmKeyEnv?: string; option?: string[]; json?: boolean;
}

const positive = (flag: string) => (v: string): number => {
  const x = Number(v);
  if (!(x > 0) || !Number.isFinite(x)) throw new InvalidArgumentError(`${flag} must be a positive number, got "${v}"`);
  return x;
};

const say = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

/** The researcher kinds that talk to an LLM provider (src/research/llm): the --llm-* flags are their options url, model and keyEnv. */
const LLM_KINDS = ['openai', 'anthropic'];

/** The kinds' options: --option KEY=VALUE (KIND.KEY for one kind) plus the LLM provider flags, given to the LLM kinds only. */
function optionsOf(o: ResearchFlags): Record<string, string> {
  const out: Record<string, string> = { ...parseParams(o.option) };
  for (const [flag, key] of [[o.llmUrl, 'url'], [o.llmModel, 'model'], [o.llmKeyEnv, 'keyEnv']] as const) {
    if (flag !== undefined) for (const kind of LLM_KINDS) out[`${kind}.${key}`] = flag;
  }
  return out;
}

function printReport(r: ResearchReport, json: boolean): void {
  if (json) return void process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  const [best, people] = reportTables(r);
  process.stdout.write(`${table(best.head, best.rows)}\n\n${table(people.head, people.rows)}\n`);
  process.stdout.write(`\ncost: ${r.cost.tokensIn + r.cost.tokensOut} tokens, $${r.cost.usd.toFixed(4)}, ${r.cost.wallSeconds.toFixed(0)} s wall\n`);
}

export function registerResearch(program: Command): void {
  const research = program
    .command('research')
    .description('run automated researchers (offline search, LLMs) on challenges of a server, or of an embedded one; writes best-<challenge>.ts and research.json (docs/research.md)')
    .option('--researchers <spec>', `KIND:N[,KIND:N…]; kinds: ${listResearchers().map((k) => k.kind).join(', ')}`, 'offline:1')
    .option('--challenge <name>', 'a challenge (repeatable, or a comma list)', (v: string, prev: string[] = []) => [...prev, ...listArg(v)])
    .option('--minutes <m>', 'wall-clock budget of the run', positive('--minutes'), 60)
    .option('--out <dir>', 'where researchers work and the results go')
    .option('--seeds <n>', 'seeds per submission (at least 5)', intArg(5), 5)
    .option('--server <url>', 'a running server (default: an embedded one on --home)')
    .option('--token <token>', 'with --server: the token every researcher uses (default: $W2S_TOKEN)')
    .option('--home <dir>', 'embedded server: its home (default: OUT/server); missing challenges are added from the built-in tasks')
    .option('--cache <dir>', 'embedded server: model cache (default: HOME/cache)')
    .option('--workers <n>', 'embedded server: submissions run at once', intArg(1), 2)
    .option('--threads <n>', 'embedded server: compute threads per job', intArg(1))
    .option('--method-minutes <n>', 'embedded server: wall-time limit of each seed\'s method process', intArg(1), 10)
    .option('--eta <step>', 'embedded server: the Ladder\'s step for challenges it adds', positive('--eta'))
    .option('--max-submissions <n>', 'submissions per researcher at most', intArg(1))
    .option('--max-cost-usd <x>', 'LLM dollars over the whole run (split evenly between researchers)', positive('--max-cost-usd'))
    .option('--max-tokens <n>', 'LLM tokens over the whole run (split evenly between researchers)', intArg(1))
    .option('--llm-url <url>', 'LLM kinds: the provider\'s base URL (an OpenAI-compatible server such as llama.cpp\'s, or an API)')
    .option('--llm-model <name>', 'LLM kinds: the model')
    .option('--llm-key-env <var>', 'LLM kinds: the environment variable holding the API key')
    .option('--option <key=value>', 'an option for the kinds (KIND.key=value for one kind only; repeatable)', collect)
    .option('--json', 'print the report as JSON instead of tables')
    .addHelpText('after', [
      '',
      'Examples:',
      '  $ w2s research --researchers offline:2 --challenge spam --minutes 60 --out research-spam',
      '  $ w2s research --researchers offline:1,openai:1 --llm-url http://127.0.0.1:8080/v1 --llm-model qwen --challenge spam --out r',
      '  $ w2s research --server http://srv:8787 --token $W2S_TOKEN --challenge spam --minutes 30 --out r',
      '  $ w2s research export --from research-spam --challenge spam --out best.ts',
    ].join('\n'))
    .action(async (o: ResearchFlags) => {
      if (!o.out) throw new UsageError('give --out DIR: where the researchers work and the results go');
      if (!o.challenge?.length) throw new UsageError('give --challenge NAME (repeatable, or a comma list)');
      const specs = await asUsage(() => parseResearchers(o.researchers));
      const out = resolve(o.out);
      mkdirSync(out, { recursive: true });
      const startedAt = new Date();
      let embedded: EmbeddedServer | undefined;
      let clientFor: (name: string) => W2sClient;
      if (o.server) {
        const token = o.token ?? process.env.W2S_TOKEN;
        if (!token) throw new UsageError('with --server, give --token TOKEN or set W2S_TOKEN');
        const client = new W2sClient(o.server, token);
        clientFor = () => client;
      } else {
        const home = resolve(o.home ?? join(out, 'server'));
        embedded = await asUsage(() => startEmbedded({
          home, cacheDir: o.cache ?? join(home, 'cache'), challenges: o.challenge, seeds: o.seeds, eta: o.eta,
          workers: o.workers, threads: o.threads, methodMinutes: o.methodMinutes, log: say,
        }));
        say(`embedded server ${embedded.server.url} on ${home}`);
        clientFor = (name) => embedded!.clientFor(name);
      }
      const abort = new AbortController();
      const stop = () => { say('stopping: researchers finish their current step'); abort.abort(); };
      process.once('SIGINT', stop);
      try {
        const runs = await runResearchers({
          specs, challenges: o.challenge, options: optionsOf(o), minutes: o.minutes, maxTokens: o.maxTokens, maxCostUsd: o.maxCostUsd,
          maxSubmissions: o.maxSubmissions, seeds: o.seeds, out, clientFor, log: say, signal: abort.signal,
        });
        embedded?.reveal();
        const report = await summarise(runs, clientFor(runs[0]?.result.name ?? 'report'), { out, startedAt, minutes: o.minutes, server: o.server ?? embedded!.server.url });
        printReport(report, Boolean(o.json));
        say(`wrote ${join(out, 'research.json')}${report.challenges.filter((c) => c.best).map((c) => `, ${c.best!.file}`).join('')}`);
      } finally {
        process.removeListener('SIGINT', stop);
        await embedded?.close();
      }
    });

  // `research` and `research export` share --challenge and --out, which the parent parses: export reads them from there.
  research
    .command('export')
    .description('write the best method of a research run on a challenge as a self-contained method file')
    .requiredOption('--from <dir>', 'the run\'s --out folder (holds research.json)')
    .option('--challenge <name>', 'the challenge')
    .option('--out <file>', 'the method file to write (`w2s run --method FILE` runs it)')
    .action((o: { from: string; challenge?: string; out?: string }) => {
      const parent = research.opts() as { challenge?: string[]; out?: string };
      const challenge = o.challenge ?? parent.challenge?.[0];
      const file = o.out ?? parent.out;
      if (!challenge || !file) throw new UsageError('give --challenge NAME and --out FILE');
      const json = join(o.from, 'research.json');
      if (!existsSync(json)) throw new UsageError(`${json} does not exist: give the --out folder of a finished \`w2s research\` run`);
      const report = JSON.parse(readFileSync(json, 'utf8')) as ResearchReport;
      const c = report.challenges.find((x) => x.challenge === challenge);
      if (!c) throw new UsageError(`the run in ${o.from} has no challenge ${challenge}; it has: ${report.challenges.map((x) => x.challenge).join(', ')}`);
      if (!c.best) throw new UsageError(`the run in ${o.from} found no scored method on ${challenge}`);
      copyFileSync(join(o.from, `best-${challenge}.ts`), file);
      process.stderr.write(`wrote ${file}: ${c.best.description} (dev PGR ${c.best.released.pgr ?? 'n/a'})\n`);
    });
}
