import { describe, expect, it } from 'vitest';
import { anthropicMessages, parseAnthropicResponse } from './anthropic.js';
import { openaiMessages, parseOpenaiResponse } from './openai.js';
import type { ChatMessage } from './provider.js';

const conversation: ChatMessage[] = [
  { role: 'user', content: 'Begin.' },
  { role: 'assistant', text: 'Reading.', toolCalls: [{ id: 'c1', name: 'read_notebook', arguments: '{}' }, { id: 'c2', name: 'write_notebook', arguments: '{"content": ' }] },
  { role: 'tool', results: [{ callId: 'c1', name: 'read_notebook', content: '(empty)', isError: false }, { callId: 'c2', name: 'write_notebook', content: 'error: bad JSON', isError: true }] },
  { role: 'user', content: 'That was your last submission.' },
  { role: 'assistant', text: '', toolCalls: [] },
];

describe('the OpenAI-compatible wire format', () => {
  it('sends the system prompt first, tool calls with their raw arguments, and one tool message per result', () => {
    const m = openaiMessages('sys', conversation) as any[];
    expect(m.map((x) => x.role)).toEqual(['system', 'user', 'assistant', 'tool', 'tool', 'user', 'assistant']);
    expect(m[2].tool_calls[1]).toEqual({ id: 'c2', type: 'function', function: { name: 'write_notebook', arguments: '{"content": ' } });
    expect(m[4]).toEqual({ role: 'tool', tool_call_id: 'c2', content: 'error: bad JSON' });
    expect(m[6]).toEqual({ role: 'assistant', content: '' }); // null only beside tool calls: some servers refuse it alone
  });

  it('reads tool calls (arguments as text or as an object, ids or none) and usage', () => {
    const r = parseOpenaiResponse({
      choices: [{ message: { content: null, tool_calls: [{ function: { name: 'a', arguments: { x: 1 } } }, { id: 'k', function: { name: 'b', arguments: '{"y":2}' } }] }, finish_reason: 'tool_calls' }],
      usage: { prompt_tokens: 11, completion_tokens: 7 },
    }, 'u');
    expect(r).toEqual({ text: '', toolCalls: [{ id: 'call_0', name: 'a', arguments: '{"x":1}' }, { id: 'k', name: 'b', arguments: '{"y":2}' }], usage: { input: 11, output: 7 }, stop: 'tools' });
    expect(parseOpenaiResponse({ choices: [{ message: { content: 'hi' }, finish_reason: 'length' }] }, 'u')).toMatchObject({ usage: null, stop: 'length' });
    expect(() => parseOpenaiResponse({ choices: [] }, 'http://h/v1/chat/completions')).toThrow(/http:\/\/h\/v1\/chat\/completions answered with something that is not a chat completion/);
  });
});

describe('the Anthropic Messages wire format', () => {
  it('alternates user and assistant turns, tool results as blocks, and never sends an empty turn', () => {
    const m = anthropicMessages(conversation);
    expect(m.map((x) => x.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(m[1].content).toEqual([
      { type: 'text', text: 'Reading.' },
      { type: 'tool_use', id: 'c1', name: 'read_notebook', input: {} },
      { type: 'tool_use', id: 'c2', name: 'write_notebook', input: {} }, // not an object: sent empty; its result says what was wrong
    ]);
    expect(m[2].content).toEqual([
      { type: 'tool_result', tool_use_id: 'c1', content: '(empty)' },
      { type: 'tool_result', tool_use_id: 'c2', content: 'error: bad JSON', is_error: true },
      { type: 'text', text: 'That was your last submission.' },
    ]);
    expect(m[3].content).toEqual([{ type: 'text', text: '(no output)' }]);
  });

  it('reads text and tool_use blocks, skips others, and counts cached input tokens as input', () => {
    const r = parseAnthropicResponse({
      content: [{ type: 'thinking', thinking: '…' }, { type: 'text', text: 'Let me look.' }, { type: 'tool_use', id: 't1', name: 'read_forum', input: { q: 'soft' } }],
      stop_reason: 'tool_use',
      usage: { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000 },
    }, 'u');
    expect(r).toEqual({ text: 'Let me look.', toolCalls: [{ id: 't1', name: 'read_forum', arguments: '{"q":"soft"}' }], usage: { input: 1110, output: 5 }, stop: 'tools' });
    expect(parseAnthropicResponse({ content: [], stop_reason: 'max_tokens', usage: { input_tokens: 1, output_tokens: 2 } }, 'u').stop).toBe('length');
    expect(() => parseAnthropicResponse({ content: [] }, 'u')).toThrow(/not a Messages response/);
  });
});
