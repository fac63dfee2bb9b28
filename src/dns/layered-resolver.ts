// Zone files in front of the network: names the zone files cover are answered from them (the zone
// as it will be served after a migration), every other name by the network resolver (the rest of the
// internet as it is today: SES's zone, report vendors, provider includes).

import type { Lookup, LookupOptions, Resolver, ResolverStats, RRType } from './types.js';
import { emptyStats } from './types.js';
import type { ZoneResolver } from './zone-resolver.js';

export class LayeredResolver implements Resolver {
  constructor(
    private readonly zones: ZoneResolver,
    private readonly network: Resolver,
  ) {}

  async lookup(name: string, type: RRType, options?: LookupOptions): Promise<Lookup> {
    if (!this.zones.covers(name)) return this.network.lookup(name, type, options);
    const local = await this.zones.lookup(name, type, options);
    // A CNAME out of the zone files (Easy DKIM into SES's zone) continues on the network.
    if (local.status === 'refused' && local.cnames.length > 0) {
      const last = local.cnames.at(-1)!;
      const rest = await this.network.lookup(last.target ?? last.value, type, options);
      return { ...rest, name: local.name, cnames: [...local.cnames, ...rest.cnames] };
    }
    return local;
  }

  stats(): ResolverStats {
    const a = this.zones.stats();
    const b = this.network.stats();
    const sum = emptyStats();
    for (const key of ['queries', 'udp', 'tcp', 'retries', 'timeouts', 'cacheHits', 'sharedInFlight'] as const) sum[key] = a[key] + b[key];
    for (const source of [a, b]) {
      for (const [type, n] of Object.entries(source.queriesByType)) sum.queriesByType[type] = (sum.queriesByType[type] ?? 0) + n;
    }
    return sum;
  }

  async close(): Promise<void> {
    await this.network.close?.();
  }
}
