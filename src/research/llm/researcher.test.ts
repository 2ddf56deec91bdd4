/**
 * LLM researchers end to end: a scripted model behind a local server speaking each wire
 * format drives the tools against an embedded w2s server on a tiny challenge — it reads
 * the challenge, writes a method, smoke-tests and submits it, reads its score, posts a
 * finding and writes its notebook, which the next session starts with.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { W2sClient } from '../../server/client.js';
import { methodRunner } from '../../server/queue/method-runner.js';
import { startServer, type RunningServer } from '../../server/serve.js';
import { VANILLA_SOURCE, challengeHome, type Fixture } from '../../server/testing.js';
import { makeResearcher, type ResearcherContext } from '../researcher.js';
import './index.js';
import { scriptedLlm, type ScriptStep, type WireFormat } from './testing.js';

let fx: Fixture;
let server: RunningServer;

beforeAll(async () => {
  fx = await challengeHome({ seeds: 5, researchers: { 'openai-1': {}, 'anthropic-1': {} } });
  server = await startServer({ home: fx.home, workers: 1, runner: methodRunner({ home: fx.home, cacheDir: fx.cacheDir, threads: 1, limits: { timeMs: 60_000 } }), worker: { pollMs: 50 } });
}, 300_000);
afterAll(async () => server?.close());

const json = (s: string) => JSON.parse(s);

/** The research session a scripted model plays, the same in either wire format. */
/** What the scripted model read back from the forum, the leaderboard and a snapshot. */
let reads: string[] = [];
let snapshotId = '';

const script = (tag: string): ScriptStep[] => [
  { calls: [{ name: 'read_challenge' }, { name: 'read_notebook' }], usage: { input: 1200, output: 40 } },
  { calls: [{ name: 'read_reference', args: { path: 'src/methods/TEMPLATE.ts' } }], usage: { input: 2500, output: 30 } },
  { calls: [{ name: 'write_method', args: { file: 'soft.ts', source: `${VANILLA_SOURCE}\n// ${tag}\n` } }], usage: { input: 6000, output: 300 } },
  { calls: [{ name: 'smoke_test', args: { file: 'soft.ts' } }], usage: { input: 6400, output: 20 } },
  { calls: [{ name: 'submit', args: { file: 'soft.ts', final: true } }], usage: { input: 6800, output: 20 } },
  (r) => ((snapshotId = json(r[0]).snapshot_id), { calls: [{ name: 'read_submissions', args: { id: json(r[0]).id } }], usage: { input: 7200, output: 20 } }),
  (r) => ({
    calls: [
      { name: 'post_finding', args: { type: 'result', title: `Soft labels (${tag})`, body: `vanilla soft labels: PGR ${json(r[0]).released.pgr}`, submission_id: json(r[0]).id } },
      { name: 'write_notebook', args: { content: `## ${tag}\nsoft.ts scored PGR ${json(r[0]).released.pgr} (submission ${json(r[0]).id}).` } },
    ],
    usage: { input: 7600, output: 120 },
  }),
  () => ({ calls: [{ name: 'read_forum', args: { q: `soft labels (${tag})` } }, { name: 'read_leaderboard' }, { name: 'read_snapshot', args: { id: snapshotId } }], usage: { input: 7900, output: 30 } }),
  (r) => ((reads = r), { calls: [{ name: 'finish', args: { summary: 'soft labels are the baseline' } }], usage: { input: 8000, output: 25 } }),
];

function context(name: string, workDir: string): ResearcherContext {
  return {
    client: new W2sClient(server.url, fx.tokens[name]), challenge: 'toy', name, direction: 'distillation', workDir,
    budget: { deadline: Date.now() + 240_000, maxSubmissions: 4 }, seeds: 5, log: () => {}, signal: new AbortController().signal,
  };
}

