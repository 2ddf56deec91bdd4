import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SYSTEM, GENERIC_PROMPT, parsePromptTemplate, promptTemplate, renderPrompt, TASK_PROMPTS } from './prompt.js';

describe('prompt templates', () => {
  it('has a built-in template for each built-in task, the generic one for others', () => {
    for (const t of ['spam', 'reviews', 'pos']) expect(promptTemplate(t).user).toContain('{{text}}');
    expect(promptTemplate('reviews')).toBe(TASK_PROMPTS.reviews);
    expect(promptTemplate(undefined)).toBe(GENERIC_PROMPT);
  });

  it('fills {{text}} and {{labels}} once, leaving braces inside the example alone', () => {
    const p = renderPrompt({ system: 'Use {{labels}}.', user: 'T: {{ text }} ({{labels}})' }, 'has {{labels}} and $& inside', ['ham', 'spam']);
    expect(p).toEqual({ system: 'Use ham, spam.', user: 'T: has {{labels}} and $& inside (ham, spam)' });
  });

  it('reads a file: the user message, with an optional system part above a --- line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2s-prompt-'));
    const plain = join(dir, 'p.txt');
    writeFileSync(plain, 'Label: {{text}}\n');
    expect(promptTemplate('spam', plain)).toEqual({ system: DEFAULT_SYSTEM, user: 'Label: {{text}}' });
    expect(parsePromptTemplate('Be brief.\n---\nSay {{labels}}: {{text}}', 'f')).toEqual({ system: 'Be brief.', user: 'Say {{labels}}: {{text}}' });
  });

  it('names the file and the fix for an unknown placeholder, a missing {{text}} or a missing file', () => {
    expect(() => parsePromptTemplate('{{txt}}', 'my.txt')).toThrow(/my\.txt: unknown placeholder \{\{txt\}\}; the placeholders are \{\{text\}\} and \{\{labels\}\}/);
    expect(() => parsePromptTemplate('Classify: {{labels}}', 'my.txt')).toThrow(/my\.txt: the prompt has no \{\{text\}\} placeholder.*add \{\{text\}\}/);
    expect(() => promptTemplate('spam', '/nonexistent/p.txt')).toThrow(/cannot read prompt \/nonexistent\/p\.txt/);
  });
});
