/** `w2s models`: the model kinds a --weak/--strong name can be, the ladder with parameter counts, and what is installed. */
import type { Command } from 'commander';
import { listModelKinds } from '../../models/kinds/index.js';
import { DEFAULT_TEXT, encoderParams, listModels } from '../../models/ladder.js';
import { ladderSource, readManifest, type LadderManifest } from '../../models/general/index.js';
import { table } from '../format.js';

export function formatCount(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n);
}

/** The listing as data: the ladder's rungs, every kind with the data it applies to, and what each has installed. */
export function modelsListing() {
  // The rungs' pretraining: the shipped general ladder's (its manifest), or with W2S_LADDER=task the steps each rung takes on the task's text.
  const source = ladderSource();
  let manifest: LadderManifest | null = null;
  if (source.kind === 'general') {
    try {
      manifest = readManifest(source.dir);
    } catch {
      manifest = null;
    }
  }
  return {
    pretrained_on: manifest && source.kind === 'general' ? `the general ladder (${manifest.corpus.name}, ${source.dir})` : "each task's texts (W2S_LADDER=task)",
    ladder: listModels().map((m) => {
      const rung = manifest?.rungs[m.name];
      return { name: m.name, description: m.description, params: encoderParams(m, DEFAULT_TEXT), pretrain_steps: rung?.pretrain.steps ?? m.pretrain.steps, ...(rung ? { heldout_mlm_loss: rung.heldout_loss } : {}) };
    }),
    kinds: listModelKinds().map((k) => ({
      kind: k.kind,
      syntax: k.syntax,
      example: k.example,
      data: [...k.data],
      finetunable: k.finetunable,
      description: k.description,
      installed: k.installed?.() ?? [],
    })),
  };
}

export function formatModels(l: ReturnType<typeof modelsListing>): string {
  const ladder = table(['name', 'encoder', 'params', 'pretrain steps', 'held-out MLM loss'], l.ladder.map((r) => [r.name, r.description, formatCount(r.params), String(r.pretrain_steps), r.heldout_mlm_loss?.toFixed(3) ?? '-']), 'll');
  const kinds = table(
    ['kind', 'written', 'data', 'finetune', 'what it is'],
    l.kinds.map((k) => [k.kind, k.syntax, k.data.join(','), k.finetunable ? 'yes' : 'no', k.description]),
    'lllll',
  );
  const installed = l.kinds.filter((k) => k.installed.length > 0).flatMap((k) => k.installed.map((line) => `  ${k.kind}: ${line}`));
  return [
    ladder,
    `(params at vocabulary ${DEFAULT_TEXT.vocabSize}, ${DEFAULT_TEXT.maxLen} tokens; pretrained on ${l.pretrained_on})`,
    '',
    'Model kinds (what --weak and --strong can name; --student finetune needs finetune = yes):',
    kinds,
    '',
    'Installed:',
    ...installed,
  ].join('\n');
}

export function registerModels(program: Command): void {
  program
    .command('models')
    .description('list the model kinds (ladder, ngram, hf:DIR, raw, projN, file:PATH), the ladder with parameter counts, and what is installed')
    .option('--json', 'one JSON object {ladder, kinds} on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ w2s models\n  $ w2s run --task spam --weak xs --strong m\n  $ w2s run --task spam --weak ngram --strong l            # classical -> neural\n  $ w2s run --task spam --strong hf:./models/all-MiniLM-L6-v2\n  $ w2s run --data x.npy --labels y.npy --weak proj8 --strong raw',
    )
    .action((o: { json?: boolean }) => {
      const l = modelsListing();
      process.stdout.write(o.json ? `${JSON.stringify(l, null, 1)}\n` : `${formatModels(l)}\n`);
    });
}