describe.each<WireFormat>(['openai', 'anthropic'])('an %s researcher end to end', (format) => {
  const name = `${format}-1`;
  const workDir = mkdtempSync(join(tmpdir(), `w2s-llm-${format}-`));
  const prices = { inputUsdPerMTok: '3', outputUsdPerMTok: '15' };

  it('writes a method, smoke-tests and submits it, reads its score, posts a finding and keeps a notebook', async () => {
    const llm = await scriptedLlm(format, script(format));
    process.env.W2S_TEST_LLM_KEY = 'sk-test';
    try {
      const researcher = makeResearcher(format, { url: llm.url, model: 'scripted', keyEnv: 'W2S_TEST_LLM_KEY', pollMs: '100', ...prices });
      const result = await researcher.run(context(name, workDir));
      expect(result.stopped, result.error).toBe('done');
      expect(result.submissions.map((s) => [s.seeds, s.status])).toEqual([[1, 'done'], [5, 'done']]);
      const scored = result.submissions[1];
      expect(scored.released!.pgr).not.toBeNull();
      expect([result.submissions[0].final, scored.final]).toEqual([false, true]);

      // Accounting: exactly the scripted usage, priced at $3 and $15 per million.
      const tokensIn = 1200 + 2500 + 6000 + 6400 + 6800 + 7200 + 7600 + 7900 + 8000;
      const tokensOut = 40 + 30 + 300 + 20 + 20 + 20 + 120 + 30 + 25;
      expect(result.cost).toMatchObject({ tokensIn, tokensOut });
      expect(result.cost.usd).toBeCloseTo((tokensIn * 3 + tokensOut * 15) / 1e6, 12);

      // What the server and the folder hold afterwards.
      const client = new W2sClient(server.url, fx.tokens[name]);
      const finding = (await client.findings({ challenge: 'toy', type: 'result' })).find((f) => f.researcher === name)!;
      expect(finding.submission_id).toBe(scored.id);
      expect(finding.body).toContain(`PGR ${scored.released!.pgr}`);
      expect(readFileSync(join(workDir, 'methods', 'soft.ts'), 'utf8')).toContain('submitted_vanilla');
      expect(readFileSync(join(workDir, 'notebook.md'), 'utf8')).toContain(`submission ${scored.id}`);
      // It read its finding back from the forum, its row from the leaderboard and its code from the snapshot.
      expect(json(reads[0]).findings.map((f: { id: number }) => f.id)).toContain(finding.id);
      expect(json(reads[1]).rows.map((row: { submission_id: number }) => row.submission_id)).toContain(scored.id);
      expect(json(reads[2]).source).toContain(`// ${format}`);

      // The wire format as each API defines it.
      const first = llm.requests[0];
      if (format === 'openai') {
        expect(first.headers.authorization).toBe('Bearer sk-test');
        expect(first.body.tools[0]).toMatchObject({ type: 'function', function: { name: 'read_challenge' } });
        expect(llm.requests[1].body.messages.filter((m: any) => m.role === 'tool').map((m: any) => m.tool_call_id)).toEqual(['call_1_0', 'call_1_1']);
      } else {
        expect(first.headers['x-api-key']).toBe('sk-test');
        expect(first.headers['anthropic-version']).toBe('2023-06-01');
        expect(first.body.tools[0]).toMatchObject({ name: 'read_challenge', input_schema: { type: 'object' } });
        expect(llm.requests[1].body.messages.at(-1).content.map((b: any) => b.tool_use_id)).toEqual(['toolu_1_0', 'toolu_1_1']);
      }

      // The transcript holds every request and response, tool call and result.
      const events = readFileSync(join(workDir, 'transcripts', 'session-1.jsonl'), 'utf8').trim().split('\n').map(json);
      const count = (t: string) => events.filter((e) => e.type === t).length;
      expect([count('session'), count('http'), count('response'), count('tool'), count('end')]).toEqual([1, 9, 9, 13, 1]);
      expect(events.find((e) => e.type === 'tool' && e.call.name === 'submit').result.content).toContain('"status": "done"');
    } finally {
      await llm.close();
    }
  }, 240_000);

  it('starts its next session with its notebook and its earlier submissions in the prompt', async () => {
    const llm = await scriptedLlm(format, [{ calls: [{ name: 'finish', args: { summary: 'nothing new' } }] }]);
    try {
      const result = await makeResearcher(format, { url: llm.url, model: 'scripted', keyEnv: 'W2S_TEST_LLM_KEY' }).run(context(name, workDir));
      expect(result.stopped).toBe('done');
      const body = llm.requests[0].body;
      const opening = format === 'openai' ? body.messages[1].content : body.messages[0].content[0].text;
      expect(opening).toContain(`## ${format}\nsoft.ts scored PGR`);
      expect(opening).toMatch(/#\d+ done on 5 seed\(s\)/);
      expect(opening).toContain('Your method files: soft.ts');
      expect(existsSync(join(workDir, 'transcripts', 'session-2.jsonl'))).toBe(true);
    } finally {
      await llm.close();
    }
  });

  it('stops at its submission limit after a last turn to post and note what it found', async () => {
    const llm = await scriptedLlm(format, [
      { calls: [{ name: 'smoke_test', args: { file: 'soft.ts' } }] },
      { calls: [{ name: 'submit', args: { file: 'soft.ts' } }] },
      { calls: [{ name: 'finish', args: { summary: 'out of submissions' } }] },
    ]);
    try {
      const ctx = { ...context(name, workDir), budget: { deadline: Date.now() + 120_000, maxSubmissions: 1 } };
      const result = await makeResearcher(format, { url: llm.url, model: 'scripted', keyEnv: 'W2S_TEST_LLM_KEY', pollMs: '100' }).run(ctx);
      expect(result.stopped).toBe('submissions');
      expect(result.submissions.map((s) => s.seeds)).toEqual([1]);
      expect(JSON.stringify(llm.requests[1].body.messages.at(-1))).toContain('That was your last submission');
      expect(JSON.stringify(llm.requests[2].body.messages)).toContain('error: submit failed: no submissions left: this session may make 1');
    } finally {
      await llm.close();
    }
  }, 120_000);
});
