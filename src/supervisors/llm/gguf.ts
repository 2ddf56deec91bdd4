/**
 * A local GGUF model as a weak supervisor, in-process through node-llama-cpp
 * (an optional dependency, pinned to 3.21.1, loaded with a dynamic import so
 * w2s runs without it). The prompt is llama.cpp's raw-completion prompt
 * (llamacpp.ts); the model's full next-token distribution gives each label
 * word's probability exactly, and the soft label is the same rule as for an
 * endpoint: the label tokens' probabilities renormalised over the label set.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Supervisor, SupervisorInput, SupervisorUsage } from '../types.js';
import type { LlmAnswer } from './api.js';
import { AnswerCache } from './cache.js';
import { labelWords, type TokenLogprob } from './labels.js';
import { completionPrompt } from './llamacpp.js';
import { renderPrompt, type PromptTemplate } from './prompt.js';
import { answersToProbs } from './supervisor.js';
import { UsageMeter } from './usage.js';

export const NODE_LLAMA_CPP = 'node-llama-cpp';
export const NODE_LLAMA_CPP_VERSION = '3.21.1';
export const INSTALL_NODE_LLAMA_CPP = `npm i -E ${NODE_LLAMA_CPP}@${NODE_LLAMA_CPP_VERSION}`;

/** The part of node-llama-cpp's API this file uses (its types are not installed with w2s). */
type Token = number;
export interface LlamaModule {
  getLlama(): Promise<{ loadModel(o: { modelPath: string }): Promise<LlamaModel> }>;
}
export interface LlamaModel {
  tokenize(text: string, specialTokens?: boolean): Token[];
  readonly tokens: { readonly bos: Token | null; readonly shouldPrependBosToken: boolean };
  createContext(): Promise<{ getSequence(): LlamaSequence; dispose(): Promise<void> }>;
  dispose(): Promise<void>;
}
export interface LlamaSequence {
  controlledEvaluate(input: Array<Token | [Token, { generateNext: { token: boolean; probabilities: boolean } }]>): Promise<Array<{ next?: { token?: Token | null; probabilities?: Map<Token, number> } } | undefined>>;
  clearHistory(): Promise<void>;
}

export type LlamaImporter = () => Promise<LlamaModule>;

const importNodeLlamaCpp: LlamaImporter = () => import(NODE_LLAMA_CPP) as Promise<LlamaModule>;

/** node-llama-cpp, or an error that says how to install it. */
export async function loadNodeLlamaCpp(importer: LlamaImporter = importNodeLlamaCpp, forWhat = 'a gguf: supervisor'): Promise<LlamaModule> {
  try {
    return await importer();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new Error(`${forWhat} runs the model in-process with ${NODE_LLAMA_CPP}, which is not installed; install it with \`${INSTALL_NODE_LLAMA_CPP}\` (or serve the model with llama.cpp's llama-server and use --weak llm:http://HOST:PORT/completion)`);
    }
    throw new Error(`cannot load ${NODE_LLAMA_CPP}: ${(e as Error).message}; reinstall it with \`${INSTALL_NODE_LLAMA_CPP}\``);
  }
}

/** The model file, or an error naming it and the fix. */
export function checkGgufFile(path: string): void {
  if (!existsSync(path)) throw new Error(`gguf:${path}: no such file; give the path of a .gguf model file (llama.cpp's format, e.g. a Q4_K_M file from Hugging Face)`);
  if (!statSync(path).isFile()) throw new Error(`gguf:${path} is not a file; give the path of a .gguf model file`);
}

export interface GgufSupervisorOptions {
  path: string;
  template: PromptTemplate;
  labelWords?: readonly string[];
  cacheDir?: string;
  importer?: LlamaImporter;
}

