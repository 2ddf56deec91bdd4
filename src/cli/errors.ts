/** CLI failures: bad usage exits 2, a failed run exits 1; both print one line unless --verbose. */
import { CommanderError } from 'commander';
import { DataError } from '../data/index.js';

/** The user asked for something that cannot work (unknown name, bad flag value, missing file). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Runs `fn`, turning the errors of a lookup (unknown task, model, method) into usage errors; DataErrors stay as they are. */
export async function asUsage<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Error && !(e instanceof UsageError) && !(e instanceof DataError)) throw new UsageError(e.message);
    throw e;
  }
}

/** Exit code and the line to print for an error that reached the top. */
export function describeError(e: unknown, verbose: boolean): { code: number; text: string } {
  if (e instanceof CommanderError) {
    // Commander has printed its own message (or the help) already.
    const ok = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0;
    return { code: ok ? 0 : 2, text: '' };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  const usage = err instanceof UsageError || err instanceof DataError;
  const line = `w2s: ${usage ? 'error: ' : ''}${err.message.split('\n')[0]}`;
  const hint = usage ? '' : verbose ? '' : ' (rerun with --verbose for details)';
  return { code: usage ? 2 : 1, text: verbose ? `${line}\n${err.stack ?? ''}` : `${line}${hint}` };
}
