// `maildns check` on more than one core: worker threads run the per-domain pipeline (check-worker.ts)
// while the main thread keeps the run's one Resolver and answers their questions with it. The
// resolver's single-flight and answer cache therefore still see every question of the run (none is
// asked twice on the wire) and its counters stay whole; only plain data crosses threads: domains and
// their DKIM selectors out, Lookups back in, each report back as its JSON line (worker-protocol.ts).

import { Worker } from 'node:worker_threads';
import type { Resolver } from '../dns/types.js';
import { failedDomain, type CheckedDomain } from './check.js';
import { Outbox, type FromWorkerWire, type Question, type ToWorker, type WorkerSetup } from './worker-protocol.js';

/** The most `check --workers` takes (the config schema says the same). */
export const MAX_WORKERS = 64;

/**
 * Workers a run starts unless told: none. Measured over the 10,000-domain bench world (2 cores, Knot
 * on the same machine, 2026-11-28, after the resolver and rule fast paths): one worker took the main
 * thread's CPU from ~12 s to ~7 s, but the main thread (resolver, and posting ~210,000 answers to the
 * worker) stayed the bottleneck. Wall time was no better (in one thread 10.9–14.8 s, one worker
 * 12.8–14.9 s, alternated) and peak RSS rose from ~171 MB to ~217 MB, past the 200 MB budget. So
 * `--workers N` is there for machines with cores to spare, and off by default.
 */
export const DEFAULT_WORKERS = 0;

interface Job {
  domain: string;
  resolve: (checked: CheckedDomain) => void;
}

/** One worker thread and the jobs it holds; a worker that dies fails its jobs, and is replaced. */
class WorkerHandle {
  readonly jobs = new Map<number, Job>();
  private readonly worker: Worker;
  private readonly outbox: Outbox<ToWorker>;
  private gone = false;
  /** Whether the worker ever answered: one that dies before it is a broken install, not bad luck. */
  started = false;

  constructor(setup: WorkerSetup, private readonly resolver: Resolver, private readonly onGone: (handle: WorkerHandle, why: string) => void) {
    this.worker = startWorker(setup);
    this.outbox = new Outbox<ToWorker>(() => ({ jobs: [], answers: [] }), (message) => {
      if (!this.gone) this.worker.postMessage(JSON.stringify(message));
    });
    this.worker.on('message', (message: FromWorkerWire) => this.receive(message));
    this.worker.on('error', (error) => this.fail(error.message));
    this.worker.on('exit', (code) => this.fail(`the worker thread exited with code ${code}`));
  }

  send(id: number, job: Job, selectors: readonly string[]): void {
    this.jobs.set(id, job);
    this.outbox.message.jobs.push([id, job.domain, selectors]);
  }

  async close(): Promise<void> {
    this.gone = true;
    await this.worker.terminate();
  }

  private receive(message: FromWorkerWire): void {
    this.started = true;
    for (const [id, name, type, options] of JSON.parse(message.questions) as Question[]) {
      this.resolver.lookup(name, type, options ?? undefined).then(
        (lookup) => this.outbox.message.answers.push([id, lookup]),
        (error: unknown) => this.outbox.message.answers.push([id, undefined, (error as Error).message]),
      );
    }
    for (const [id, line, outcome] of message.done) {
      const job = this.jobs.get(id);
      this.jobs.delete(id);
      job?.resolve({ line, outcome });
    }
  }

  private fail(why: string): void {
    if (this.gone) return;
    this.gone = true;
    for (const job of this.jobs.values()) job.resolve({ report: failedDomain(job.domain, `checking failed: ${why}`) });
    this.jobs.clear();
    this.onGone(this, why);
  }
}

/**
 * The worker entry next to this module: check-worker.js when running from dist/, check-worker.ts
 * under tsx. A worker does not get tsx's loader from the parent's `--import tsx` (Node 20), so from
 * the sources the worker registers tsx itself before importing the entry.
 */
function startWorker(setup: WorkerSetup): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./check-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: setup });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

/** Worker threads that check domains; each domain goes to the worker with the fewest in hand. */
export class CheckWorkerPool {
  private readonly handles: WorkerHandle[] = [];
  private nextId = 0;
  private lastFailure = '';

  constructor(count: number, private readonly setup: WorkerSetup, private readonly resolver: Resolver) {
    for (let i = 0; i < count; i++) this.handles.push(this.spawn());
  }

  check(domain: string, selectors: readonly string[]): Promise<CheckedDomain> {
    if (this.handles.length === 0) return Promise.resolve({ report: failedDomain(domain, `checking failed: ${this.lastFailure}`) });
    let least = this.handles[0]!;
    for (const handle of this.handles) if (handle.jobs.size < least.jobs.size) least = handle;
    return new Promise((resolve) => least.send(this.nextId++, { domain, resolve }, selectors));
  }

  async close(): Promise<void> {
    await Promise.all(this.handles.map((h) => h.close()));
  }

  private spawn(): WorkerHandle {
    return new WorkerHandle(this.setup, this.resolver, (dead, why) => {
      this.lastFailure = why;
      // A worker that crashed mid-run is replaced; one that never started would only crash again.
      if (dead.started) this.handles[this.handles.indexOf(dead)] = this.spawn();
      else this.handles.splice(this.handles.indexOf(dead), 1);
    });
  }
}
