import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { writeFileAtomicSync } from './fs.js';
import { hostSecret, keyedHash } from './secret.js';
import { timingSafeEqual } from 'node:crypto';

/**
 * Cached artifacts carry a seal: a keyed hash of their bytes in `<file>.seal`,
 * with the cache folder's secret key. A file that was corrupted, swapped or
 * written without the key does not verify, and is recomputed.
 */
const sealPath = (path: string) => `${path}.seal`;

function sealOf(root: string, path: string, bytes: Uint8Array): string {
  return keyedHash(hostSecret(root), 'artifact', basename(path), bytes);
}

/** Writes an artifact and then its seal, each atomically. `root` is the cache folder whose key signs it. */
export function writeSealed(root: string, path: string, bytes: Uint8Array | string): void {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  writeFileAtomicSync(path, b);
  writeFileAtomicSync(sealPath(path), sealOf(root, path, b));
}

/**
 * The artifact's bytes when it exists and its seal verifies; undefined when it
 * is missing, or when it does not verify (then `warn` is told, the file is
 * removed, and the caller recomputes it).
 */
export function readSealed(root: string, path: string, warn: (m: string) => void = (m) => process.stderr.write(`w2s: warning: ${m}\n`)): Buffer | undefined {
  if (!existsSync(path)) return undefined;
  const bytes = readFileSync(path);
  const want = sealOf(root, path, bytes);
  const have = existsSync(sealPath(path)) ? readFileSync(sealPath(path), 'utf8').trim() : '';
  if (have.length === want.length && timingSafeEqual(Buffer.from(have), Buffer.from(want))) return bytes;
  warn(`${path}: the cached file does not match its seal (corrupted, replaced, or from an older w2s); computing it again`);
  rmSync(path, { force: true });
  rmSync(sealPath(path), { force: true });
  return undefined;
}


/** Seals a file another writer has just written (atomically) in place. */
export function sealFile(root: string, path: string): void {
  writeFileAtomicSync(sealPath(path), sealOf(root, path, readFileSync(path)));
}
