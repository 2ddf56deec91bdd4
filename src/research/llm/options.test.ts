import { describe, expect, it } from 'vitest';
import './index.js';
import { parseLlmOptions } from './options.js';
import { providerKind } from './provider.js';

const openai = providerKind('openai');
const anthropic = providerKind('anthropic');

describe('parseLlmOptions', () => {
  it('reads strings into typed options with defaults, and the key from the environment', () => {
    const o = parseLlmOptions(openai, { url: 'http://localhost:8080/v1', model: 'qwen', inputUsdPerMTok: '0.5', timeoutS: '30' }, { OPENAI_API_KEY: 'k' });
    expect(o).toMatchObject({ url: 'http://localhost:8080/v1', model: 'qwen', apiKey: 'k', prices: { inputUsdPerMTok: 0.5, outputUsdPerMTok: 0 }, timeoutMs: 30_000, maxOutputTokens: 4096, smokeSeeds: 1 });
    expect(parseLlmOptions(anthropic, { model: 'claude', keyEnv: 'MY_KEY' }, { MY_KEY: 'a' })).toMatchObject({ url: 'https://api.anthropic.com', apiKey: 'a' });
  });

  it('says which option is wrong and how to fix it', () => {
    expect(() => parseLlmOptions(openai, { model: 'm' }, {})).toThrow(/give the provider's url, e.g. url=http:\/\/localhost:8080\/v1/);
    expect(() => parseLlmOptions(openai, { url: 'http://x/v1', model: 'm', modle: 'n' }, {})).toThrow(/unknown option\(s\) modle .*the options are: url, model, keyEnv/);
    expect(() => parseLlmOptions(openai, { url: 'http://x/v1', model: 'm', outputUsdPerMTok: 'ten' }, {})).toThrow(/outputUsdPerMTok: must be a number/);
    expect(() => parseLlmOptions(openai, { url: 'ftp://x', model: 'm' }, {})).toThrow(/url: /);
    expect(() => parseLlmOptions(openai, { url: 'http://x/v1' }, {})).toThrow(/model: /);
    expect(() => parseLlmOptions(anthropic, { model: 'claude' }, {})).toThrow(/no API key: set ANTHROPIC_API_KEY/);
  });
});
