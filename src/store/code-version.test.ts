import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeVersion } from './code-version.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'w2s-version-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '9.8.7' }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('codeVersion', () => {
  it('is the package version outside a git checkout', () => {
    expect(codeVersion(dir)).toBe('9.8.7');
  });

  it.runIf(hasGit())('adds the short sha, and .dirty for uncommitted changes', () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    expect(codeVersion(dir)).toBe('9.8.7'); // no commit yet
    git('add', 'package.json');
    git('commit', '-q', '-m', 'init');
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
    expect(codeVersion(dir)).toBe(`9.8.7+${sha}`);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '9.8.7', edited: true }));
    expect(codeVersion(dir)).toBe(`9.8.7+${sha}.dirty`);
  });

  it('defaults to the w2s package', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(codeVersion().startsWith(pkg.version)).toBe(true);
  });

  it('throws when package.json has no version', () => {
    writeFileSync(join(dir, 'package.json'), '{}');
    expect(() => codeVersion(dir)).toThrow(/no "version"/);
  });
});
