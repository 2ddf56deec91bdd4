import { describe, expect, it } from 'vitest';
import './kinds.js';
import { optionsFor } from './run.js';
import { parseResearchers } from './spec.js';

describe('--researchers and kind options', () => {
  it('parses KIND:N lists and checks the kinds against the registry', () => {
    expect(parseResearchers('offline:2')).toEqual([{ kind: 'offline', count: 2 }]);
    expect(parseResearchers('offline')).toEqual([{ kind: 'offline', count: 1 }]);
    expect(() => parseResearchers('bogus:1')).toThrow(/unknown kind "bogus"; the kinds are: offline/);
    expect(() => parseResearchers('offline:0')).toThrow(/at least 1/);
    expect(() => parseResearchers('offline:1,offline:2')).toThrow(/given twice/);
    expect(() => parseResearchers('offline=2')).toThrow(/KIND or KIND:N/);
  });

  it('gives KIND.key options to that kind only', () => {
    const o = { llmUrl: 'http://x', 'offline.seed': '3', 'openai.temperature': '0.2' };
    expect(optionsFor('offline', o)).toEqual({ llmUrl: 'http://x', seed: '3' });
    expect(optionsFor('openai', o)).toEqual({ llmUrl: 'http://x', temperature: '0.2' });
  });
});
