import { readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { cheat } from './cheat.js';

/**
 * Reads what holds labels (the data file, the store, the cache) and a canary
 * outside the project; tries to tamper with the store and the cache. Any byte
 * it reads goes into its log, where the test looks for it.
 */
export default cheat('cheat_files', async (ctx, p) => {
  const got: string[] = [];
  for (const path of [p.data, p.store, p.canary, `/proc/${process.ppid}/environ`, '/etc/passwd']) {
    try {
      got.push(readFileSync(path, 'utf8').slice(0, 200));
    } catch (e) {
      ctx.log(`read ${path}: ${(e as NodeJS.ErrnoException).code}`);
    }
  }
  try {
    got.push(readdirSync(p.cache).join(','));
  } catch (e) {
    ctx.log(`list ${p.cache}: ${(e as NodeJS.ErrnoException).code}`);
  }
  for (const path of [p.store, `${p.cache}/poison.txt`]) {
    try {
      appendFileSync(path, 'tampered');
      got.push(`wrote ${path}`);
    } catch (e) {
      ctx.log(`write ${path}: ${(e as NodeJS.ErrnoException).code}`);
    }
  }
  try {
    writeFileSync(`${process.cwd()}/scratch-ok.txt`, 'scratch is writable');
  } catch (e) {
    ctx.log(`scratch: ${(e as NodeJS.ErrnoException).code}`);
  }
  for (const g of got) ctx.log(`GOT ${g}`);
  return null;
});
