/** A session's full transcript as JSON lines: every HTTP exchange, response, tool call and result, in order. */
import { appendFileSync, writeFileSync } from 'node:fs';

export type TranscriptEvent =
  | { type: 'session'; [k: string]: unknown }
  | { type: 'http'; [k: string]: unknown }
  | { type: 'response'; [k: string]: unknown }
  | { type: 'tool'; [k: string]: unknown }
  | { type: 'note'; [k: string]: unknown }
  | { type: 'end'; [k: string]: unknown };

export class Transcript {
  constructor(readonly path: string) {
    writeFileSync(path, '');
  }

  /** Appends one event, timestamped; synchronous so that a crash loses nothing already written. */
  write(e: TranscriptEvent): void {
    appendFileSync(this.path, `${JSON.stringify({ at: new Date().toISOString(), ...e })}\n`);
  }
}
