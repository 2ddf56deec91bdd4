/** `w2s bench methods`: every method on every built-in task, several seeds, as a markdown table and a report. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { listMethods } from '../../methods/index.js';
import { expandGrid, planRuns } from '../../protocol/sweep.js';
import { codeVersion } from '../../store/index.js';
import { listTasks } from '../../tasks/index.js';
import { writeFileAtomicSync } from '../../util/fs.js';
import { benchMarkdown } from '../bench-table.js';
import { asUsage, UsageError } from '../errors.js';
import { summaryTable } from '../format.js';
import { DEFAULT_CACHE, intArg, studentFrom, studentOptions } from '../options.js';
import { executeRuns } from '../sweep-runner.js';
import { writeStoreReport } from './report.js';

interface BenchFlags {
  tasks?: string;
  methods?: string;
  seeds: number;
  workers?: number;
  store: string;
  cache: string;
  out: string;
  report: string;
  samples: number;
  student?: string;
  finetuneLayers?: string;
  finetuneEpochs?: number;
}

const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

export function registerBench(program: Command): void {
  const bench = program.command('bench').description('benchmarks of the lab');
  studentOptions(bench
    .command('methods')
    .description('run every method on every built-in task (default weak/strong, several seeds) and write a markdown table and a report')
    .option('--tasks <list>', 'comma-separated tasks (default: every built-in task)')
    .option('--methods <list>', 'comma-separated methods (default: every registered method)')
    .option('--seeds <n>', 'seeds per cell', intArg(2), 5)
    .option('--workers <n>', 'worker processes (default: number of cores)', intArg(1))
    .option('--store <path>', 'results store (resumable)', '.w2s/bench.db')
    .option('--cache <dir>', 'cache directory', DEFAULT_CACHE)
    .option('--out <file>', 'the markdown table', 'docs/methods-benchmark.md')
    .option('--report <dir>', 'the HTML report', 'w2s-bench-report')
    .option('--samples <n>', 'bootstrap replicates', intArg(100), 2000))
    .addHelpText('after', '\nExamples:\n  $ w2s bench methods\n  $ w2s bench methods --tasks spam --methods vanilla,logconf --seeds 5\n  $ w2s bench methods --student probe\n\nInterrupted? Rerun the same command: stored runs are skipped.')
    .action(async (o: BenchFlags, cmd: Command) => {
      const verbose = Boolean(cmd.optsWithGlobals().verbose);
      const tasks = list(o.tasks) ?? listTasks().map((t) => t.name);
      const methods = list(o.methods) ?? listMethods().map((m) => m.name);
      if (!methods.includes('vanilla')) throw new UsageError('--methods must include vanilla: every method is compared with it');
      const students = studentFrom(o);
      const runs = await asUsage(() => planRuns(expandGrid({ tasks, methods, seeds: o.seeds, ...(students.student ? { student: [students.student] } : {}), ...(students.finetune ? { finetune: students.finetune } : {}) })));
      const { groups, keys, failures, pending } = await executeRuns(runs, { ...o, verbose });
      process.stdout.write(`${summaryTable(groups)}\n`);
      const command = `w2s bench methods${o.tasks ? ` --tasks ${o.tasks}` : ''}${o.methods ? ` --methods ${o.methods}` : ''} --seeds ${o.seeds}${students.student ? ` --student ${students.student}` : ''}`;
      mkdirSync(dirname(o.out), { recursive: true });
      writeFileAtomicSync(o.out, benchMarkdown(groups, { command, seeds: o.seeds, ...(students.student ? { student: students.student } : {}), date: new Date().toISOString().slice(0, 10), codeVersion: codeVersion() }));
      process.stderr.write(`table: ${o.out}\n`);
      const html = await writeStoreReport({ storePath: o.store, out: o.report, runKeys: keys, samples: o.samples });
      process.stderr.write(`report: ${html}\n`);
      if (failures.length) throw new Error(`${failures.length} of ${pending} runs failed (listed above); rerun the same command to retry them`);
    });
}
