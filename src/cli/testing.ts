/** Test helper: the `w2s` command run as a user runs it, in a child process. Used only by tests. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const BIN = resolve(import.meta.dirname, '../../bin/w2s.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/w2s.js ...args` in `cwd` and collects its output; `onSpawn` gets the pid (to interrupt it). */
export function runCli(args: string[], opts: { cwd: string; env?: Record<string, string>; onSpawn?: (pid: number) => void }): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: opts.env ? { ...process.env, ...opts.env } : process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
    opts.onSpawn?.(child.pid!);
  });
}
