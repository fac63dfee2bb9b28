// The batch progress line: "1,234/10,000 domains · 15,321 queries · 812 domains/s", redrawn in place
// on stderr. Only for a TTY: a log file or CI output must not fill with carriage returns.

import type { ResolverStats } from '../dns/types.js';

/** Redraw at most this often: a terminal cannot show faster, and each redraw costs a write. */
export const PROGRESS_INTERVAL_MS = 200;

export interface Progress {
  /** One more domain done. */
  tick(): void;
  /** Draw the final state and end the line. */
  finish(): void;
}

const SILENT: Progress = { tick: () => {}, finish: () => {} };

export function createProgress(options: {
  enabled: boolean;
  total: number;
  write: (text: string) => void;
  stats: () => ResolverStats;
  now?: () => number;
}): Progress {
  if (!options.enabled) return SILENT;
  const now = options.now ?? Date.now;
  const started = now();
  let done = 0;
  let drawnAt = -Infinity;
  const number = new Intl.NumberFormat('en-US');
  const draw = (): void => {
    drawnAt = now();
    const seconds = Math.max(drawnAt - started, 1) / 1000;
    const rate = Math.round(done / seconds);
    const line = `${number.format(done)}/${number.format(options.total)} domains · ${number.format(options.stats().queries)} queries · ${number.format(rate)} domains/s`;
    // \r back to the start, \x1b[K clears what a longer earlier line left behind.
    options.write(`\r${line}\u001b[K`);
  };
  return {
    tick: () => {
      done += 1;
      if (now() - drawnAt >= PROGRESS_INTERVAL_MS) draw();
    },
    finish: () => {
      draw();
      options.write('\n');
    },
  };
}
