/**
 * A tool the model can call: a name, a description, a zod schema for its
 * arguments (sent to the model as JSON Schema) and a handler. `runToolCall`
 * never throws: bad JSON, an unknown tool, wrong arguments and a handler's own
 * failure all come back as an error result the model reads and can act on.
 */
import { z } from 'zod';
import type { ToolCall, ToolResult, ToolSpec } from './provider.js';

export interface Tool<Env, S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  args: S;
  run(args: z.infer<S>, env: Env): Promise<unknown>;
}

/** Keeps the schema's type attached to the handler's argument. */
export const defineTool = <Env, S extends z.ZodType>(t: Tool<Env, S>): Tool<Env, S> => t;

/** Tool results longer than this are cut, with a note saying so. */
export const MAX_RESULT_CHARS = 16_000;

export function toolSpec<Env>(t: Tool<Env>): ToolSpec {
  const { $schema: _drop, ...parameters } = z.toJSONSchema(t.args, { io: 'input' }) as Record<string, unknown>;
  return { name: t.name, description: t.description, parameters };
}

function render(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 1);
  return text.length <= MAX_RESULT_CHARS ? text : `${text.slice(0, MAX_RESULT_CHARS)}\n… (cut: ${text.length - MAX_RESULT_CHARS} more characters; ask for less, e.g. with a narrower query or an offset)`;
}

export async function runToolCall<Env>(tools: readonly Tool<Env>[], call: ToolCall, env: Env): Promise<ToolResult> {
  const fail = (content: string): ToolResult => ({ callId: call.id, name: call.name, content: `error: ${content}`, isError: true });
  const tool = tools.find((t) => t.name === call.name);
  if (!tool) return fail(`there is no tool named "${call.name}"; the tools are: ${tools.map((t) => t.name).join(', ')}`);
  let raw: unknown;
  try {
    raw = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch (e) {
    return fail(`the arguments of ${call.name} are not valid JSON (${(e as Error).message}); send one JSON object, e.g. ${example(tool)}`);
  }
  const parsed = tool.args.safeParse(raw);
  if (!parsed.success) return fail(`wrong arguments for ${call.name}:\n${z.prettifyError(parsed.error)}\nsend one JSON object matching ${JSON.stringify(toolSpec(tool).parameters)}`);
  try {
    return { callId: call.id, name: call.name, content: render(await tool.run(parsed.data, env)), isError: false };
  } catch (e) {
    return fail(`${call.name} failed: ${(e as Error).message}`);
  }
}

function example(t: Tool<unknown>): string {
  const props = (toolSpec(t).parameters.properties ?? {}) as Record<string, { type?: string }>;
  const keys = Object.keys(props).slice(0, 2);
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, props[k].type === 'number' || props[k].type === 'integer' ? 1 : '…'])));
}
