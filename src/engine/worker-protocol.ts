// The messages between `maildns check`'s main thread and its worker threads (check-workers.ts,
// check-worker.ts). Both directions carry arrays: everything one side has for the other in one
// event-loop turn goes as one message, because a run asks ~200,000 questions and each message costs
// a copy and a wake-up of the other thread.

import type { Lookup, LookupOptions, RRType } from '../dns/types.js';
import type { DomainLimits } from './gather.js';
import type { RuleSettings } from './run-rules.js';
import type { DomainOutcome } from './check.js';

/** What every worker is started with (workerData): plain data, the same for every domain. */
export interface WorkerSetup {
  ruleSettings?: RuleSettings;
  limits?: Partial<DomainLimits>;
}

/** A domain to check: [job id, domain, its DKIM selectors]. */
export type DomainJob = [id: number, domain: string, selectors: readonly string[]];
/** A question a worker's domain asks: [question id, name, type, options] (no options travel as null). */
export type Question = [id: number, name: string, type: RRType, options: LookupOptions | null | undefined];
/** The main resolver's answer: the Lookup, or why the lookup itself failed (it rejected). */
export type Answer = [id: number, lookup: Lookup] | [id: number, lookup: undefined, error: string];
/** A finished domain: [job id, its report as renderJsonLine's text, what its exit code needs]. */
export type Done = [id: number, line: string, outcome: DomainOutcome];

export interface ToWorker {
  jobs: DomainJob[];
  answers: Answer[];
}

export interface FromWorker {
  questions: Question[];
  done: Done[];
}

/**
 * FromWorker as it crosses: the questions as JSON text, each report as the JSON line `--format jsonl`
 * prints plus its small outcome. A streaming run prints the line as it came and never parses it on
 * the main thread (a report is ~16 KB: its DKIM keys, as values and as strings).
 */
export interface FromWorkerWire {
  questions: string;
  done: Done[];
}

/**
 * Collects items and sends them as one message once the current event-loop turn is over
 * (setImmediate runs after the I/O callbacks and promise jobs of this turn). Bulky parts go as JSON
 * text: V8's structured clone of ~200,000 Lookups cost the main thread more than the resolver's own
 * work, while JSON.stringify is V8's fastest way to copy plain objects and a string crosses threads
 * as one block.
 */
export class Outbox<M> {
  private pending: M | undefined;

  constructor(
    private readonly empty: () => M,
    private readonly send: (message: M) => void,
  ) {}

  /** The message being filled; it goes out after this turn. */
  get message(): M {
    if (!this.pending) {
      this.pending = this.empty();
      setImmediate(() => {
        const message = this.pending!;
        this.pending = undefined;
        this.send(message);
      });
    }
    return this.pending;
  }
}
