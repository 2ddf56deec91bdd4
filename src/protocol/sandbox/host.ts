import type { StudentExpect } from '../../contract/student-setup.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStudentValue } from '../../contract/student-value.js';
import type { MethodMeta, MethodSpec, MethodView } from '../../contract/view.js';
import type { HostChannel } from '../../runtime/host-channel.js';
import type { MethodOutcome } from '../../runtime/run-method.js';
import type { FromMethod, ToMethod } from '../../sandbox/messages.js';
import { methodProcessBundle, onnxRuntimeDirs } from './bundle.js';
import { confinedCommand, type SandboxKind } from './mechanism.js';
import { checkMeta } from './check-meta.js';
import { cleanNotes } from '../../contract/notes.js';

export interface MethodProcessLimits {
  /** Wall time for the whole method phase (default 30 min). */
  timeMs: number;
  /** JS heap and address-space budget, MB (default 8192). */
  memoryMb: number;
}

export const DEFAULT_LIMITS: MethodProcessLimits = { timeMs: 30 * 60_000, memoryMb: 8192 };

const MAX_LOG_LINES = 2000;
const MAX_OUTPUT = 64 * 1024;

/**
 * One method process, confined: it loads the method (`load`), then runs it on
 * a view (`run`). Every message from it is checked; a crash, a time-out or a
 * malformed answer fails the run with the process's output tail, and kills it.
 */
