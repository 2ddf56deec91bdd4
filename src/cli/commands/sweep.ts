/** `w2s sweep GRID.json`: a grid of runs in parallel worker processes, resumable through the store. */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { expandGrid, parseGrid, planRuns, type PlannedRun } from '../../protocol/sweep.js';
import { executeRuns } from '../sweep-runner.js';
import { hasRun, openStore } from '../../store/index.js';
import { asUsage, UsageError } from '../errors.js';
import { summaryTable } from '../format.js';
import { jsonLine, summaryJson } from '../json.js';
import { DEFAULT_CACHE, DEFAULT_STORE, intArg } from '../options.js';
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

/** Plans the grid's runs; planRuns parses every task, model and method name first. */
async function plan(file: string): Promise<PlannedRun[]> {
  const grid = await readGrid(file);
  const runs = await asUsage(() => planRuns(expandGrid(grid)));
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
      if (o.dryRun) {
        const store = openStore(o.store);
        for (const r of runs) process.stdout.write(`${hasRun(store, r.runKey) ? 'stored' : 'to run'}  ${r.label}  ${r.runKey}\n`);
        store.close();
        return;
      }
      const { groups, keys, failures, pending } = await executeRuns(runs, { ...o, verbose });
      if (o.json) process.stdout.write(jsonLine(groups.map((g) => summaryJson(g))));
      else process.stdout.write(`${summaryTable(groups)}\n`);
      if (o.report) {
        const html = await writeStoreReport({ storePath: o.store, out: o.report, runKeys: keys, samples: o.samples });
        process.stderr.write(`report: ${html}\n`);
      }
      if (failures.length) throw new Error(`${failures.length} of ${pending} runs failed (listed above); rerun the same command to retry them`);
    });
}
