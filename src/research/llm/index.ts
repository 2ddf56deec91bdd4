/**
 * LLM researchers: one researcher kind per registered provider (`openai`,
 * `anthropic`), each a conversation loop with tools mapped onto the W2sClient.
 * Importing this module registers them; their options are in options.ts.
 */
import { registerResearcher } from '../researcher.js';
import './anthropic.js';
import './openai.js';
import { parseLlmOptions } from './options.js';
import { listProviders } from './provider.js';
import { runSession } from './session.js';

for (const p of listProviders()) {
  registerResearcher(p.kind, `${p.describe}; options: url, model, keyEnv, inputUsdPerMTok, outputUsdPerMTok, … (src/research/llm/options.ts)`, (options) => {
    const o = parseLlmOptions(p, options);
    return { kind: p.kind, run: (ctx) => runSession(p.kind, o, p.make, ctx) };
  });
}

export { DIRECTIONS, directionFor, directionText, type Direction } from './directions.js';
export { OPTION_NAMES, parseLlmOptions, type LlmOptions } from './options.js';
export { listProviders, registerProvider, type ChatProvider, type ProviderKind } from './provider.js';
