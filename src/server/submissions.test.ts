/**
 * Submissions end to end through the embedded queue and the method runner: the server
 * runs the method, scores it itself, and keeps serving when a method crashes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { W2sClient } from './client.js';
import { methodRunner } from './queue/method-runner.js';
import { startServer, type RunningServer } from './serve.js';
import { setChallengeState } from './db/challenges.js';
import { CRASHING_SOURCE, SPINNING_SOURCE, VANILLA_SOURCE, challengeHome, type Fixture } from './testing.js';

let fx: Fixture;
let server: RunningServer;
const client = (name: string) => new W2sClient(server.url, fx.tokens[name]);

beforeAll(async () => {
  fx = await challengeHome({ researchers: { ann: {}, ben: {}, cat: {}, dan: { computeHours: 1e-7 } } });
  server = await startServer({ home: fx.home, workers: 2, runner: methodRunner({ home: fx.home, cacheDir: fx.cacheDir, threads: 1, limits: { timeMs: 15_000 } }), worker: { pollMs: 50 } });
});
afterAll(async () => server?.close());

describe('submissions', () => {
  it('runs submissions from several researchers at once and scores each from its own predictions', async () => {
    const subs = await Promise.all(
      (['ann', 'ben', 'cat'] as const).map((n, i) => client(n).submit('toy', { method: `${VANILLA_SOURCE}\n// ${n}`, params: {}, seeds: 2, final: i === 0 })),
    );
    expect(subs.map((s) => s.status)).toEqual(['queued', 'queued', 'queued']);
    const done = await Promise.all(subs.map((s, i) => client((['ann', 'ben', 'cat'] as const)[i]).wait(s.id, { intervalMs: 100, timeoutMs: 100_000 })));
    const eta = (await client('ann').challenge('toy')).holdout.eta;
    for (const d of done) {
      expect(d.status, d.logs ?? '').toBe('done');
      expect(d.attempts).toBe(1);
      expect(d.released!.accuracy).toBeGreaterThan(0.5);
      expect(Math.abs(d.released!.accuracy / eta - Math.round(d.released!.accuracy / eta))).toBeLessThan(1e-9); // a multiple of η
      expect(d.final_scores).toBeNull(); // not revealed
    }
    // Same source apart from a comment: three snapshots, content-addressed.
    expect(new Set(done.map((d) => d.snapshot_id)).size).toBe(3);
    const snap = await client('ben').snapshot(done[0].snapshot_id);
    expect(snap.source).toContain('submitted_vanilla');
    // Another researcher sees the status but not the logs.
    expect((await client('ben').submission(done[0].id)).logs).toBeNull();
    expect((await client('ann').submission(done[0].id)).logs).toMatch(/attempt 1 started/);

    const board = await client('cat').leaderboard('toy');
    expect(board.rows).toHaveLength(3);
    expect(board.rows.every((r) => r.final_scores === null)).toBe(true);
    setChallengeState(server.sdb, 'toy', { revealed: true });
    const revealed = await client('cat').leaderboard('toy');
    const annRow = revealed.rows.find((r) => r.researcher === 'ann')!;
    expect(annRow.final_scores!.pgr.low!).toBeLessThanOrEqual(annRow.final_scores!.pgr.estimate!);
    // Vanilla submitted as a file is the vanilla baseline: the paired difference is about zero.
    expect(Math.abs(annRow.final_scores!.vs_vanilla.estimate!)).toBeLessThan(0.05);
    setChallengeState(server.sdb, 'toy', { revealed: false });
  });

  it('fails a crashing method with its log and error, and keeps serving', async () => {
    const s = await client('ben').submit('toy', { method: CRASHING_SOURCE, seeds: 1 });
    const d = await client('ben').wait(s.id, { intervalMs: 100, timeoutMs: 60_000 });
    expect(d.status).toBe('failed');
    expect(d.attempts).toBe(1); // a method's own failure is not retried
    expect(d.error).toMatch(/this method crashes on purpose/);
    expect(d.logs).toMatch(/this method crashes on purpose/);
    expect((await client('ben').health()).ok).toBe(true);
    expect((await client('ben').challenges()).map((c) => c.name)).toEqual(['toy']);
  });

  it('fails a method that runs past its time limit, with its log, and keeps serving', async () => {
    const s = await client('cat').submit('toy', { method: SPINNING_SOURCE, seeds: 1 });
    const d = await client('cat').wait(s.id, { intervalMs: 200, timeoutMs: 90_000 });
    expect(d.status).toBe('failed');
    expect(d.error).toMatch(/ran past its time limit of 15 s/);
    expect((await client('cat').health()).ok).toBe(true);
  });

  it('checks seeds and finals at the boundary', async () => {
    await expect(client('cat').submit('toy', { method: VANILLA_SOURCE, seeds: 3 })).rejects.toThrow(/at most 2/);
    await expect(client('cat').submit('toy', { method: VANILLA_SOURCE, seeds: 0 })).rejects.toThrow(/seeds: Too small/i);
    await expect(client('cat').submit('toy', { method: VANILLA_SOURCE, seeds: 1, parent: 'f'.repeat(64) })).rejects.toThrow(/parent snapshot .* does not exist/);
  });

  it('allows a few final submissions per researcher and challenge (3 by default)', async () => {
    for (let i = 0; i < 2; i++) await client('ann').submit('toy', { method: `${VANILLA_SOURCE}\n// final ${i}`, seeds: 1, final: true });
    const err = await client('ann').submit('toy', { method: VANILLA_SOURCE, seeds: 1, final: true }).catch((e) => e);
    expect(err.status).toBe(403); // ann's first submission was a final too
    expect(err.message).toMatch(/ann has used the 3 final submissions of toy/);
  });

  it('refuses submissions once the compute budget is spent, and links a child snapshot to its parent', async () => {
    const first = await client('dan').submit('toy', { method: VANILLA_SOURCE, seeds: 1 });
    await client('dan').wait(first.id, { intervalMs: 100, timeoutMs: 60_000 });
    const err = await client('dan').submit('toy', { method: VANILLA_SOURCE, seeds: 1, parent: first.snapshot_id }).catch((e) => e);
    expect(err.status).toBe(403);
    expect(err.message).toMatch(/dan has used its compute budget/);
    const child = await client('cat').submit('toy', { method: `${VANILLA_SOURCE}\n// child`, seeds: 1, parent: first.snapshot_id });
    expect(child.parent_id).toBe(first.snapshot_id);
    await client('cat').wait(child.id, { intervalMs: 100, timeoutMs: 60_000 });
  });
});

describe('forum', () => {
  it('posts findings, needs 5 seeds for a result, comments, votes and searches', async () => {
    const subs = await client('ann').submit('toy', { method: VANILLA_SOURCE, seeds: 1 });
    await client('ann').wait(subs.id, { intervalMs: 100, timeoutMs: 60_000 });
    await expect(client('ann').post({ type: 'result', title: 'vanilla works', body: 'see submission', submission_id: subs.id })).rejects.toThrow(/at least 5 seeds/);
    await expect(client('ann').post({ type: 'result', title: 'no evidence', body: 'trust me' })).rejects.toThrow(/must link its evidence/);
    const h = await client('ann').post({ type: 'hypothesis', title: 'Soft labels beat hard labels', body: 'on toy, vanilla soft', submission_id: subs.id });
    expect(h.challenge).toBe('toy');
    await client('ben').post({ type: 'negative', title: 'Temperature did nothing', body: 'T=0.5 same as vanilla' });
    await client('ben').comment(h.id, 'which seed?');
    expect((await client('ben').vote(h.id, 1)).votes).toBe(1);
    expect((await client('cat').vote(h.id, 1)).votes).toBe(2);
    expect((await client('cat').vote(h.id, -1)).votes).toBe(0); // a new vote replaces the old
    const found = await client('cat').findings({ q: 'soft LABELS' });
    expect(found.map((f) => f.id)).toEqual([h.id]);
    expect(found[0].comments).toBe(1);
    expect((await client('cat').findings({ type: 'negative' })).map((f) => f.title)).toEqual(['Temperature did nothing']);
  });
});
