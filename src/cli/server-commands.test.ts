/**
 * The platform's commands end to end in child processes: admin token and challenge on a
 * home, `w2s serve` on a free port, `w2s submit`, `w2s leaderboard`, `w2s post`, revoke.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toyData, VANILLA_SOURCE } from '../server/testing.js';
import { BIN, runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-serve-cli-'));
const home = join(dir, 'srv');
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

function w2s(args: string[], env: Record<string, string> = {}) {
  return runCli(args, { cwd: dir, env });
}

describe('w2s serve, admin, submit, leaderboard, post', () => {
  it('runs a challenge for a team from the command line', async () => {
    const data = toyData(dir);
    const created = await w2s(['admin', 'token', 'create', 'alice', '--home', home, '--scores-per-hour', '50']);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim().split('\n').pop()!;
    expect(token).toMatch(/^w2s_[0-9a-f]{12}_/);
    const dup = await w2s(['admin', 'token', 'create', 'alice', '--home', home]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/researcher "alice" exists/);

    const added = await w2s(['admin', 'challenge', 'add', 'toy', '--data', data, '--features-field', 'features', '--seeds', '2', '--home', home]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/challenge toy: features, classes neg\/pos, 2 seeds, proj8 -> raw/);
    const both = await w2s(['admin', 'challenge', 'add', 'x', '--task', 'spam', '--data', data, '--home', home]);
    expect(both.stderr).toMatch(/either --task NAME or --data FILE, not both/);

    server = spawn(process.execPath, [BIN, 'serve', '--home', home, '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((ok, fail) => {
      let out = '';
      server!.stdout!.on('data', (d) => {
        out += d;
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (m) ok(m[0]);
      });
      server!.on('close', (code) => fail(new Error(`w2s serve exited with ${code}`)));
    });
    const env = { W2S_SERVER: url, W2S_TOKEN: token };
    const method = join(dir, 'method.ts');
    writeFileSync(method, VANILLA_SOURCE);
    const sub = await w2s(['submit', method, '--challenge', 'toy', '--seeds', '2'], env);
    expect(sub.code, sub.stderr).toBe(0);
    const done = JSON.parse(sub.stdout);
    expect(done.status).toBe('done');
    expect(sub.stderr).toMatch(/released dev accuracy 0\.\d+/);

    const board = await w2s(['leaderboard', 'toy'], env);
    expect(board.code, board.stderr).toBe(0);
    expect(board.stdout).toMatch(new RegExp(`${done.id}\\s+alice`));
    expect(board.stdout).toMatch(/final scores appear when the challenge is revealed/);

    const post = await w2s(['post', 'Vanilla as a file', '--type', 'hypothesis', '--body', 'it matches vanilla', '--submission', String(done.id)], env);
    expect(post.code, post.stderr).toBe(0);
    expect(JSON.parse(post.stdout)).toMatchObject({ type: 'hypothesis', challenge: 'toy' });
    const result = await w2s(['post', 'A result on 2 seeds', '--type', 'result', '--body', 'x', '--submission', String(done.id)], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/at least 5 seeds/);

    expect((await w2s(['admin', 'token', 'revoke', 'alice', '--home', home])).stdout).toMatch(/revoked alice/);
    const after = await w2s(['leaderboard', 'toy'], env);
    expect(after.stderr).toMatch(/401 token revoked/);
  });
});
