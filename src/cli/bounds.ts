// The ranges the numeric settings accept, the same whether they come as a flag or from the config
// (test/cli/bounds.test.ts holds them equal to schemas/config.schema.json's). An upper bound on each
// matters as much as the lower: Node's timers fire at once when asked to wait more than 2^31-1 ms
// (~24.8 days), so an unbounded --domain-deadline of 9999999999 ended every domain after 1 ms.

import { MAX_WORKERS } from '../engine/check-workers.js';

export interface Bounds {
  min: number;
  max: number;
}

export const BOUNDS = {
  /** A minute per try is far past any resolver's patience. */
  timeoutMs: { min: 1, max: 60_000 },
  retries: { min: 0, max: 10 },
  concurrency: { min: 1, max: 10_000 },
  /** An hour per domain. */
  domainDeadlineMs: { min: 1, max: 3_600_000 },
  workers: { min: 0, max: MAX_WORKERS },
  /**
   * No config key. A TCP connection tells its questions apart by their 16-bit ids, so more than
   * 65,536 could never all be on the wire; 10,000 is far beyond what any resolver will take at once.
   */
  maxInFlight: { min: 1, max: 10_000 },
} as const satisfies Record<string, Bounds>;

/** "--flag must be a whole number from MIN to MAX[ unit], got VALUE". */
export function rangeProblem(flag: string, bounds: Bounds, value: unknown, unit = ''): string {
  return `--${flag} must be a whole number${unit ? ` of ${unit}` : ''} from ${bounds.min} to ${bounds.max}, got ${String(value)}`;
}
