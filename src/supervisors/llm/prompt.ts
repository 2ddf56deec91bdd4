/**
 * Prompt templates for LLM supervisors. A template is a system message and a
 * user message with placeholders:
 *
 *   {{text}}    the example's text (required)
 *   {{labels}}  the label words, comma-separated ("ham, spam")
 *
 * A `--prompt FILE` holds the user message; when the file has a line that is
 * exactly `---`, the lines above it are the system message instead of the
 * default one. Any other `{{name}}` is an error naming it.
 */
import { readFileSync } from 'node:fs';

export interface PromptTemplate {
  system: string;
  user: string;
}

/** A rendered prompt: what is sent for one example. */
export interface Prompt {
  system: string;
  user: string;
}

const PLACEHOLDERS = ['text', 'labels'] as const;
const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const DEFAULT_SYSTEM = 'You are a careful annotator. Answer with exactly one of the label words and nothing else.';

/** Built-in templates, by task name; tasks not listed here (and --data) use GENERIC_PROMPT. */
export const TASK_PROMPTS: Readonly<Record<string, PromptTemplate>> = {
  spam: {
    system: DEFAULT_SYSTEM,
    user: 'Is the following email spam or ham (a legitimate message)?\n\nEmail:\n{{text}}\n\nAnswer with one word: {{labels}}.',
  },
  reviews: {
    system: DEFAULT_SYSTEM,
    user: 'Each clause of this review rates one aspect; "not" flips a clause. Is the review as a whole negative or positive?\n\nReview: {{text}}\n\nAnswer with one word: {{labels}}.',
  },
  pos: {
    system: DEFAULT_SYSTEM,
    user: 'The text starts with a word, then a colon, then the word in its sentence with the word in [brackets]. What part of speech is the bracketed word there?\n\n{{text}}\n\nAnswer with one word: {{labels}}.',
  },
};

export const GENERIC_PROMPT: PromptTemplate = {
  system: DEFAULT_SYSTEM,
  user: 'Classify the text.\n\nText:\n{{text}}\n\nAnswer with one word: {{labels}}.',
};

/** The template for a run: `--prompt FILE` when given, else the task's built-in one, else the generic one. */
export function promptTemplate(task: string | undefined, file?: string): PromptTemplate {
  if (file) return readPromptFile(file);
  return (task && TASK_PROMPTS[task]) || GENERIC_PROMPT;
}

export function readPromptFile(path: string): PromptTemplate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read prompt ${path}: ${(e as Error).message}`);
  }
  return parsePromptTemplate(text, path);
}

/** A template from a file's text (see the module note); `where` names the file in errors. */
export function parsePromptTemplate(text: string, where: string): PromptTemplate {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const sep = lines.findIndex((l) => l.trim() === '---');
  const system = sep >= 0 ? lines.slice(0, sep).join('\n').trim() : DEFAULT_SYSTEM;
  const user = (sep >= 0 ? lines.slice(sep + 1) : lines).join('\n').trim();
  checkPlaceholders(system, `${where} (system part)`, false);
  checkPlaceholders(user, where, true);
  return { system, user };
}

function checkPlaceholders(text: string, where: string, needsText: boolean): void {
  const names = [...text.matchAll(PLACEHOLDER_RE)].map((m) => m[1]);
  const unknown = names.find((n) => !(PLACEHOLDERS as readonly string[]).includes(n));
  if (unknown !== undefined) throw new Error(`${where}: unknown placeholder {{${unknown}}}; the placeholders are ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(' and ')}`);
  if (needsText && !names.includes('text')) throw new Error(`${where}: the prompt has no {{text}} placeholder, so the model would never see the example; add {{text}} where the example's text goes`);
}

/** The template with the example's text and the label words filled in. */
export function renderPrompt(t: PromptTemplate, text: string, words: readonly string[]): Prompt {
  const fill = (s: string) => s.replace(PLACEHOLDER_RE, (_, name: string) => (name === 'text' ? text : words.join(', ')));
  return { system: fill(t.system), user: fill(t.user) };
}
