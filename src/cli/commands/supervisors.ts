/** `w2s supervisors`: the kinds of weak supervisor `--weak` can name, and whether what each needs is installed. */
import type { Command } from 'commander';
import { flagName, listSupervisorKinds } from '../../supervisors/index.js';

export function registerSupervisors(program: Command): void {
  program
    .command('supervisors')
    .description('list the kinds of weak supervisor (--weak NAME): models trained here, rules, label files, LLMs')
    .option('--json', 'one JSON array on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ w2s supervisors\n  $ w2s run --task spam --weak llm:http://127.0.0.1:8080/v1 --weak-model qwen2.5-0.5b-instruct\n  $ w2s run --task spam --weak gguf:models/qwen2.5-0.5b-instruct-q4_k_m.gguf\n\nSee docs/supervisors.md for LLM endpoints, prompts, caching and costs.',
    )
    .action(async (o: { json?: boolean }) => {
      const rows = await Promise.all(
        listSupervisorKinds().map(async (k) => ({
          kind: k.kind,
          syntax: k.syntax,
          description: k.description,
          flags: k.flags.map(flagName),
          status: k.status ? await k.status() : 'built in',
        })),
      );
      if (o.json) return void process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
      const width = Math.max(...rows.map((r) => r.syntax.length)) + 2;
      const pad = ' '.repeat(width);
      const blocks = rows.map((r) =>
        [
          `${r.syntax.padEnd(width)}${r.description}`,
          ...(r.flags.length ? [`${pad}flags: ${r.flags.join(' ')}`] : []),
          ...(r.status !== 'built in' ? [`${pad}${r.status}`] : []),
        ].join('\n'),
      );
      process.stdout.write(`${blocks.join('\n')}\n`);
    });
}
