/**
 * `w2s serve --redis` and `w2s worker --redis` end to end in child processes, with a real
 * redis-server: the worker has a home of its own (as on another machine), runs the
 * submitted method in the sandbox, and the server scores it into its store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../server/queue/fixtures/redis-server.js';
import { toyData, VANILLA_SOURCE } from '../server/testing.js';
import { BIN, runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-redis-cli-'));
const home = join(dir, 'srv');
const workerHome = join(dir, 'elsewhere');
let redis: TestRedis;
const running: ChildProcess[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  running.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
  await Promise.all(running.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function w2s(args: string[], env: Record<string, string> = {}) {
  return runCli(args, { cwd: dir, env });
}

/** A long-running command; resolves once `ready` matches its output. */
function daemon(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  return new Promise((ok, fail) => {
    let out = '';
    const look = (d: Buffer) => {
      out += d;
      const m = ready.exec(out);
      if (m) ok({ child, match: m[0] });
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.on('close', (code) => fail(new Error(`w2s ${args[0]} exited with ${code}:\n${out}`)));
  });
}

describe('w2s serve --redis, w2s worker --redis', () => {
  it('runs a submission on a worker that shares only Redis with the server', async () => {
    const created = await w2s(['admin', 'token', 'create', 'alice', '--home', home]);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim().split('\n').pop()!;
    const added = await w2s(['admin', 'challenge', 'add', 'toy', '--data', toyData(dir), '--features-field', 'features', '--seeds', '1', '--home', home]);
    expect(added.code, added.stderr).toBe(0);

    const { match: url } = await daemon(['serve', '--home', home, '--port', '0', '--redis', redis.url, '--workers', '0'], /http:\/\/127\.0\.0\.1:\d+/);
    await daemon(['worker', '--redis', redis.url, '--home', workerHome], /w2s worker: 1 loop\(s\) on BullMQ/);
    const method = join(dir, 'method.ts');
    writeFileSync(method, VANILLA_SOURCE);
    const sub = await w2s(['submit', method, '--challenge', 'toy', '--seeds', '1'], { W2S_SERVER: url, W2S_TOKEN: token });
    expect(sub.code, sub.stderr).toBe(0);
    const done = JSON.parse(sub.stdout);
    expect(done).toMatchObject({ status: 'done', attempts: 1 });
    expect(done.logs).toMatch(/attempt 1 started on worker .+:\d+/);
    expect(sub.stderr).toMatch(/released dev accuracy 0\.\d+/);
    // The method ran on the worker's home; the server's home never saw its file.
    expect(readdirSync(join(workerHome, 'snapshots'))).toEqual([`${done.snapshot_id}.mts`]);
    expect(existsSync(join(home, 'snapshots'))).toBe(false);
  }, 240_000);

  it('refuses a --redis that is not a Redis URL, or where nothing answers, before serving', async () => {
    const bad = await w2s(['serve', '--home', home, '--redis', 'localhost:6379']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--redis localhost:6379 uses localhost:; give a redis:\/\/ or rediss:\/\/ URL/);
    const down = await w2s(['worker', '--redis', 'redis://127.0.0.1:1']);
    expect(down.code).not.toBe(0);
    expect(down.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1: .*start redis-server there or fix --redis/);
  }, 60_000);
});
