/**
 * Crash-safe file writes. `writeFileAtomic` writes to a temporary file in the
 * target's directory, fsyncs it, renames it over the target (atomic on POSIX
 * within one file system) and fsyncs the directory, so a reader sees either the
 * old file or the whole new one, never a torn write. Missing parent folders are created.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let tempCounter = 0;

/** Writes `data` to `path` atomically (synchronous; see the module note). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  const temp = tempPath(path);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  mkdirSync(dir, { recursive: true });
  let fd = openSync(temp, 'wx');
  try {
    let written = 0;
    while (written < bytes.byteLength) written += writeSync(fd, bytes, written, bytes.byteLength - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    renameSync(temp, path);
  } catch (err) {
    if (fd >= 0) closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  syncDirectory(dir);
}

/** Writes `data` to `path` atomically, without blocking the event loop. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = tempPath(path);
  await mkdir(dir, { recursive: true });
  const handle = await open(temp, 'wx');
  let closed = false;
  try {
    await handle.writeFile(data);
    await handle.sync();
    closed = true;
    await handle.close();
    await rename(temp, path);
  } catch (err) {
    if (!closed) await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  const dirHandle = process.platform === 'win32' ? null : await open(dir, 'r');
  if (dirHandle) {
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }
}

/** Creates `path` and any missing parents; no-op when it exists. */
export function ensureDirSync(path: string): void {
  mkdirSync(path, { recursive: true });
}

/** Creates `path` and any missing parents; no-op when it exists. */
export async function ensureDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
}

/** A sibling of `path` unique to this process and call; opened with 'wx', so it never clobbers. */
function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${tempCounter++}.tmp`);
}

/** Makes a rename durable. Windows cannot open a directory for fsync; there the rename is left to the OS. */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
