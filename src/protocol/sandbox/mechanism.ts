import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * How a method process is confined.
 * - `bwrap`: bubblewrap — its own mount, network, PID and IPC namespaces; it sees
 *   only the system's libraries, ONNX Runtime, its bundle and a scratch folder —
 *   plus Node's permission model inside.
 * - `node`: Node's permission model only (no file reads outside the bundle and
 *   ONNX Runtime, no writes outside scratch, no child processes or workers), where
 *   bubblewrap is missing. It does not stop network connections, and a native
 *   addon could bypass the file rules.
 * - `off`: the method runs in the host process (unsafe: for the library API and tests).
 */
export type SandboxKind = 'bwrap' | 'node' | 'off';
export type SandboxRequest = SandboxKind | 'auto';

export const SANDBOX_ENV = 'W2S_SANDBOX';

export function parseSandbox(v: string | undefined): SandboxRequest {
  const s = v ?? 'auto';
  if (s === 'auto' || s === 'bwrap' || s === 'node' || s === 'off') return s;
  throw new Error(`--sandbox (or ${SANDBOX_ENV}) must be auto, bwrap, node or off, got "${s}"`);
}

let bwrapWorks: boolean | undefined;

/** Whether bubblewrap is installed and can make namespaces here (a container may forbid it). */
export function bwrapAvailable(): boolean {
  bwrapWorks ??= spawnSync('bwrap', ['--unshare-all', '--die-with-parent', '--ro-bind', '/', '/', 'true'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
  return bwrapWorks;
}

/** The mechanism a request resolves to here, with what the user must be told when it is weaker than asked. */
export function resolveSandbox(req: SandboxRequest): { kind: SandboxKind; warning?: string } {
  if (req === 'off') return { kind: 'off', warning: 'methods run in this process (--sandbox off): a method can read the data, the store and the cache, and change later runs; use it only for code you trust' };
  if (req === 'node') return { kind: 'node', warning: NODE_ONLY };
  if (bwrapAvailable()) return { kind: 'bwrap' };
  if (req === 'bwrap') throw new Error('--sandbox bwrap: bubblewrap is not installed or cannot create namespaces here (apt-get install bubblewrap; in a container allow user namespaces)');
  return { kind: 'node', warning: `bubblewrap is not available here, so ${NODE_ONLY}; install bubblewrap (apt-get install bubblewrap) for the full sandbox` };
}

const NODE_ONLY = "method processes run under Node's permission model only: they cannot read your files, write outside scratch or start processes, but they can open network connections, and a native addon could bypass the file rules";

export interface ConfineOptions {
  kind: Exclude<SandboxKind, 'off'>;
  /** The method process's program, inside one of the readable folders. */
  entry: string;
  /** Folders it may read (its bundles, ONNX Runtime). */
  readable: string[];
  /** The one folder it may write. */
  scratch: string;
  memoryMb: number;
}

/** The permission flag of this Node version (`--permission` from 22, `--experimental-permission` on 20). */
function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

/** The command that starts a confined method process: [program, ...args]. */
export function confinedCommand(o: ConfineOptions): string[] {
  const node = [
    process.execPath,
    permissionFlag(),
    ...o.readable.map((d) => `--allow-fs-read=${d}`),
    `--allow-fs-write=${o.scratch}`,
    '--allow-addons',
    '--no-warnings',
    `--max-old-space-size=${o.memoryMb}`,
    o.entry,
  ];
  // A cap on the whole process's writable memory (ONNX Runtime and array buffers allocate outside the JS heap).
  // RLIMIT_DATA rather than RLIMIT_AS: address space that is only reserved (WebAssembly's guard regions) does not count.
  const limited = existsSync('/usr/bin/prlimit') ? ['/usr/bin/prlimit', `--data=${(o.memoryMb + 1024) * 1024 * 1024}`, '--', ...node] : node;
  if (o.kind === 'node') return limited;
  return ['bwrap', '--unshare-all', '--die-with-parent', '--new-session', ...systemMounts(), '--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp',
    ...o.readable.flatMap((d) => ['--ro-bind', d, d]), '--bind', o.scratch, o.scratch, '--chdir', o.scratch, ...limited];
}

/** Read-only system folders the Node binary and ONNX Runtime's shared libraries need; nothing of the user's. */
function systemMounts(): string[] {
  const out = ['--ro-bind', '/usr', '/usr'];
  for (const d of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    if (!existsSync(d)) continue;
    const st = lstatSync(d);
    if (st.isSymbolicLink()) out.push('--symlink', readlinkSync(d), d);
    else out.push('--ro-bind', d, d);
  }
  for (const f of ['/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d']) if (existsSync(f)) out.push('--ro-bind', f, f);
  // A Node installed outside /usr (nvm, a tarball): its folder, read-only.
  const prefix = dirname(dirname(realpathSync(process.execPath)));
  if (!prefix.startsWith('/usr')) out.push('--ro-bind', prefix, prefix);
  return out;
}
