// Gathering: ask the resolver everything the rules will need for one domain. Each area adds its
// own lookups; the rules never query DNS themselves.

import type { Lookup, Resolver, RRType } from '../dns/types.js';
import type { DomainFacts } from './facts.js';
import type { MxFacts, MxHostFacts } from './mx-facts.js';
import { gatherSpf } from '../spf/gather.js';
import { gatherDmarc } from '../dmarc/gather.js';
import { gatherDkim } from '../dkim/gather.js';

export interface GatherOptions {
  resolver: Resolver;
  dkimSelectors: readonly string[];
}

/** A resolver wrapper that remembers every lookup made for one domain, in order. */
export class RecordingResolver {
  readonly lookups: Lookup[] = [];
  constructor(private readonly inner: Resolver) {}
  async lookup(name: string, type: RRType): Promise<Lookup> {
    const result = await this.inner.lookup(name, type);
    this.lookups.push(result);
    return result;
  }
}

export async function gatherDomainFacts(domain: string, options: GatherOptions): Promise<DomainFacts> {
  const dns = new RecordingResolver(options.resolver);
  const [txt, spfType99, mx, dmarc, dkim] = await Promise.all([
    dns.lookup(domain, 'TXT'),
    dns.lookup(domain, 'SPF'),
    gatherMx(domain, dns),
    gatherDmarc(domain, dns),
    gatherDkim(domain, options.dkimSelectors, dns),
  ]);
  const spf = await gatherSpf(domain, txt, dns);
  const facts: DomainFacts = { domain, lookups: dns.lookups, txt, spfType99, mx, dmarc, dkim };
  if (spf) facts.spf = spf;
  return facts;
}

async function gatherMx(domain: string, dns: RecordingResolver): Promise<MxFacts> {
  const lookup = await dns.lookup(domain, 'MX');
  const seen = new Map<string, number>();
  for (const record of lookup.records) {
    const exchange = record.exchange ?? '';
    if (exchange === '' || seen.has(exchange)) continue; // the null MX has no host to resolve
    seen.set(exchange, record.preference ?? 0);
  }
  const hosts = await Promise.all(
    [...seen].map(async ([exchange, preference]): Promise<MxHostFacts> => {
      const [a, aaaa] = await Promise.all([dns.lookup(exchange, 'A'), dns.lookup(exchange, 'AAAA')]);
      return { exchange, preference, a, aaaa };
    }),
  );
  return { lookup, hosts };
}
