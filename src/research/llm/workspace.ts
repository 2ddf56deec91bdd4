/**
 * A researcher's own folder: the method files it writes (confined to
 * `methods/`, size-limited), its notebook (`notebook.md`, carried into every
 * later session's prompt) and its transcripts (`transcripts/session-N.jsonl`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { writeFileAtomicSync } from '../../util/fs.js';

export const MAX_METHOD_CHARS = 100_000;
export const MAX_NOTEBOOK_CHARS = 20_000;
const METHOD_FILE = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.(ts|mts|js|mjs)$/;

export class Workspace {
  readonly methodsDir: string;
  readonly notebookPath: string;
  readonly transcriptsDir: string;

  constructor(readonly dir: string) {
    this.methodsDir = join(dir, 'methods');
    this.notebookPath = join(dir, 'notebook.md');
    this.transcriptsDir = join(dir, 'transcripts');
    mkdirSync(this.methodsDir, { recursive: true });
    mkdirSync(this.transcriptsDir, { recursive: true });
  }

  /** The absolute path of a method file named relative to `methods/`; refuses anything that would leave it. */
  methodPath(file: string): string {
    const name = file.replace(/^(\.\/)?methods\//, '');
    if (!METHOD_FILE.test(name)) {
      throw new Error(`method file "${file}" is not allowed: use a relative name of letters, digits, "_", "-" and "/" ending in .ts, .mts, .js or .mjs (e.g. "reweight-v2.ts")`);
    }
    const path = resolve(this.methodsDir, name);
    if (relative(this.methodsDir, path).split(sep)[0] === '..') throw new Error(`method file "${file}" would be outside ${this.methodsDir}`);
    return path;
  }

  writeMethod(file: string, source: string): { path: string; chars: number } {
    if (source.length > MAX_METHOD_CHARS) throw new Error(`the method source is ${source.length} characters; the limit is ${MAX_METHOD_CHARS}: make it shorter`);
    if (!/export\s+default\b/.test(source)) throw new Error('the method source has no `export default`: a method file\'s default export is the method (see src/methods/TEMPLATE.ts)');
    const path = this.methodPath(file);
    writeFileAtomicSync(path, source);
    return { path, chars: source.length };
  }

  readMethod(file: string): string {
    const path = this.methodPath(file);
    if (!existsSync(path)) throw new Error(`there is no method file "${file}"; the files are: ${this.listMethods().join(', ') || '(none yet: write one with write_method)'}`);
    return readFileSync(path, 'utf8');
  }

  listMethods(): string[] {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (METHOD_FILE.test(e.name)) out.push(relative(this.methodsDir, join(d, e.name)).split(sep).join('/'));
      }
    };
    walk(this.methodsDir);
    return out.sort();
  }

  readNotebook(): string {
    return existsSync(this.notebookPath) ? readFileSync(this.notebookPath, 'utf8') : '';
  }

  writeNotebook(content: string, mode: 'append' | 'replace'): number {
    const next = mode === 'append' ? joinNotes(this.readNotebook(), content) : content;
    if (next.length > MAX_NOTEBOOK_CHARS) {
      throw new Error(`the notebook would be ${next.length} characters; the limit is ${MAX_NOTEBOOK_CHARS}: rewrite it shorter with mode "replace" (keep what you learned, drop the details)`);
    }
    writeFileAtomicSync(this.notebookPath, next);
    return next.length;
  }

  /** The next session's transcript file (session-1.jsonl, session-2.jsonl, …). */
  nextTranscriptPath(): string {
    const n = readdirSync(this.transcriptsDir).filter((f) => /^session-\d+\.jsonl$/.test(f)).length;
    return join(this.transcriptsDir, `session-${n + 1}.jsonl`);
  }
}

const joinNotes = (old: string, add: string) => (old === '' ? add : `${old.replace(/\n*$/, '')}\n\n${add}`);