export function ggufSupervisor(o: GgufSupervisorOptions): Supervisor & { usage(): SupervisorUsage } {
  checkGgufFile(o.path);
  const meter = new UsageMeter();
  const cache = o.cacheDir ? new AnswerCache(o.cacheDir) : null;
  const file = resolve(o.path);
  const { size, mtimeMs } = statSync(file);
  let loaded: Promise<LlamaModel> | null = null;
  const model = () =>
    (loaded ??= (async () => {
      const llama = await (await loadNodeLlamaCpp(o.importer)).getLlama();
      return llama.loadModel({ modelPath: file });
    })());

  return {
    name: `gguf:${basename(o.path)}`,
    usage: () => meter.snapshot(),
    async label(examples: readonly SupervisorInput[], classes: readonly string[]) {
      const words = labelWords(classes, o.labelWords);
      const noText = examples.find((e) => typeof e.text !== 'string');
      if (noText) throw new Error(`an LLM supervisor reads text, and example ${noText.id} has none`);
      const m = await model();
      const labelTokens = words.map((w) => singleTokens(m, w, o.path));
      const context = await m.createContext();
      try {
        const seq = context.getSequence();
        const answers: LlmAnswer[] = [];
        for (const e of examples) {
          const prompt = completionPrompt(renderPrompt(o.template, e.text!, words));
          const key = { endpoint: `gguf:${file}:${size}:${mtimeMs}`, model: basename(file), request: { prompt, labelWords: words } };
          const hit = cache?.get(key);
          if (hit) {
            meter.fromCache();
            answers.push(hit);
            continue;
          }
          const answer = await nextTokenAnswer(m, seq, prompt, labelTokens);
          meter.fetched(1, answer.promptTokens, answer.completionTokens);
          await cache?.put(key, answer);
          answers.push(answer);
        }
        return answersToProbs(answers, words, examples, meter);
      } finally {
        await context.dispose();
      }
    },
  };
}

/** The label word's single-token spellings (" word" and "word"), or an error when the model's tokenizer splits both. */
function singleTokens(m: LlamaModel, word: string, path: string): Array<{ text: string; id: Token }> {
  const out = [` ${word}`, word].map((text) => ({ text, ids: m.tokenize(text) })).filter((t) => t.ids.length === 1);
  if (out.length === 0) {
    const n = m.tokenize(` ${word}`).length;
    throw new Error(`label word "${word}" is ${n} tokens under ${basename(path)}'s tokenizer; the soft label reads the first answer token only, so every label must be a single token: choose single-token label words with --label-words`);
  }
  return out.map((t) => ({ text: t.text, id: t.ids[0] }));
}

/** One forward pass over the prompt; the label tokens' probabilities as the next token. */
async function nextTokenAnswer(m: LlamaModel, seq: LlamaSequence, prompt: string, labelTokens: Array<Array<{ text: string; id: Token }>>): Promise<LlmAnswer> {
  const tokens = m.tokenize(prompt);
  if (m.tokens.shouldPrependBosToken && m.tokens.bos !== null) tokens.unshift(m.tokens.bos);
  const input: Parameters<LlamaSequence['controlledEvaluate']>[0] = tokens.slice(0, -1);
  input.push([tokens[tokens.length - 1], { generateNext: { token: true, probabilities: true } }]);
  await seq.clearHistory();
  const res = await seq.controlledEvaluate(input);
  const next = res[input.length - 1]?.next;
  if (!next?.probabilities) throw new Error(`${NODE_LLAMA_CPP} returned no next-token probabilities; use ${NODE_LLAMA_CPP}@${NODE_LLAMA_CPP_VERSION}, the version w2s is written against`);
  // Tokens of probability 0 are left out (log 0 has no JSON form in the answer cache).
  const top: TokenLogprob[] = labelTokens.flat().flatMap((t) => {
    const p = next.probabilities!.get(t.id) ?? 0;
    return p > 0 ? [{ token: t.text, logprob: Math.log(p) }] : [];
  });
  const generated = labelTokens.flat().find((t) => t.id === next.token)?.text ?? '';
  return { top, generated, promptTokens: tokens.length, completionTokens: 1 };
}
