/** The tools that act on the researcher's own folder and on w2s's docs: reference reading, method files, the notebook, finishing. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { defineTool, type Tool } from './tool.js';
import type { ToolEnv } from './tool-env.js';

const PAGE = 12_000;
const READABLE = ['docs', 'src'];

/** A file or folder of w2s's docs/ or src/, by its path from the checkout's root; nothing else. */
export function referencePath(root: string, path: string): string {
  const abs = resolve(root, path);
  const rel = relative(root, abs).split(sep);
  if (rel[0] === '..' || !READABLE.includes(rel[0])) throw new Error(`"${path}" is not readable: read_reference reads w2s's docs/ and src/ only (e.g. "docs/methods.md", "src/methods/TEMPLATE.ts")`);
  if (!existsSync(abs)) throw new Error(`there is no "${path}"; list a folder to see what is there (e.g. "src/methods")`);
  return abs;
}

export const workspaceTools: Tool<ToolEnv>[] = [
  defineTool({
    name: 'read_reference',
    description: 'Read w2s\'s documentation and source (docs/ and src/ only): a file, a page at a time, or a folder\'s listing. Start with docs/methods.md, src/methods/TEMPLATE.ts and src/contract/types.ts; src/methods/ holds every registered method.',
    args: z.object({ path: z.string().describe('e.g. "docs/methods.md" or "src/methods"'), offset: z.number().int().min(0).optional().describe('character offset to read from') }),
    run: async (a, env) => {
      const abs = referencePath(env.w2sRoot, a.path);
      if (statSync(abs).isDirectory()) return { folder: a.path, entries: readdirSync(abs, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort() };
      if (!/\.(md|ts|js|json)$/.test(abs)) throw new Error(`"${a.path}" is not a text source (.md, .ts, .js, .json)`);
      const text = readFileSync(abs, 'utf8');
      const from = a.offset ?? 0;
      const page = text.slice(from, from + PAGE);
      return { path: a.path, offset: from, total_chars: text.length, text: page, ...(from + PAGE < text.length ? { next_offset: from + PAGE } : {}) };
    },
  }),
  defineTool({
    name: 'write_method',
    description: 'Write (or overwrite) a method file in your folder: TypeScript whose default export is a Method (see src/methods/TEMPLATE.ts). Then smoke_test it.',
    args: z.object({ file: z.string().describe('a name like "reweight.ts" (letters, digits, _ - /)'), source: z.string().min(1).describe('the whole file') }),
    run: async (a, env) => {
      const { chars } = env.ws.writeMethod(a.file, a.source);
      return { written: a.file, chars, files: env.ws.listMethods() };
    },
  }),
  defineTool({
    name: 'read_method',
    description: 'Read one of your method files back; without a file, list them.',
    args: z.object({ file: z.string().optional() }),
    run: async (a, env) => (a.file === undefined ? { files: env.ws.listMethods() } : { file: a.file, source: env.ws.readMethod(a.file) }),
  }),
  defineTool({
    name: 'read_notebook',
    description: 'Read your notebook: what you wrote in this and earlier sessions.',
    args: z.object({}),
    run: async (_a, env) => ({ notebook: env.ws.readNotebook() || '(empty)' }),
  }),
  defineTool({
    name: 'write_notebook',
    description: 'Write to your notebook, which every later session starts with: ideas, what you tried with submission ids and scores, what worked and what did not, what to try next.',
    args: z.object({ content: z.string().min(1), mode: z.enum(['append', 'replace']).default('append') }),
    run: async (a, env) => ({ chars: env.ws.writeNotebook(a.content, a.mode), mode: a.mode }),
  }),
  defineTool({
    name: 'finish',
    description: 'End this session (when you are done or out of ideas): first post your findings and update your notebook.',
    args: z.object({ summary: z.string().min(1).describe('what you found, in a few sentences') }),
    run: async (a, env) => {
      env.finished = a.summary;
      return { finished: true };
    },
  }),
];
