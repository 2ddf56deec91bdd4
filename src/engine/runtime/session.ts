import { createHash } from 'node:crypto';
import os from 'node:os';
import * as ort from 'onnxruntime-node';
import { ExecutionProviderError } from '../errors.js';

export type Device = 'cpu' | 'cuda';
export const DEVICES: readonly Device[] = ['cpu', 'cuda'];
/** Environment variable with the default device for sessions that do not name one (the CLI's `--device` sets it, so sweep workers inherit it). */
export const DEVICE_ENV = 'W2S_DEVICE';

export interface RuntimeOptions {
  /** Intra-op threads; default: all cores. */
  threads?: number;
  /** Execution provider (default: $W2S_DEVICE, else 'cpu'); 'cuda' falls back to CPU with a warning when unavailable. */
  device?: Device;
  /** Throw instead of falling back when the device is unavailable. */
  strictDevice?: boolean;
  /**
   * Flush subnormal floats to zero in the session's kernels (default true).
   * A model that fits its batch drives softmax tails and Adam's second
   * moments below 1.2e-38, and subnormal arithmetic then runs ~15× slower on
   * x86 (a transformer block's training step went from 12 to 0.8 steps/s
   * once its loss reached 0). ONNX Runtime sets the flag on the threads that
   * run the session, the calling thread included, so JavaScript arithmetic in
   * the process flushes subnormal doubles (below 2.2e-308) from then on too.
   */
  denormalsAsZero?: boolean;
}

export interface SessionOptions extends RuntimeOptions {
  /** Share one session between identical models (default). Training sessions opt out: they hold dropout generator state. */
  cache?: boolean;
}

export const CUDA_INSTALL_HINT =
  "This project installs ONNX Runtime's CPU build (package.json's allowScripts skips onnxruntime-node's download script). " +
  'For the CUDA execution provider, install CUDA 12 and cuDNN 9, then run (with internet): ' +
  'ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install';

/** Set to a file prefix to write ONNX Runtime's per-kernel profile of every session created (JSON, Chrome trace format), for benchmarking. */
export const PROFILE_ENV = 'W2S_ORT_PROFILE';

const cache = new Map<string, Promise<ort.InferenceSession>>();
const warned = new Set<string>();

export function defaultThreads(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** The device sessions use when the caller names none: $W2S_DEVICE, else 'cpu'. */
export function defaultDevice(): Device {
  const v = process.env[DEVICE_ENV];
  if (v === undefined || v === '') return 'cpu';
  if (!(DEVICES as readonly string[]).includes(v)) throw new ExecutionProviderError(`${DEVICE_ENV}=${v} is not a device; use one of: ${DEVICES.join(', ')} (or unset it for cpu)`);
  return v as Device;
}

/** Creates (or reuses) an ONNX Runtime session for a serialised model. */
export function getSession(model: Uint8Array, opts: SessionOptions = {}): Promise<ort.InferenceSession> {
  const threads = opts.threads ?? defaultThreads();
  const device = opts.device ?? defaultDevice();
  const strict = opts.strictDevice ?? false;
  const daz = opts.denormalsAsZero ?? true;
  const profile = process.env[PROFILE_ENV] || undefined;
  if (opts.cache === false) return createSession(model, threads, device, strict, daz, profile);
  // Strictness is part of the key: a strict request must not be served a cached CPU fallback.
  const key = `${createHash('sha1').update(model).digest('hex')}:${threads}:${device}${strict ? ':strict' : ''}${daz ? '' : ':denormals'}${profile ? `:profile=${profile}` : ''}`;
  let s = cache.get(key);
  if (!s) {
    s = createSession(model, threads, device, strict, daz, profile);
    cache.set(key, s);
    s.catch(() => cache.delete(key));
  }
  return s;
}

async function createSession(model: Uint8Array, threads: number, device: Device, strict: boolean, daz: boolean, profile: string | undefined): Promise<ort.InferenceSession> {
  const base: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    ...(daz ? { extra: { session: { set_denormal_as_zero: '1' } } } : {}),
    ...(profile ? { enableProfiling: true, profileFilePrefix: profile } : {}),
  };
  if (device === 'cuda') {
    try {
      return await ort.InferenceSession.create(model, { ...base, executionProviders: ['cuda', 'cpu'] });
    } catch (e) {
      const msg = `CUDA execution provider unavailable (${(e as Error).message.split('\n')[0]}). ${CUDA_INSTALL_HINT}`;
      if (strict) throw new ExecutionProviderError(msg);
      if (!warned.has(msg)) {
        warned.add(msg);
        process.emitWarning(`${msg} Falling back to CPU.`);
      }
    }
  }
  return ort.InferenceSession.create(model, { ...base, executionProviders: ['cpu'] });
}

/** Drops cached sessions (releasing their native memory). */
export async function clearSessionCache(): Promise<void> {
  const all = [...cache.values()];
  cache.clear();
  for (const s of all) await (await s).release();
}
