/** `w2s models`: the model ladder with parameter counts. */
import type { Command } from 'commander';
import { DEFAULT_TEXT, encoderParams, listModels } from '../../models/ladder.js';
import { table } from '../format.js';

export function formatCount(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n);
}

export function registerModels(program: Command): void {
  program
    .command('models')
    .description('list the ladder of text models (weak and strong students) with parameter counts')
    .option('--json', 'one JSON array on stdout')
    .addHelpText(
      'after',
      '\nFor feature-matrix data (--data with --features-field) the models are "raw" (your features) and "projN" (a random N-dim projection).' +
        '\n\nExamples:\n  $ w2s models\n  $ w2s run --task spam --weak xs --strong m',
    )
    .action((o: { json?: boolean }) => {
      const rows = listModels().map((m) => ({ name: m.name, description: m.description, params: encoderParams(m, DEFAULT_TEXT), pretrain_steps: m.pretrain.steps }));
      if (o.json) return void process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
      const body = table(['name', 'encoder', 'params', 'pretrain steps'], rows.map((r) => [r.name, r.description, formatCount(r.params), String(r.pretrain_steps)]), 'll');
      process.stdout.write(`${body}\n(params at vocabulary ${DEFAULT_TEXT.vocabSize}, ${DEFAULT_TEXT.maxLen} tokens)\n`);
    });
}
