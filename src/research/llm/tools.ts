/** Every tool an LLM researcher has: a new tool is one entry in one of these lists. */
import { serverTools } from './tools-server.js';
import { workspaceTools } from './tools-workspace.js';
import type { Tool } from './tool.js';
import type { ToolEnv } from './tool-env.js';

export const TOOLS: readonly Tool<ToolEnv>[] = [...serverTools, ...workspaceTools];
