/**
 * One session of an LLM researcher: the conversation loop. Each turn checks the
 * hard limits, asks the provider for a response (its output capped by what the
 * budget still pays for), runs the tool calls it made and sends back their
 * results. It ends when the model calls `finish` (or twice in a row makes no
 * tool call), when a limit is reached, or when the run is stopped — never in the
 * middle of a tool — and returns what it submitted and what it cost.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SubmissionInfo } from '../../server/client.js';
import type { ResearcherContext, ResearcherResult } from '../researcher.js';
import { directionText } from './directions.js';
import { Meter } from './meter.js';
import type { LlmOptions } from './options.js';
import { openingMessage, systemPrompt } from './prompt.js';
import type { ChatMessage, ChatProvider, ProviderConfig, ToolResult } from './provider.js';
import { runToolCall, toolSpec } from './tool.js';
import { submissionsLeft, type ToolEnv } from './tool-env.js';
import { TOOLS } from './tools.js';
import { Transcript } from './transcript.js';
import { Workspace } from './workspace.js';

const W2S_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Replies without a tool call in a row that end the session (the first gets a nudge). */
const IDLE_REPLIES = 2;
/** Responses the model gets after its last submission to post and note what it found. */
const WRAP_UP_TURNS = 3;
const NUDGE = 'Continue with a tool call: every reply should call at least one tool. Call finish when you are done.';
const LAST_SUBMISSION = 'That was your last submission. Post what you found (post_finding), update your notebook (write_notebook), then call finish.';

type Stopped = ResearcherResult['stopped'];

