// A `maildns check` worker thread: runs the per-domain pipeline (gather facts, run rules, build the
// DomainReport) for the domains the main thread hands it. Its DNS questions go to the main thread's
// one resolver (RemoteResolver below), so the run's single-flight, answer cache and counters stay in
// one place and no question is asked twice on the wire.

import { parentPort, workerData } from 'node:worker_threads';
import type { Lookup, LookupOptions, Resolver, ResolverStats, RRType } from '../dns/types.js';
import { emptyStats } from '../dns/types.js';
import { checkDomain, failedDomain, outcomeOf } from './check.js';
import { renderJsonLine } from '../report/render-json.js';
import { Outbox, type FromWorker, type FromWorkerWire, type ToWorker, type WorkerSetup } from './worker-protocol.js';

const port = parentPort!;
const setup = workerData as WorkerSetup;
const outbox = new Outbox<FromWorker>(
  () => ({ questions: [], done: [] }),
  (message) => port.postMessage({ questions: JSON.stringify(message.questions), done: message.done } satisfies FromWorkerWire),
);

/** Forwards every question to the main thread and waits for its answer. */
class RemoteResolver implements Resolver {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (l: Lookup) => void; reject: (e: Error) => void }>();

  lookup(name: string, type: RRType, options?: LookupOptions): Promise<Lookup> {
    const id = this.nextId++;
    outbox.message.questions.push([id, name, type, options]);
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
  }

  answer(id: number, lookup: Lookup | undefined, error?: string): void {
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    this.waiting.delete(id);
    if (lookup) waiter.resolve(lookup);
    else waiter.reject(new Error(error));
  }

  /** The run's counters live on the main thread; the pipeline never reads them here. */
  stats(): ResolverStats {
    return emptyStats();
  }
}

const resolver = new RemoteResolver();

port.on('message', (text: string) => {
  const message = JSON.parse(text) as ToWorker;
  for (const [id, lookup, error] of message.answers) resolver.answer(id, lookup, error);
  for (const [id, domain, selectors] of message.jobs) {
    checkDomain(domain, {
      resolver,
      dkimSelectors: selectors,
      ...(setup.ruleSettings ? { ruleSettings: setup.ruleSettings } : {}),
      ...(setup.limits ? { limits: setup.limits } : {}),
    })
      // checkDomain turns a failed gathering into an indeterminate report; this catches the rest
      // (a rule that throws), which in-process would end the whole run.
      .catch((error: unknown) => failedDomain(domain, `checking failed: ${(error as Error).message}`))
      .then((report) => outbox.message.done.push([id, renderJsonLine(report), outcomeOf(report)]));
  }
});
