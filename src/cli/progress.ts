/**
 * A progress bar on stderr with done/total, rate and ETA. On a terminal it
 * redraws one line; elsewhere (pipes, CI logs) it prints an occasional plain
 * line instead: at a new 10% step at least 5 seconds after the last line, or
 * after 30 seconds, and a final line at the end.
 */

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  stream?: ProgressStream;
  /** Overrides the stream's isTTY (tests). */
  tty?: boolean;
  /** Milliseconds clock (tests). */
  now?: () => number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export class Progress {
  private readonly stream: ProgressStream;
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly start: number;
  private done = 0;
  private info = '';
  private lastDraw = -Infinity;
  private lastLineAt: number;
  private lastLineDecile = 0;
  private drawn = false;
  private finished = false;

  constructor(private readonly label: string, private readonly total: number, opts: ProgressOptions = {}) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = opts.tty ?? Boolean(this.stream.isTTY);
    this.now = opts.now ?? (() => performance.now());
    this.start = this.now();
    this.lastLineAt = this.start;
  }

  /** Sets the count of finished units (and an optional note shown after the bar). */
  update(done: number, info?: string): void {
    if (this.finished) return;
    this.done = Math.min(done, this.total);
    if (info !== undefined) this.info = info;
    const t = this.now();
    if (this.tty) {
      if (t - this.lastDraw >= 100 || this.done === this.total) this.draw(t);
      return;
    }
    const decile = this.total > 0 ? Math.floor((10 * this.done) / this.total) : 10;
    const since = t - this.lastLineAt;
    if (this.done < this.total && ((decile > this.lastLineDecile && since >= 5_000) || since >= 30_000)) {
      this.lastLineDecile = decile;
      this.lastLineAt = t;
      this.stream.write(`${this.status(t)}\n`);
    }
  }

  tick(n = 1, info?: string): void {
    this.update(this.done + n, info);
  }

  /** Prints a line above the bar without breaking it. */
  log(line: string): void {
    if (this.tty && this.drawn) this.stream.write('\r\x1b[2K');
    this.stream.write(`${line}\n`);
    if (this.tty && this.drawn && !this.finished) this.draw(this.now());
  }

  /** Ends the bar with a final line (default: the status). */
  finish(message?: string): void {
    if (this.finished) return;
    const t = this.now();
    this.finished = true;
    if (this.tty && this.drawn) this.stream.write('\r\x1b[2K');
    this.stream.write(`${message ?? `${this.status(t)} in ${formatDuration((t - this.start) / 1000)}`}\n`);
  }

  /** Seconds left at the current rate; NaN before the first unit. */
  eta(t = this.now()): number {
    const elapsed = (t - this.start) / 1000;
    return this.done > 0 ? (elapsed / this.done) * (this.total - this.done) : NaN;
  }

  private status(t: number): string {
    const pct = this.total > 0 ? Math.floor((100 * this.done) / this.total) : 100;
    const eta = this.done < this.total ? `, ETA ${formatDuration(this.eta(t))}` : '';
    return `${this.label}: ${this.done}/${this.total} (${pct}%${eta})${this.info ? ` ${this.info}` : ''}`;
  }

  private draw(t: number): void {
    this.lastDraw = t;
    this.drawn = true;
    const width = 24;
    const filled = this.total > 0 ? Math.round((width * this.done) / this.total) : width;
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const line = `${this.label} ${bar} ${this.status(t).slice(this.label.length + 2)}`;
    const cols = this.stream.columns ?? 100;
    this.stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, cols - 1))}`);
  }
}
