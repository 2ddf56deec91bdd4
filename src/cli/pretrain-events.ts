/** Pretraining progress on stderr: what is pretrained, about how long, then a bar with ETA. */
import type { CacheEvents } from '../models/cache.js';
import { formatDuration, Progress, type ProgressOptions } from './progress.js';

/** Cache events that report pretraining; `finishAll` closes any bar left open (call after the work). */
export function pretrainEvents(opts: ProgressOptions & { cacheDir: string }): CacheEvents & { finishAll(): void } {
  const stream = opts.stream ?? process.stderr;
  const bars = new Map<string, Progress>();
  return {
    onPretrainStart: ({ model, corpus, steps, estimatedSeconds }) => {
      stream.write(
        `pretraining ladder model ${model} on the ${corpus} texts (${steps} steps, about ${formatDuration(estimatedSeconds)}); ` +
          `done once, then cached in ${opts.cacheDir}\n`,
      );
      bars.set(model, new Progress(`pretrain ${model}`, steps, opts));
    },
    onPretrainProgress: (model, p) => {
      const bar = bars.get(model);
      if (!bar) return;
      bar.update(p.step, `loss ${p.loss.toFixed(3)}`);
      if (p.step >= p.steps) {
        bar.finish(`pretrained ${model} in ${formatDuration(p.elapsedSeconds)} (final loss ${p.loss.toFixed(3)})`);
        bars.delete(model);
      }
    },
    finishAll: () => {
      for (const bar of bars.values()) bar.finish();
      bars.clear();
    },
  };
}
