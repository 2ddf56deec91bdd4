/** `w2s pretrain`: pretrain and cache the ladder's encoders (and features) for a task's texts. */
import type { Command } from 'commander';
import { modelName } from '../../models/kinds/index.js';
import { listModels } from '../../models/ladder.js';
import { loadSource, sourceName, type DataSource } from '../../protocol/data.js';
import { modelFeatures } from '../../protocol/features.js';
import { listTasks } from '../../tasks/index.js';
import { asUsage, UsageError } from '../errors.js';
import { addSourceOptions, DEFAULT_CACHE, modelFlag, intArg, listArg, sourceFrom, type SourceFlags } from '../options.js';
import { pretrainEvents } from '../pretrain-events.js';
import { formatDuration } from '../progress.js';
import { runGeneralPretrain } from './pretrain-general.js';

interface PretrainFlags extends SourceFlags {
  models?: string[];
  cache: string;
  threads?: number;
  general?: boolean;
  steps?: number;
  out?: string;
}

const EXAMPLES = `
Examples:
  $ w2s pretrain                          # every built-in task, every ladder model
  $ w2s pretrain --task spam --models xs,l
  $ w2s pretrain --data reviews.jsonl --text-field body --models s,m
  $ w2s pretrain --general                # rebuild the shipped general ladder (models/ladder/; npm run pretrain:ladder)

Runs pretrain what they need on first use anyway; this does it up front (e.g. before a sweep).
The cache key includes the texts, so use the same --limit as the runs that should find it.`;

export function registerPretrain(program: Command): void {
  addSourceOptions(program.command('pretrain').description('pretrain and cache ladder models on a task\'s texts (progress and ETA on stderr)'))
    .option('--models <list>', 'ladder models, comma-separated (default: all)', listArg)
    .option('--cache <dir>', 'cache directory', DEFAULT_CACHE)
    .option('--threads <n>', 'compute threads', intArg(1))
    .option('--general', 'build the general ladder (every rung pretrained on the Brown corpus) instead of a task\'s encoders')
    .option('--steps <n>', 'with --general: pretraining steps per rung (default: the shipped recipe)', intArg(1))
    .option('--out <dir>', 'with --general: where to write it (default: the shipped models/ladder/)')
    .addHelpText('after', EXAMPLES)
    .action(async (o: PretrainFlags) => {
      if (o.general) return runGeneralPretrain({ models: o.models, threads: o.threads, steps: o.steps, out: o.out });
      const models = (o.models ?? listModels().map((m) => m.name)).map((m) => modelFlag('--models', 'text', m));
      const uncached = models.find((m) => m.kind !== 'ladder' && m.kind !== 'hf');
      if (uncached) throw new UsageError(`--models: ${modelName(uncached)} has nothing to pretrain or cache; give ladder models (see \`w2s models\`) or hf:DIR folders`);
      const sources: DataSource[] = [sourceFrom(o, false) ?? listTasks().map((t) => ({ task: t.name, limit: o.limit }))].flat();
      for (const source of sources) {
        const ds = await asUsage(() => loadSource(source));
        const name = sourceName(source);
        if (ds.kind === 'features') {
          process.stdout.write(`${name}: a feature-matrix dataset; nothing to pretrain\n`);
          continue;
        }
        for (const model of models) {
          let pretrained = false;
          const events = pretrainEvents({ cacheDir: o.cache });
          const t0 = performance.now();
          const f = await modelFeatures(ds, name, model, {
            cacheDir: o.cache,
            threads: o.threads,
            events: { ...events, onPretrainStart: (i) => ((pretrained = true), events.onPretrainStart!(i)) },
          });
          events.finishAll();
          const how = pretrained ? `pretrained in ${formatDuration((performance.now() - t0) / 1000)}` : 'cached';
          process.stdout.write(`${name} ${modelName(model)}: ${how} (${f.params} parameters, ${f.dim}-dim features of ${ds.examples.length} texts)\n`);
        }
      }
    });
}
