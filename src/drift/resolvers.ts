// The resolvers drift's DNS sources use: the configured recursive resolver, and one StubResolver per
// server asked directly with RD=0 (ns:, authoritative), so each server's answer stays its own.

import { StubResolver, type Transport } from '../dns/stub-resolver.js';
import type { DriftResolvers } from './sources.js';
import { sumStats, type ResolverStats } from '../dns/types.js';

export interface DriftResolverOptions {
  /** Recursive resolvers (default /etc/resolv.conf). */
  nameservers?: string[];
  timeoutMs?: number;
  retries?: number;
  transport?: Transport;
}

/**
 * A name server that answered none of this many questions in a row (every try timed out) is not asked
 * again in the run: its questions end indeterminate at once. A dead secondary would otherwise cost each
 * domain of a `check --authoritative` batch timeout × tries per question, queued 64 at a time.
 */
export const SILENT_SERVER_QUESTIONS = 10;

export function createDriftResolvers(options: DriftResolverOptions = {}): DriftResolvers & { close(): void; stats(): ResolverStats } {
  const common = {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.transport !== undefined ? { transport: options.transport } : {}),
  };
  const recursive = new StubResolver({ ...common, ...(options.nameservers?.length ? { nameservers: options.nameservers } : {}) });
  const direct = new Map<string, StubResolver>();
  return {
    recursive,
    server(address: string): StubResolver {
      let resolver = direct.get(address);
      if (!resolver) {
        resolver = new StubResolver({ ...common, nameservers: [address], recursionDesired: false, giveUpAfterSilentQuestions: SILENT_SERVER_QUESTIONS });
        direct.set(address, resolver);
      }
      return resolver;
    },
    stats() {
      return sumStats([recursive.stats(), ...[...direct.values()].map((r) => r.stats())]);
    },
    close(): void {
      recursive.close();
      for (const resolver of direct.values()) resolver.close();
    },
  };
}
