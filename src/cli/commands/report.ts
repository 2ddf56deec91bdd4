/** `w2s report`: an HTML report (with PNG/SVG charts) of the runs in the store. */
import type { Command } from 'commander';
import { summarize } from '../../protocol/summary.js';
import { writeReport } from '../../report/index.js';
import { UsageError } from '../errors.js';
import { DEFAULT_STORE, intArg, listArg } from '../options.js';
import { loadRecords, openExistingStore } from '../records.js';
import { buildReportInput } from '../report-input.js';

interface ReportFlags {
  store: string;
  out: string;
  task?: string[];
  method?: string[];
  title?: string;
  samples: number;
}

const EXAMPLES = `
Examples:
  $ w2s report                                  # every run in .w2s/results.db -> w2s-report/report.html
  $ w2s report --task spam --method vanilla,logconf --out spam-report
  $ w2s report --store sweep.db --title "Ladder sweep"`;

const collectList = (v: string, prev: string[] = []) => [...prev, ...listArg(v)];

/** Summarises the records and writes the report; returns the path of report.html. */
export async function writeStoreReport(o: { storePath: string; out: string; tasks?: string[]; methods?: string[]; runKeys?: string[]; title?: string; samples: number }): Promise<string> {
  const store = openExistingStore(o.storePath);
  try {
    const records = loadRecords(store, { tasks: o.tasks, methods: o.methods, runKeys: o.runKeys });
    if (records.length === 0 && (o.tasks?.length || o.methods?.length)) {
      throw new UsageError(`no runs in ${o.storePath} match --task ${o.tasks?.join(',') || '(any)'} --method ${o.methods?.join(',') || '(any)'}`);
    }
    const groups = summarize(records, { samples: o.samples, seed: 0 });
    const input = buildReportInput(groups, { title: o.title, codeVersions: [...new Set(records.map((r) => r.codeVersion))], samples: o.samples });
    return (await writeReport(input, o.out)).html;
  } finally {
    store.close();
  }
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write an HTML report (summary table, PGR, accuracy vs size, calibration, diagnostics) from the results store')
    .option('--store <path>', 'results store', DEFAULT_STORE)
    .option('--out <dir>', 'output folder', 'w2s-report')
    .option('--task <names>', 'only these tasks (comma-separated or repeated)', collectList)
    .option('--method <names>', 'only these methods (comma-separated or repeated)', collectList)
    .option('--title <text>', 'report title')
    .option('--samples <n>', 'bootstrap replicates for the intervals', intArg(100), 2000)
    .addHelpText('after', EXAMPLES)
    .action(async (o: ReportFlags) => {
      const html = await writeStoreReport({ storePath: o.store, out: o.out, tasks: o.task, methods: o.method, title: o.title, samples: o.samples });
      process.stdout.write(`${html}\n`);
    });
}
