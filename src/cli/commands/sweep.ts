/** `w2s sweep GRID.json`: a grid of runs in parallel worker processes, resumable through the store. */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { listModels } from '../../models/ladder.js';
import { loadSource } from '../../protocol/data.js';
import { summarize } from '../../protocol/summary.js';
import { expandGrid, parseGrid, planRuns, prepareFeatures, type PlannedRun } from '../../protocol/sweep.js';
import { runPool } from '../../protocol/sweep-pool.js';
import { hasRun, openStore } from '../../store/index.js';
import { asUsage, UsageError } from '../errors.js';
import { fmt, summaryTable } from '../format.js';
import { jsonLine, summaryJson } from '../json.js';
import { checkModel, cores, DEFAULT_CACHE, DEFAULT_STORE, intArg } from '../options.js';
import { pretrainEvents } from '../pretrain-events.js';
import { Progress } from '../progress.js';
import { loadRecords } from '../records.js';
import { writeStoreReport } from './report.js';

interface SweepFlags {
  workers?: number;
  store: string;
  cache: string;
  report?: string;
  samples: number;
  json?: boolean;
  dryRun?: boolean;
}

const EXAMPLES = `
Grid file (JSON):
  {
    "tasks": ["spam", "pos"],            // task names, or {"data": "file.jsonl", "dataOptions": {...}}
    "weak": ["xs"],                      // optional: the data's default
    "strong": ["s", "m", "l"],           // optional: the data's default
    "methods": ["vanilla", {"name": "vanilla", "params": {"hard": true}}],
    "seeds": 3,                          // a count or a list, e.g. [0, 1, 2]
    "limit": 2000,                       // optional: examples per task
    "probe": {"hidden": [128]}           // optional: probe overrides
  }

Examples:
  $ w2s sweep grid.json
  $ w2s sweep grid.json --workers 4 --report sweep-report
  $ w2s sweep grid.json --dry-run

Every run is saved as it finishes; rerunning an interrupted sweep skips the stored runs.`;

async function readGrid(file: string) {
  if (/^\.ya?ml$/i.test(extname(file))) throw new UsageError(`${file}: YAML is not supported; write the grid as JSON (see \`w2s sweep --help\`)`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return asUsage(() => parseGrid(value, file));
}

/** Plans the grid's runs, checking every task, model and method name first. */
async function plan(file: string): Promise<PlannedRun[]> {
  const grid = await readGrid(file);
  const runs = await asUsage(() => planRuns(expandGrid(grid)));
  const ladder = () => listModels().map((m) => m.name);
  for (const r of runs) {
    const ds = await loadSource(r.cfg.source);
    checkModel(ds.kind, r.cfg.weak, ladder);
    checkModel(ds.kind, r.cfg.strong, ladder);
  }
  return runs;
}

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run a grid of experiments in parallel worker processes (resumable), then summarise')
    .argument('<grid.json>', 'the grid file')
    .option('--workers <n>', 'worker processes (default: number of cores)', intArg(1))
    .option('--store <path>', 'results store (SQLite, shared by the workers)', DEFAULT_STORE)
    .option('--cache <dir>', 'cache directory', DEFAULT_CACHE)
    .option('--report <dir>', 'also write the HTML report of the sweep here')
    .option('--samples <n>', 'bootstrap replicates for the intervals', intArg(100), 2000)
    .option('--json', 'print one JSON array of group summaries on stdout')
    .option('--dry-run', 'list the runs and whether they are stored, run nothing')
    .addHelpText('after', EXAMPLES)
    .action(async (file: string, o: SweepFlags, cmd: Command) => {
      const verbose = Boolean(cmd.optsWithGlobals().verbose);
      const runs = await plan(file);
      const store = openStore(o.store);
      const pending = runs.filter((r) => !hasRun(store, r.runKey));
      store.close();
      const workers = Math.max(1, Math.min(o.workers ?? cores(), pending.length || 1));
      const threads = Math.max(1, Math.floor(cores() / workers));
      if (o.dryRun) {
        for (const r of runs) process.stdout.write(`${pending.includes(r) ? 'to run' : 'stored'}  ${r.label}  ${r.runKey}\n`);
        return;
      }
      process.stderr.write(`sweep: ${runs.length} runs, ${runs.length - pending.length} already stored, ${pending.length} to run on ${workers} worker(s) x ${threads} thread(s)\n`);

      const events = pretrainEvents({ cacheDir: o.cache });
      await prepareFeatures(pending, { cacheDir: o.cache, threads: cores(), events });
      events.finishAll();

      const failures: string[] = [];
      if (pending.length > 0) {
        const bar = new Progress('sweep', pending.length);
        const pool = runPool(pending, {
          workers, threads, storePath: o.store, cacheDir: o.cache,
          onResult: (run, r) => bar.tick(1, `${run.label}: PGR ${fmt(r.test.pgr, 2)}`),
          onFailure: (run, message, stack) => {
            failures.push(`${run.label}: ${message}`);
            bar.log(`failed: ${run.label}: ${verbose && stack ? stack : message}`);
            bar.tick(1);
          },
        });
        const onSignal = () => {
          pool.abort();
          bar.log('sweep interrupted: finished runs are stored; rerun the same command to resume');
          process.exit(130);
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          await pool.done;
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
        bar.finish();
      }

      const keys = runs.map((r) => r.runKey);
      const reader = openStore(o.store);
      const groups = summarize(loadRecords(reader, { runKeys: keys }), { samples: o.samples, seed: 0 });
      reader.close();
      if (o.json) process.stdout.write(jsonLine(groups.map((g) => summaryJson(g))));
      else process.stdout.write(`${summaryTable(groups)}\n`);
      if (o.report) {
        const html = await writeStoreReport({ storePath: o.store, out: o.report, runKeys: keys, samples: o.samples });
        process.stderr.write(`report: ${html}\n`);
      }
      if (failures.length) throw new Error(`${failures.length} of ${pending.length} runs failed (listed above); rerun the same command to retry them`);
    });
}
