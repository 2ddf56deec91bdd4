import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from './fs.js';

const secrets = new Map<string, Buffer>();

/**
 * The host's secret key for a folder (made on first use, 32 random bytes, mode
 * 0600): it salts the opaque ids methods see and signs cached artifacts and
 * stored runs. No method process can read it.
 */
export function hostSecret(dir: string): Buffer {
  const path = join(dir, 'secret.key');
  let s = secrets.get(path);
  if (s) return s;
  if (!existsSync(path)) {
    try {
      writeFileAtomicSync(path, randomBytes(32).toString('hex'));
      chmodSync(path, 0o600);
    } catch (e) {
      if (!existsSync(path)) throw e;
    }
  }
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${path} is not a w2s secret key (64 hex digits); delete it to make a new one (cached artifacts are then recomputed)`);
  s = Buffer.from(hex, 'hex');
  secrets.set(path, s);
  return s;
}

/** HMAC-SHA256 of parts joined unambiguously, hex. */
export function keyedHash(secret: Buffer, ...parts: (string | Uint8Array)[]): string {
  const h = createHmac('sha256', secret);
  for (const p of parts) {
    const b = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    const len = Buffer.alloc(8);
    len.writeBigUInt64BE(BigInt(b.byteLength));
    h.update(len).update(b);
  }
  return h.digest('hex');
}