export async function runSession(
  kind: string,
  o: LlmOptions,
  makeProvider: (c: ProviderConfig) => ChatProvider,
  ctx: ResearcherContext,
): Promise<ResearcherResult> {
  const started = Date.now();
  const ws = new Workspace(ctx.workDir);
  const transcript = new Transcript(ws.nextTranscriptPath());
  const meter = new Meter(ctx.budget, o.prices, started);
  const provider = makeProvider({
    url: o.url, model: o.model, apiKey: o.apiKey, temperature: o.temperature, timeoutMs: o.timeoutMs, retries: o.retries,
    retryBaseMs: o.retryBaseMs, anthropicVersion: o.anthropicVersion, onExchange: (e) => transcript.write({ type: 'http', ...e }),
  });
  const env: ToolEnv = { ctx, ws, meter, smokeSeeds: o.smokeSeeds, pollMs: o.pollMs, w2sRoot: W2S_ROOT, submissions: new Map(), lastSnapshot: new Map() };
  const system = systemPrompt({ name: ctx.name, challenge: ctx.challenge, seeds: ctx.seeds, smokeSeeds: Math.min(o.smokeSeeds, ctx.seeds) });
  const tools = TOOLS.map((t) => toolSpec(t));
  transcript.write({ type: 'session', name: ctx.name, kind, model: o.model, url: o.url, challenge: ctx.challenge, direction: ctx.direction, budget: ctx.budget, prices: o.prices, system, tools });
  if (ctx.budget.maxCostUsd !== undefined && o.prices.inputUsdPerMTok === 0 && o.prices.outputUsdPerMTok === 0) {
    ctx.log(`${ctx.name}: no prices given (inputUsdPerMTok, outputUsdPerMTok): its tokens cost $0, so the cost limit never stops it`);
  }

  const opening = async (reset: boolean): Promise<ChatMessage> => ({
    role: 'user',
    content: openingMessage({ direction: directionText(ctx.direction), notebook: ws.readNotebook(), past: await ctx.client.mySubmissions(ctx.challenge), files: ws.listMethods(), budget: budgetLine(ctx, meter), reset }),
  });

  let stopped: Stopped | undefined;
  let error: string | undefined;
  let idle = 0;
  let wrapUp: number | undefined;
  try {
    let messages: ChatMessage[] = [await opening(false)];
    while (!stopped) {
      stopped = limitOf(ctx, meter);
      if (stopped) break;
      if (meter.lastInput > o.contextTokens) {
        transcript.write({ type: 'note', note: `context at ${meter.lastInput} tokens (limit ${o.contextTokens}): the conversation restarts from the notebook` });
        messages = [await opening(true)];
      }
      const maxTokens = meter.outputAllowance(o.maxOutputTokens);
      if (maxTokens === 0) {
        stopped = 'cost'; // tokens are left (limitOf said so), but the dollars left do not pay for one output token
        break;
      }
      const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(Math.max(1, meter.timeLeftMs()))]);
      const res = await provider.chat({ system, messages, tools, maxTokens, signal });
      meter.add(res.usage);
      transcript.write({ type: 'response', ...res, totals: meter.cost() });
      messages.push({ role: 'assistant', text: res.text, toolCalls: res.toolCalls });
      // A response that crossed a limit is kept in the transcript, but its tool calls are not run.
      stopped = limitOf(ctx, meter);
      if (stopped) break;
      if (res.toolCalls.length === 0) {
        if (++idle >= IDLE_REPLIES) stopped = wrapUp === undefined ? 'done' : 'submissions';
        else messages.push({ role: 'user', content: NUDGE });
        continue;
      }
      idle = 0;
      const results: ToolResult[] = [];
      for (const call of res.toolCalls) {
        const r = ctx.signal.aborted || meter.timeLeftMs() === 0
          ? { callId: call.id, name: call.name, content: 'error: not run: the session stopped', isError: true }
          : await runToolCall(TOOLS, call, env);
        transcript.write({ type: 'tool', call, result: r });
        results.push(r);
      }
      messages.push({ role: 'tool', results });
      if (env.finished !== undefined) stopped = wrapUp === undefined ? 'done' : 'submissions';
      else if (wrapUp === undefined && submissionsLeft(env) === 0) {
        wrapUp = WRAP_UP_TURNS;
        messages.push({ role: 'user', content: LAST_SUBMISSION });
      } else if (wrapUp !== undefined && --wrapUp <= 0) stopped = 'submissions';
    }
  } catch (e) {
    stopped = ctx.signal.aborted ? 'aborted' : meter.timeLeftMs() === 0 ? 'time' : 'error';
    if (stopped === 'error') error = (e as Error).message;
  }
  const submissions = await finalStates(ctx, env.submissions);
  const cost = meter.cost();
  transcript.write({ type: 'end', stopped, error, cost, summary: env.finished, submissions: submissions.map((s) => s.id) });
  ctx.log(`${ctx.name}: stopped (${stopped}${error ? `: ${error}` : ''}) after ${meter.responses} responses, ${cost.tokensIn}+${cost.tokensOut} tokens, $${cost.usd.toFixed(4)}`);
  return { name: ctx.name, kind, submissions, cost, stopped: stopped!, ...(error ? { error } : {}) };
}

function limitOf(ctx: ResearcherContext, meter: Meter): Stopped | undefined {
  return ctx.signal.aborted ? 'aborted' : meter.reached();
}

function budgetLine(ctx: ResearcherContext, meter: Meter): string {
  const b = ctx.budget;
  return [
    `${(meter.timeLeftMs() / 60_000).toFixed(1)} minutes`,
    b.maxSubmissions === undefined ? 'no submission limit' : `${b.maxSubmissions} submissions (smoke tests count)`,
    b.maxTokens === undefined ? 'no token limit' : `${b.maxTokens - meter.tokensIn - meter.tokensOut} tokens`,
    b.maxCostUsd === undefined ? 'no cost limit' : `$${(b.maxCostUsd - meter.usd).toFixed(2)}`,
  ].join(', ');
}

/** The submissions as the server last reported them (refreshed where the session stopped before they finished). */
async function finalStates(ctx: ResearcherContext, subs: Map<number, SubmissionInfo>): Promise<SubmissionInfo[]> {
  const out: SubmissionInfo[] = [];
  for (const s of subs.values()) {
    if (s.status === 'done' || s.status === 'failed' || ctx.signal.aborted) out.push(s);
    else out.push(await ctx.client.submission(s.id).catch(() => s));
  }
  return out;
}
