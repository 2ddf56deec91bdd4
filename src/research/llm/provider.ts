/**
 * The one interface every LLM provider implements: a chat turn with tools, in a
 * provider-neutral shape. Each wire format (OpenAI-compatible chat completions,
 * Anthropic Messages) is one file that translates to and from it and registers
 * itself here; adding a provider is a new file plus one import line in index.ts.
 */
import type { Exchange } from './http.js';

/** A tool as the model is told about it: a name, what it does, a JSON Schema for its arguments. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** A tool call as the model made it; `arguments` is the raw JSON text (it may be malformed). */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface ToolResult {
  callId: string;
  name: string;
  content: string;
  isError: boolean;
}

export type ChatMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; text: string; toolCalls: ToolCall[] }
  /** The results of the preceding assistant message's tool calls, in its order. */
  | { role: 'tool'; results: ToolResult[] };

export interface ChatRequest {
  system: string;
  messages: ChatMessage[];
  tools: ToolSpec[];
  /** The most output tokens this response may use. */
  maxTokens: number;
  signal?: AbortSignal;
}

/** Tokens as the provider reported them: prompt/completion (OpenAI), input/output (Anthropic). */
export interface Usage {
  input: number;
  output: number;
  /** The provider reported none: counted at 4 characters a token. */
  estimated?: boolean;
}

export interface ChatResponse {
  text: string;
  toolCalls: ToolCall[];
  usage: Usage;
  /** Why the model stopped: it asked for tools, it ended its turn, or it ran out of output tokens. */
  stop: 'tools' | 'end' | 'length';
}

export interface ChatProvider {
  readonly kind: string;
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatResponse>;
}

/** What a provider is made from; `onExchange` sees every HTTP attempt (the transcript). */
export interface ProviderConfig {
  url: string;
  model: string;
  apiKey?: string;
  temperature?: number;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  /** Anthropic only: the `anthropic-version` header. */
  anthropicVersion?: string;
  onExchange?: (e: Exchange) => void;
}

export interface ProviderKind {
  kind: string;
  describe: string;
  /** The base URL when none is given (undefined: `url` is required). */
  defaultUrl?: string;
  /** The environment variable that holds the API key when `keyEnv` is not given. */
  defaultKeyEnv: string;
  /** Whether a request without a key is refused before it is sent (hosted APIs). */
  needsKey: boolean;
  make(config: ProviderConfig): ChatProvider;
}

const kinds = new Map<string, ProviderKind>();

export function registerProvider(p: ProviderKind): void {
  if (kinds.has(p.kind)) throw new Error(`LLM provider "${p.kind}" is registered twice`);
  kinds.set(p.kind, p);
}

export function providerKind(kind: string): ProviderKind {
  const p = kinds.get(kind);
  if (!p) throw new Error(`unknown LLM provider "${kind}"; the providers are: ${[...kinds.keys()].join(', ') || '(none registered)'}`);
  return p;
}

export function listProviders(): ProviderKind[] {
  return [...kinds.values()];
}
