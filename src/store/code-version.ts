import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version of the code that produced a run: package.json's version, plus
 * `+<git short sha>` when `root` is in a git checkout with a commit, plus
 * `.dirty` when tracked files have uncommitted changes. E.g. "0.1.0",
 * "0.1.0+3f2a9c1", "0.1.0+3f2a9c1.dirty". Without git (not installed, not a
 * checkout, no commit yet) it is the package version alone; it never throws for
 * git's sake. `root` defaults to the folder holding the w2s package.json.
 */
export function codeVersion(root: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)))): string {
  const pkgPath = join(root, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string' || pkg.version.length === 0) throw new Error(`${pkgPath} has no "version" string`);
  const sha = git(root, ['rev-parse', '--short', 'HEAD']);
  if (!sha) return pkg.version;
  const dirty = git(root, ['status', '--porcelain', '--untracked-files=no']);
  return `${pkg.version}+${sha}${dirty ? '.dirty' : ''}`;
}

/** Nearest folder at or above `start` holding a package.json. */
function findPackageRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json found at or above ${start}`);
    dir = parent;
  }
}

/** git's trimmed stdout, or '' when git is absent or the command fails (e.g. not a checkout). */
function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return '';
  }
}
