import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ggufSupervisor, loadNodeLlamaCpp, type LlamaModel, type LlamaModule, type LlamaSequence } from './gguf.js';
import { TASK_PROMPTS } from './prompt.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-gguf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A stand-in file: the fake module below never reads it (no GGUF model can be made offline here).
const file = join(dir, 'tiny.gguf');
writeFileSync(file, 'GGUF');
const installed = (() => {
  try {
    createRequire(import.meta.url).resolve('node-llama-cpp');
    return true;
  } catch {
    return false;
  }
})();

/**
 * A fake of node-llama-cpp's API: a vocabulary of whole words (" ham", " spam",
 * "ham", …; anything else is one token per character), and a next-token
 * distribution that depends on whether the prompt says FREE.
 */
function fakeLlama(evaluations: number[]): LlamaModule {
  const vocab = new Map<string, number>([[' ham', 1], [' spam', 2], ['ham', 3], [' neg', 4]]);
  const model: LlamaModel = {
    tokenize: (text) => (vocab.has(text) ? [vocab.get(text)!] : [...text].map((c) => 1000 + c.charCodeAt(0))),
    tokens: { bos: 0, shouldPrependBosToken: true },
    createContext: async () => {
      let history: number[] = [];
      const seq: LlamaSequence = {
        clearHistory: async () => void (history = []),
        controlledEvaluate: async (input) => {
          if (history.length) throw new Error('sequence not cleared');
          const tokens = input.map((t) => (Array.isArray(t) ? t[0] : t));
          history = tokens;
          evaluations.push(tokens.length);
          const spammy = tokens.includes(1000 + 'F'.charCodeAt(0));
          const probabilities = new Map(spammy ? [[2, 0.5], [3, 0.1], [1, 0.1], [99, 0.3]] : [[1, 0.6], [2, 0.2], [99, 0.2]]);
          return input.map((t) => (Array.isArray(t) ? { next: { token: spammy ? 2 : 1, probabilities } } : undefined));
        },
      };
      return { getSequence: () => seq, dispose: async () => {} };
    },
    dispose: async () => {},
  };
  return { getLlama: async () => ({ loadModel: async () => model }) };
}

const examples = [{ id: 'a', text: 'lunch at noon' }, { id: 'b', text: 'FREE prize' }];

describe('ggufSupervisor', () => {
  it('gives the label tokens\' next-token probabilities renormalised over the labels, one forward pass each', async () => {
    const evaluations: number[] = [];
    const s = ggufSupervisor({ path: file, template: TASK_PROMPTS.spam, importer: async () => fakeLlama(evaluations) });
    const p = await s.label(examples, ['ham', 'spam']);
    // a: ham 0.6 (" ham"), spam 0.2 -> 0.75/0.25; b: ham 0.1 + 0.1 ("ham" and " ham"), spam 0.5 -> 2/7, 5/7.
    expect(Array.from(p).map((x) => +x.toFixed(5))).toEqual([0.75, 0.25, 0.28571, 0.71429]);
    expect(evaluations).toHaveLength(2);
    expect(s.usage()).toMatchObject({ answers: 2, completion_tokens: 2, cost_usd: null });
    expect(s.usage().prompt_tokens).toBe(evaluations[0] + evaluations[1]);
  });

  it('caches answers: a rerun evaluates nothing', async () => {
    const evaluations: number[] = [];
    const cacheDir = join(dir, 'cache');
    const opts = { path: file, template: TASK_PROMPTS.spam, cacheDir, importer: async () => fakeLlama(evaluations) };
    const first = await ggufSupervisor(opts).label(examples, ['ham', 'spam']);
    const again = ggufSupervisor(opts);
    expect(Array.from(await again.label(examples, ['ham', 'spam']))).toEqual(Array.from(first));
    expect(evaluations).toHaveLength(2);
    expect(again.usage().cached).toBe(2);
  });

  it('names a label word the tokenizer splits, and the fix', async () => {
    const s = ggufSupervisor({ path: file, template: TASK_PROMPTS.reviews, importer: async () => fakeLlama([]) });
    await expect(s.label(examples, ['negative', 'positive'])).rejects.toThrow(/label word "negative" is 9 tokens under tiny\.gguf's tokenizer.*--label-words/);
  });

  it('is a clear error when the file is missing', () => {
    expect(() => ggufSupervisor({ path: join(dir, 'nope.gguf'), template: TASK_PROMPTS.spam })).toThrow(/gguf:.*nope\.gguf: no such file; give the path of a \.gguf model file/);
  });

  it('says how to install node-llama-cpp when the import cannot find it', async () => {
    const notFound = Object.assign(new Error("Cannot find package 'node-llama-cpp'"), { code: 'ERR_MODULE_NOT_FOUND' });
    await expect(loadNodeLlamaCpp(async () => Promise.reject(notFound))).rejects.toThrow(/node-llama-cpp, which is not installed; install it with `npm i -E node-llama-cpp@3\.21\.1`/);
    const s = ggufSupervisor({ path: file, template: TASK_PROMPTS.spam, importer: async () => Promise.reject(notFound) });
    await expect(s.label(examples, ['ham', 'spam'])).rejects.toThrow(/npm i -E node-llama-cpp@3\.21\.1/);
  });

  it.skipIf(installed)('fails with the install command through the real dynamic import (node-llama-cpp is not installed here)', async () => {
    await expect(ggufSupervisor({ path: file, template: TASK_PROMPTS.spam }).label(examples, ['ham', 'spam'])).rejects.toThrow(/not installed; install it with `npm i -E node-llama-cpp@3\.21\.1`/);
  });
});
