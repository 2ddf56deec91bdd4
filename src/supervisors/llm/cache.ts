/**
 * LLM answers on disk, one JSON file per request, keyed by the hash of
 * (endpoint, model, the full prompt with the example filled in, the sampling
 * settings). Written atomically, so an interrupted run leaves whole answers
 * only; a rerun finds them and sends nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/fs.js';
import { configHash } from '../../util/hash.js';
import type { LlmAnswer } from './api.js';

export interface AnswerKey {
  endpoint: string;
  model: string;
  request: unknown;
}

export class AnswerCache {
  constructor(readonly dir: string) {}

  pathOf(key: AnswerKey): string {
    const h = configHash({ ...key, version: 1 });
    return join(this.dir, h.slice(0, 2), `${h}.json`);
  }

  get(key: AnswerKey): LlmAnswer | null {
    const path = this.pathOf(key);
    if (!existsSync(path)) return null;
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as LlmAnswer;
    } catch (e) {
      throw new Error(`${path}: unreadable cached LLM answer (${(e as Error).message}); delete the file to ask again`);
    }
  }

  async put(key: AnswerKey, answer: LlmAnswer): Promise<void> {
    await writeFileAtomic(this.pathOf(key), JSON.stringify(answer));
  }
}