export class MethodProcess {
  private readonly child: ChildProcess;
  private readonly dir: string;
  private output = '';
  private handler: ((m: FromMethod) => void) | undefined;
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private onExit: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  private constructor(child: ChildProcess, dir: string) {
    this.child = child;
    this.dir = dir;
    const keep = (b: Buffer) => {
      if (this.output.length < MAX_OUTPUT) this.output += b.toString('utf8').slice(0, MAX_OUTPUT - this.output.length);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('message', (m) => this.handler?.(m as FromMethod));
    // 'close', not 'exit': it comes after the IPC channel has delivered every message the process sent.
    child.on('close', (code, signal) => {
      this.exited = { code, signal };
      this.onExit?.();
    });
    child.on('error', (e) => {
      this.output += `\n${e.message}`;
      this.exited ??= { code: null, signal: null };
      this.onExit?.();
    });
  }

  /** Starts a confined method process and loads the method into it; answers with what the method declares. */
  static async start(spec: MethodSpec & { code?: string }, kind: Exclude<SandboxKind, 'off'>, limits: MethodProcessLimits = DEFAULT_LIMITS): Promise<{ proc: MethodProcess; meta: MethodMeta }> {
    const program = await methodProcessBundle();
    const dir = mkdtempSync(join(tmpdir(), 'w2s-method-'));
    const bundles = join(dir, 'bundle');
    const scratch = join(dir, 'scratch');
    mkdirSync(bundles);
    mkdirSync(scratch);
    const entry = join(bundles, 'method-process.mjs');
    writeFileSync(entry, program.code);
    let sent: MethodSpec = spec;
    if (spec.kind === 'file') {
      const path = join(bundles, 'method.mjs');
      writeFileSync(path, spec.code ?? '');
      sent = { kind: 'file', source: spec.source, bundle: path, hash: spec.hash };
    }
    chmodSync(bundles, 0o555);
    const [cmd, ...args] = confinedCommand({ kind, entry, readable: [bundles, ...onnxRuntimeDirs()], scratch, memoryMb: limits.memoryMb });
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: { PATH: '/usr/bin:/bin', HOME: scratch, TMPDIR: scratch, LANG: 'C.UTF-8' },
      cwd: scratch,
      detached: true,
    });
    const proc = new MethodProcess(child, dir);
    proc.timer = setTimeout(() => proc.kill(`it ran past its time limit of ${Math.round(limits.timeMs / 1000)} s`), limits.timeMs);
    proc.timer.unref();
    const meta = await proc.exchange<MethodMeta>({ t: 'load', method: sent }, (m, done) => {
      if (m.t === 'meta') done(checkMeta(m.meta));
      else return false;
      return true;
    });
    return { proc, meta };
  }

  /** Runs the loaded method on its view; oracle queries and log lines go to `host`. */
  run(view: MethodView, host: HostChannel, expect: StudentExpect): Promise<MethodOutcome> {
    let budgetDeclared = false;
    let logLines = 0;
    return this.exchange<MethodOutcome>({ t: 'run', view }, (m, done, fail) => {
      switch (m.t) {
        case 'budget':
          if (budgetDeclared || !Number.isInteger(m.budget) || m.budget < 0) return fail('declared its oracle budget twice or not as a non-negative integer');
          budgetDeclared = true;
          host.declareBudget(m.budget).then(() => this.send({ t: 'budget-ok' }), (e: Error) => fail(e.message));
          return true;
        case 'oracle': {
          const id = m.id;
          if (!budgetDeclared || !Number.isInteger(id) || !(m.rows instanceof Int32Array)) return fail('sent a malformed oracle query');
          host.oracle(m.rows).then(
            (r) => this.send({ t: 'oracle-reply', id, labels: r.labels, used: r.used }),
            (e: Error) => this.send({ t: 'oracle-reply', id, error: e.message }),
          );
          return true;
        }
        case 'log':
          if (typeof m.message === 'string' && ++logLines <= MAX_LOG_LINES) host.log(m.message.slice(0, 2000));
          return true;
        case 'result': {
          const o = m.outcome as unknown as Record<string, unknown> | undefined;
          if (!o || typeof o !== 'object') return fail('sent a result that is not an object');
          const student = checkStudentValue(o.student, expect);
          const trained = Number.isInteger(o.studentsTrained) && (o.studentsTrained as number) >= 1 ? (o.studentsTrained as number) : 1;
          done({ student, notes: cleanNotes(o.notes), studentsTrained: trained });
          return true;
        }
        default:
          return false;
      }
    });
  }

  /** Sends a message and resolves when `on` calls done; an error message, an exit or a malformed message fails it. */
  private exchange<T>(msg: ToMethod, on: (m: FromMethod, done: (v: T) => void, fail: (why: string) => boolean) => boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const done = (v: T) => {
        settled = true;
        this.handler = undefined;
        resolve(v);
      };
      const fail = (why: string): boolean => {
        if (!settled) {
          settled = true;
          this.handler = undefined;
          this.kill();
          reject(new Error(`the method process ${why}${this.tail()}`));
        }
        return true;
      };
      this.handler = (m) => {
        if (settled) return;
        try {
          if (!m || typeof m !== 'object') return void fail('sent a message that is not an object');
          if (m.t === 'error') return void fail(`failed: ${String(m.message).slice(0, 4000)}`);
          if (!on(m, done, fail)) fail(`sent an unexpected message ${JSON.stringify(String((m as { t?: unknown }).t))}`);
        } catch (e) {
          fail((e as Error).message);
        }
      };
      this.onExit = () => {
        const how = this.killedFor ?? (this.exited?.signal ? `was killed by ${this.exited.signal}` : `exited with code ${this.exited?.code}`);
        fail(`${how} before answering`);
      };
      if (this.exited) return this.onExit();
      this.send(msg);
    });
  }

  private killedFor: string | undefined;

  private send(m: ToMethod): void {
    if (this.child.connected) this.child.send(m);
  }

  private tail(): string {
    const t = this.output.trim();
    return t ? `\n--- method process output (last lines) ---\n${t.split('\n').slice(-30).join('\n')}` : '';
  }

  /** The process's captured stdout and stderr (bounded). */
  get log(): string {
    return this.output;
  }

  /** Ends the process (its whole process group) and removes its folder. */
  kill(reason?: string): void {
    if (reason && !this.killedFor) this.killedFor = reason;
    if (this.timer) clearTimeout(this.timer);
    if (this.exited === undefined && this.child.pid) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        this.child.kill('SIGKILL');
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

