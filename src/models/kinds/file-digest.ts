import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const memo = new Map<string, { stamp: string; digest: string }>();

/**
 * The SHA-256 of a file's bytes, remembered while the file's size and
 * modification time stay the same (run keys of a sweep hash one model file many times).
 */
export function fileDigest(path: string): string {
  const abs = resolve(path);
  const st = statSync(abs);
  const stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
  const m = memo.get(abs);
  if (m && m.stamp === stamp) return m.digest;
  const digest = createHash('sha256').update(readFileSync(abs)).digest('hex');
  memo.set(abs, { stamp, digest });
  return digest;
}
