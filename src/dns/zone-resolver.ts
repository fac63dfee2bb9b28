// Answers questions from parsed zone files the way an authoritative server would: CNAMEs chased,
// NXDOMAIN told apart from NODATA (empty non-terminals exist), wildcards synthesised (RFC 1034
// §4.3.3, RFC 4592), the SOA minimum as negative TTL.
// A name no loaded zone covers is not "missing": we cannot know, so it is `refused` (indeterminate).

import { readdir, readFile, stat } from 'node:fs/promises';
import { addWithAncestors, isAtOrBelow, parentName, wildcardFor } from './wildcard.js';
import { join } from 'node:path';
import type { DnsRecord, Lookup, LookupOptions, Resolver, ResolverStats, RRType } from './types.js';
import { emptyStats, normaliseName } from './types.js';
import { parseZoneFile, type ParsedZone } from './zone-file.js';
import { MAX_CNAME_CHAIN } from './stub-resolver.js';


interface LoadedZone {
  apex: string;
  source: string;
  negativeTtl?: number;
}

/** A zone file's text; a read error always carries the file's path (EISDIR comes without one). */
async function readZoneText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    if (failure.code && failure.path === undefined) failure.path = file;
    throw failure;
  }
}

export class ZoneResolver implements Resolver {
  private readonly byName = new Map<string, DnsRecord[]>();
  /** Every owner name and each ancestor of one: names that exist, possibly without records. */
  private readonly existing = new Set<string>();
  private readonly zones: LoadedZone[] = [];
  private readonly counters = emptyStats();

  constructor(parsed: readonly ParsedZone[]) {
    for (const zone of parsed) {
      const apexes = zone.apexes.length > 0 ? zone.apexes : [zone.origin];
      for (const apex of apexes) {
        const soa = zone.records.find((r) => r.type === 'SOA' && r.name === apex);
        const minimum = soa ? Number(soa.value.split(' ').at(-1)) : undefined;
        const negativeTtl = soa && minimum !== undefined ? Math.min(soa.ttl, minimum) : undefined;
        this.zones.push({ apex, source: `zone:${zone.file}`, ...(negativeTtl !== undefined ? { negativeTtl } : {}) });
      }
      for (const record of zone.records) {
        const list = this.byName.get(record.name) ?? [];
        list.push(record);
        this.byName.set(record.name, list);
      }
    }
    // Longest apex first, so a child zone in its own file wins over its parent.
    this.zones.sort((a, b) => b.apex.length - a.apex.length);
    for (const name of this.byName.keys()) addWithAncestors(this.existing, name, this.zoneOf(name)?.apex);
  }

  /** Zone files, or folders of them (every `*.zone` inside, in name order). */
  static async fromFiles(paths: readonly string[]): Promise<ZoneResolver> {
    const files: string[] = [];
    for (const path of paths) {
      if ((await stat(path)).isDirectory()) {
        const names = (await readdir(path)).filter((n) => n.endsWith('.zone')).sort();
        if (names.length === 0) throw Object.assign(new Error(`no *.zone file in ${path}`), { code: 'ENOZONES', path });
        files.push(...names.map((n) => join(path, n)));
      } else {
        files.push(path);
      }
    }
    const parsed = await Promise.all(files.map(async (file) => parseZoneFile(await readZoneText(file), { file })));
    return new ZoneResolver(parsed);
  }

  async lookup(name: string, type: RRType, options: LookupOptions = {}): Promise<Lookup> {
    this.counters.queries++;
    this.counters.queriesByType[type] = (this.counters.queriesByType[type] ?? 0) + 1;
    const asked = normaliseName(name);
    const cnames: DnsRecord[] = [];
    const seen = new Set<string>();
    let current = asked;
    for (;;) {
      const zone = this.zoneOf(current);
      const base = { name: asked, type, cnames, aa: true };
      if (!zone) {
        return { ...base, status: 'refused', records: [], server: 'zone files', reason: `no zone file covers "${current}"` };
      }
      // At or below a delegation the zone's server only refers the asker to the child's servers: what
      // is there is not in this file, so it is not known (never NXDOMAIN, as it was).
      const cut = this.delegationAt(current, zone);
      if (cut !== undefined) {
        return { ...base, status: 'refused', records: [], server: zone.source, reason: `"${current}" is in "${cut}", which ${zone.source} delegates, and no zone file covers it` };
      }
      // A name that exists answers from its own records, even none (NODATA); only a name that does
      // not exist is answered from the wildcard, as if it held the wildcard's records (RFC 4592 §2.2).
      const source = this.existing.has(current) ? undefined : this.wildcardFor(current, zone);
      const here = source === undefined
        ? this.byName.get(current) ?? []
        : (this.byName.get(source) ?? []).map((r) => ({ ...r, name: current }));
      const answer = { ...base, server: zone.source, rcode: 'NOERROR' };
      const cname = type === 'CNAME' ? undefined : here.find((r) => r.type === 'CNAME');
      if (cname && options.followCnames === false) return { ...answer, status: 'answer', records: [cname] };
      if (cname) {
        seen.add(current);
        cnames.push(cname);
        const target = cname.target ?? cname.value;
        if (seen.has(target)) return { ...answer, status: 'error', records: [], reason: `CNAME loop at "${target}"` };
        if (cnames.length > MAX_CNAME_CHAIN) {
          return { ...answer, status: 'error', records: [], reason: `CNAME chain longer than ${MAX_CNAME_CHAIN}` };
        }
        current = target;
        continue;
      }
      const records = here.filter((r) => r.type === type);
      if (records.length > 0) return { ...answer, status: 'answer', records };
      const negative = zone.negativeTtl !== undefined ? { negativeTtl: zone.negativeTtl } : {};
      if (this.existing.has(current) || source !== undefined) return { ...answer, ...negative, status: 'nodata', records: [] };
      return { ...answer, ...negative, rcode: 'NXDOMAIN', status: 'nxdomain', records: [] };
    }
  }

  /** True when a loaded zone holds this name (else lookups answer `refused`). */
  covers(name: string): boolean {
    return this.zoneOf(normaliseName(name)) !== undefined;
  }

  stats(): ResolverStats {
    return structuredClone(this.counters);
  }

  private wildcardFor(name: string, zone: LoadedZone): string | undefined {
    return wildcardFor({
      apex: zone.apex,
      exists: (n) => this.existing.has(n),
      isDelegation: (n) => this.byName.get(n)?.some((r) => r.type === 'NS') ?? false,
    }, name);
  }

  /** The delegation point (NS below the zone's apex) at or above `name`, if any. */
  private delegationAt(name: string, zone: LoadedZone): string | undefined {
    for (let n: string | undefined = name; n !== undefined && n !== zone.apex; n = parentName(n)) {
      if (this.byName.get(n)?.some((r) => r.type === 'NS')) return n;
    }
    return undefined;
  }

  private zoneOf(name: string): LoadedZone | undefined {
    return this.zones.find((z) => isAtOrBelow(name, z.apex));
  }
}
