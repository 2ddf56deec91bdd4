/**
 * Method files for recipes: a readable TypeScript file that calls the steps
 * (steps.ts) in order with the recipe's parameters written out, and its
 * self-contained form — the same file bundled with everything it imports into
 * one ES module, headed by the readable source as a comment — which is what a
 * server (whose snapshots live in a folder of their own) and `w2s run
 * --method FILE` on any machine can load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleModule } from '../../protocol/sandbox/bundle.js';
import { describeRecipe, type Recipe } from './recipe.js';
import type { Point } from './space.js';

/** w2s's src folder, for the readable file's imports. */
const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A flat object as a TypeScript literal: `{ kind: 'quantile', keep: 0.8 }`. */
const lit = (o: object) => `{ ${Object.entries(o).map(([k, v]) => `${k}: ${typeof v === 'string' ? `'${v}'` : String(v)}`).join(', ')} }`;

/** An import specifier from `fromDir` to a file of w2s's src. */
function srcImport(fromDir: string, file: string): string {
  const rel = relative(fromDir, join(SRC, file)).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

export interface MethodFileInfo {
  /** Method name: lowercase letters, digits and underscores. */
  name: string;
  recipe: Recipe;
  /** The search point the recipe came from, kept in the header. */
  point?: Point;
  /** Lines of provenance for the header (who wrote it, when, from what). */
  provenance?: string[];
}

/** The readable method file's source, for a file in folder `dir`. */
export function methodSource(dir: string, m: MethodFileInfo): string {
  if (!/^[a-z][a-z0-9_]*$/.test(m.name)) throw new Error(`method name "${m.name}" must be lowercase letters, digits and underscores, starting with a letter`);
  const r = m.recipe;
  const what = describeRecipe(r);
  const lines = [
    '/**',
    ` * ${m.name}: ${what}.`,
    ...(m.provenance ?? []).map((l) => ` * ${l}`),
    ...(m.point ? [` * Search point: ${JSON.stringify(m.point)}`] : []),
    ' */',
    `import type { Method } from '${srcImport(dir, 'contract/types.js')}';`,
    `import { bootstrapRounds, labelTargets, selectRows, trainStudent } from '${srcImport(dir, 'research/offline/steps.js')}';`,
    '',
    'const method: Method = {',
    `  name: '${m.name}',`,
    `  description: ${JSON.stringify(what)},`,
    ...(r.labels.source === 'labelmodel' ? ['  extraSupervisors: true,'] : []),
    '  params: [],',
    '  async run(ctx) {',
    '    // 1. The labels to learn from, and how they are transformed.',
    `    const labels = labelTargets(ctx, ${lit(r.labels)});`,
    '    // 2. The transfer rows to train on.',
    `    const rows = await selectRows(ctx, labels, ${lit(r.select)});`,
    '    // 3. The student, with its loss.',
    `    let student = await trainStudent(ctx, labels.targets, rows, ${lit(r.loss)}, ${r.earlyStop});`,
    ...(r.rounds > 0
      ? ['    // 4. Bootstrap: fresh students on the previous one\'s predictions.', `    student = await bootstrapRounds(ctx, student, ${r.rounds}, ${r.earlyStop});`]
      : []),
    `    return { student, notes: { rows: rows ? rows.length : ctx.transfer.ids.length } };`,
    '  },',
    '};',
    '',
    'export default method;',
    '',
  ];
  return lines.join('\n');
}

const BANNER = "import { createRequire as __w2sCreateRequire }";
const ORT = /from "[^"]*\/onnxruntime-node\/dist\/index\.js"/g;

/**
 * The self-contained form of a readable method file: its bundle under the
 * method policy (so it is checked as a submission would be), without the
 * loader banner (bundling it again adds one) and with ONNX Runtime imported by
 * package name (the bundler resolves it on whichever machine runs it), headed
 * by the readable source.
 */
export async function selfContained(readableFile: string, readable: string, header: string[] = []): Promise<string> {
  const b = await bundleModule(readableFile, { method: true });
  let code = b.code;
  if (code.startsWith(BANNER)) code = code.slice(code.indexOf('\n') + 1);
  code = code.replace(ORT, 'from "onnxruntime-node"');
  const quoted = readable.trimEnd().split('\n').map((l) => `// ${l}`.trimEnd());
  return [
    '// A self-contained w2s method file: `w2s run --method THIS_FILE` runs it on any data.',
    ...header.map((l) => `// ${l}`),
    '// It is the readable method below, bundled with the parts of w2s it imports (src/research/offline/steps.ts',
    '// and the pure parts of src/methods/ they call), so it loads from any folder.',
    '//',
    ...quoted,
    '',
    code,
  ].join('\n');
}

/** Writes `<dir>/<base>.ts` (readable) and `<dir>/<base>.self.ts` (self-contained); returns both paths and the self-contained source. */
export async function writeMethodFiles(dir: string, base: string, m: MethodFileInfo): Promise<{ readable: string; file: string; source: string }> {
  mkdirSync(dir, { recursive: true });
  const readable = join(dir, `${base}.ts`);
  const text = methodSource(dir, m);
  writeFileSync(readable, text);
  const source = await selfContained(readable, text);
  const file = join(dir, `${base}.self.ts`);
  writeFileSync(file, source);
  return { readable, file, source };
}
