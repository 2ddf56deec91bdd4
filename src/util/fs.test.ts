import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDir, ensureDirSync, writeFileAtomic, writeFileAtomicSync } from './fs.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'w2s-fs-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes and replaces a file, leaving no temp files', async () => {
    const path = join(dir, 'a.json');
    await writeFileAtomic(path, '{"v":1}');
    expect(readFileSync(path, 'utf8')).toBe('{"v":1}');
    await writeFileAtomic(path, new Uint8Array([104, 105]));
    expect(readFileSync(path, 'utf8')).toBe('hi');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });
  it('sync variant writes large binary data whole', () => {
    const path = join(dir, 'b.bin');
    writeFileSync(path, 'old');
    const data = new Uint8Array(3_000_000).map((_, i) => i % 251);
    writeFileAtomicSync(path, data);
    const back = readFileSync(path);
    expect(back.byteLength).toBe(data.byteLength);
    expect(back.equals(data)).toBe(true);
    expect(readdirSync(dir)).toEqual(['b.bin']);
  });
  it('fails without touching the target or leaving a temp file when the rename fails', async () => {
    const target = join(dir, 'sub');
    ensureDirSync(join(target, 'child')); // a non-empty directory cannot be replaced by a file
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(() => writeFileAtomicSync(target, 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['sub']);
    expect(readdirSync(target)).toEqual(['child']);
  });
  it('creates missing parent directories', async () => {
    const target = join(dir, 'nope', 'deeper', 'a.txt');
    await writeFileAtomic(target, 'x');
    writeFileAtomicSync(join(dir, 'nope2', 'b.txt'), 'y');
    expect(readFileSync(target, 'utf8')).toBe('x');
    expect(readFileSync(join(dir, 'nope2', 'b.txt'), 'utf8')).toBe('y');
  });
});

describe('ensureDir', () => {
  it('creates nested directories and is idempotent', async () => {
    const nested = join(dir, 'a', 'b', 'c');
    await ensureDir(nested);
    await ensureDir(nested);
    expect(existsSync(nested)).toBe(true);
    ensureDirSync(join(dir, 'x', 'y'));
    expect(existsSync(join(dir, 'x', 'y'))).toBe(true);
  });
});
