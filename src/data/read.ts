import { readFileSync } from 'node:fs';
import { DataError } from './errors.js';

/** A file's bytes, or a DataError that says why it cannot be read; `flag` names the option that gave the path. */
export function readInput(file: string, flag?: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const via = flag ? ` (${flag})` : '';
    if (code === 'ENOENT') throw new DataError(file, `file not found; check the path${via}`);
    if (code === 'EISDIR') throw new DataError(file, `is a directory; give a file${via}`);
    if (code === 'EACCES' || code === 'EPERM') throw new DataError(file, 'cannot be read (permission denied); check its permissions');
    throw new DataError(file, `cannot be read: ${(e as Error).message}`);
  }
}
