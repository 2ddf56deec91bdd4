/** `w2s tasks`: the built-in tasks with their kind, classes and size. */
import type { Command } from 'commander';
import { listTasks } from '../../tasks/index.js';
import { table } from '../format.js';

export function registerTasks(program: Command): void {
  program
    .command('tasks')
    .description('list the built-in tasks (name, kind, classes, size, description)')
    .option('--json', 'one JSON array on stdout')
    .addHelpText('after', '\nExamples:\n  $ w2s tasks\n  $ w2s tasks --json')
    .action(async (o: { json?: boolean }) => {
      const rows = [];
      for (const t of listTasks()) {
        const ds = await t.load();
        rows.push({ name: t.name, kind: t.kind, classes: ds.classes, size: ds.examples.length, description: t.description });
      }
      if (o.json) return void process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
      const classes = (c: string[]) => (c.length <= 4 ? c.join('/') : `${c.length}: ${c.slice(0, 3).join('/')}/…`);
      process.stdout.write(`${table(['name', 'kind', 'classes', 'size', 'description'], rows.map((r) => [r.name, r.kind, classes(r.classes), String(r.size), r.description]), 'lllrl')}\n`);
    });
}
