import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referencePath } from './tools-workspace.js';
import { MAX_METHOD_CHARS, MAX_NOTEBOOK_CHARS, Workspace } from './workspace.js';

const ws = () => new Workspace(mkdtempSync(join(tmpdir(), 'w2s-ws-')));
const SOURCE = 'export default { name: "m", description: "", params: [], async run() { throw new Error("x"); } };';

describe('Workspace', () => {
  it('writes method files only inside methods/', () => {
    const w = ws();
    w.writeMethod('a.ts', SOURCE);
    w.writeMethod('methods/v2/b.mts', SOURCE);
    expect(w.listMethods()).toEqual(['a.ts', 'v2/b.mts']);
    expect(readFileSync(join(w.dir, 'methods', 'v2', 'b.mts'), 'utf8')).toBe(SOURCE);
    for (const bad of ['../a.ts', '/etc/a.ts', 'v2/../../a.ts', 'a.json', 'a b.ts', '', '.hidden.ts']) expect(() => w.writeMethod(bad, SOURCE), bad).toThrow(/is not allowed/);
  });

  it('refuses a source that is too long or has no default export', () => {
    const w = ws();
    expect(() => w.writeMethod('a.ts', `${SOURCE}${' '.repeat(MAX_METHOD_CHARS)}`)).toThrow(/the limit is 100000/);
    expect(() => w.writeMethod('a.ts', 'export const m = 1;')).toThrow(/no `export default`/);
    expect(w.listMethods()).toEqual([]);
  });

  it('appends to and replaces the notebook, within its size limit', () => {
    const w = ws();
    expect(w.readNotebook()).toBe('');
    w.writeNotebook('one', 'append');
    w.writeNotebook('two', 'append');
    expect(w.readNotebook()).toBe('one\n\ntwo');
    expect(() => w.writeNotebook('x'.repeat(MAX_NOTEBOOK_CHARS), 'append')).toThrow(/rewrite it shorter with mode "replace"/);
    w.writeNotebook('short', 'replace');
    expect(w.readNotebook()).toBe('short');
  });

  it('numbers its transcripts by session', () => {
    const w = ws();
    expect(w.nextTranscriptPath()).toMatch(/session-1\.jsonl$/);
  });
});

describe('referencePath', () => {
  it('reads w2s docs/ and src/ only', () => {
    const root = join(import.meta.dirname, '..', '..', '..');
    expect(referencePath(root, 'docs/methods.md')).toBe(join(root, 'docs', 'methods.md'));
    expect(referencePath(root, 'src/methods')).toBe(join(root, 'src', 'methods'));
    for (const bad of ['package.json', '../etc/passwd', 'src/../package.json', '/etc/passwd']) expect(() => referencePath(root, bad), bad).toThrow(/docs\/ and src\/ only/);
    expect(() => referencePath(root, 'docs/nope.md')).toThrow(/there is no "docs\/nope.md"/);
  });
});
