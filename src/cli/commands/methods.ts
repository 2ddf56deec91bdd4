/** `w2s methods`: every registered method, one line each, with its parameters and defaults. */
import type { Command } from 'commander';
import { listMethods } from '../../methods/index.js';

export function registerMethods(program: Command): void {
  program
    .command('methods')
    .description('list the weak-to-strong methods and their parameters (set with --param NAME=VALUE)')
    .option('--json', 'one JSON array on stdout')
    .addHelpText('after', '\nExamples:\n  $ w2s methods\n  $ w2s run --task spam --method vanilla --param hard=true\n  $ w2s run --task spam --method ./my-method.ts')
    .action((o: { json?: boolean }) => {
      const methods = listMethods();
      if (o.json) {
        const rows = methods.map((m) => ({ name: m.name, description: m.description, params: m.params }));
        return void process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
      }
      const width = Math.max(...methods.map((m) => m.name.length));
      const lines: string[] = [];
      for (const m of methods) {
        lines.push(`${m.name.padEnd(width)}  ${m.description}`);
        for (const p of m.params) lines.push(`${' '.repeat(width)}    ${p.name}=${String(p.default)} (${p.type})  ${p.description}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
