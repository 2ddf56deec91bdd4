import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSupervisor, listSupervisorKinds, parseSupervisor, TASK_PROMPTS } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-registry-'));
const labels = join(dir, 'answers.jsonl');
writeFileSync(labels, '{"id": "a", "label": "spam"}\n');
const gguf = join(dir, 'm.gguf');
writeFileSync(gguf, 'GGUF');
const prompt = join(dir, 'prompt.txt');
writeFileSync(prompt, 'Spam? {{text}}');
const ctx = { task: 'spam', cacheDir: join(dir, 'cache'), seed: 0 };

describe('supervisor registry', () => {
  it('lists the kinds in matching order, the trained model last', () => {
    expect(listSupervisorKinds().map((k) => k.syntax)).toEqual(['rules', 'labels:FILE', 'llm:URL', 'gguf:FILE', 'MODEL']);
  });

  it('parses each kind of --weak name into its typed spec', () => {
    expect(parseSupervisor('xs', {}, { task: 'spam' })).toEqual({ kind: 'model', model: 'xs', spec: { kind: 'ladder', rung: 'xs' } });
    expect(parseSupervisor('hf:m,pooling=mean', {}, { data: 'text' })).toEqual({ kind: 'model', model: 'hf:m', spec: { kind: 'hf', dir: 'm', pooling: 'mean' } });
    expect(() => parseSupervisor('proj8', {}, { data: 'text' })).toThrow(/model "proj8" \(proj\) applies to feature-matrix data, not to text data/);
    expect(parseSupervisor('rules', {}, { task: 'spam' })).toEqual({ kind: 'rules', task: 'spam' });
    expect(parseSupervisor(`labels:${labels}`)).toEqual({ kind: 'labels', path: labels });
    expect(parseSupervisor('llm:http://127.0.0.1:8080/v1', { model: 'qwen', labelWords: ['ham', 'spam'], price: { prompt: 1, completion: 2 } }, { task: 'spam' })).toEqual({
      kind: 'llm', endpoint: 'http://127.0.0.1:8080/v1', model: 'qwen', template: TASK_PROMPTS.spam, labelWords: ['ham', 'spam'], price: { prompt: 1, completion: 2 },
      topLogprobs: undefined, concurrency: undefined, timeoutSeconds: undefined, retries: undefined,
    });
    expect(parseSupervisor(`gguf:${gguf}`, { prompt }, { task: 'spam' })).toMatchObject({ kind: 'gguf', path: gguf, template: { user: 'Spam? {{text}}' } });
  });

  it('builds supervisors for all kinds but the trained model', () => {
    expect(buildSupervisor({ kind: 'model', model: 'xs' } as never, ctx)).toBeNull();
    expect(buildSupervisor(parseSupervisor('rules', {}, ctx), ctx)!.name).toBe('rules:spam');
    expect(buildSupervisor(parseSupervisor(`labels:${labels}`), ctx)!.name).toBe('file:answers.jsonl');
    expect(buildSupervisor(parseSupervisor('llm:http://h/v1', { model: 'tiny' }, ctx), ctx)!.name).toMatch(/^llm:tiny#/);
    expect(buildSupervisor(parseSupervisor(`gguf:${gguf}`, {}, ctx), ctx)!.name).toBe('gguf:m.gguf');
  });

  it('rejects bad names and stray flags with the fix', () => {
    expect(() => parseSupervisor('llm:http://h/v1', {}, ctx)).toThrow(/needs --weak-model NAME/);
    expect(() => parseSupervisor('llm:localhost', { model: 'm' })).toThrow(/"localhost" is not a URL; give e\.g\. llm:http:\/\/127\.0\.0\.1:8080\/v1/);
    expect(() => parseSupervisor('llm:ftp://h/v1', { model: 'm' })).toThrow(/must be http:\/\/ or https:\/\//);
    expect(() => parseSupervisor('xs', { model: 'qwen' })).toThrow(/--weak-model applies to llm:URL supervisors, not to --weak xs/);
    expect(() => parseSupervisor('rules', { labelWords: ['a', 'b'] }, ctx)).toThrow(/--label-words applies to llm:URL and gguf:FILE supervisors/);
    expect(() => parseSupervisor('rules', {}, { task: 'pos' })).toThrow(/task pos has no labeling functions/);
    expect(() => parseSupervisor('labels:/nonexistent.jsonl')).toThrow(/no such file/);
    expect(() => parseSupervisor(`gguf:${join(dir, 'missing.gguf')}`)).toThrow(/no such file; give the path of a \.gguf model file/);
  });

  it('reports whether the gguf kind has what it needs', async () => {
    const status = await listSupervisorKinds().find((k) => k.kind === 'gguf')!.status!();
    expect(status).toMatch(/^(node-llama-cpp installed|needs node-llama-cpp: npm i -E node-llama-cpp@3\.21\.1)$/);
  });
});
