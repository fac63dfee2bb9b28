// Drift sources: where a side's record sets come from.
//   static  route53:<zone>  zone:<file>  ses        (read once, every record known)
//   dns     ns:<host[:port]>[,…]  authoritative  recursive   (asked name by name, per server)

import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { normaliseName, isIndeterminate, type DnsRecord, type Lookup, type Resolver, type ResolverStats, type RRType } from '../dns/types.js';
import { parseZoneFile, type ParsedZone } from '../dns/zone-file.js';
import { loadRoute53Zone, route53Records, type Route53Zone } from '../sources/route53.js';
import { loadSesIdentities, sesExpectations, type SesIdentity } from '../sources/ses.js';
import { indexZone, toRecordSets, type ZoneIndex } from './record-sets.js';
import type { MailQuery } from './mail-names.js';
import type { DriftNotice, RecordSet } from './types.js';
import { escapeText } from '../report/escape.js';
import { isAtOrBelow } from '../dns/wildcard.js';
import { toQueryName } from '../engine/domain-names.js';

export type SourceSpec =
  | { kind: 'route53'; zone: string; spec: string }
  | { kind: 'zone'; file: string; spec: string }
  | { kind: 'ses'; spec: string }
  | { kind: 'ns'; servers: string[]; spec: string }
  | { kind: 'authoritative'; spec: string }
  | { kind: 'recursive'; spec: string };

/** A source spec maildns cannot read: exit 2, like any usage error. */
export class DriftSourceError extends Error {
  override readonly name = 'DriftSourceError';
}

export function parseSourceSpec(text: string): SourceSpec {
  const spec = text.trim();
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const arg = colon < 0 ? '' : spec.slice(colon + 1);
  switch (kind) {
    case 'route53':
      if (!arg) throw new DriftSourceError('route53: needs a zone name or id, e.g. route53:example.com');
      return { kind, zone: arg, spec };
    case 'zone':
      if (!arg) throw new DriftSourceError('zone: needs a file, e.g. zone:db.example.com');
      return { kind, file: arg, spec };
    case 'ns': {
      const servers = arg.split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (servers.length === 0) throw new DriftSourceError('ns: needs at least one server, e.g. ns:192.0.2.53 or ns:ns1.example.net:5300');
      for (const server of servers) {
        if (!isServerSpec(server)) {
          throw new DriftSourceError(`ns: "${escapeText(server)}" is not an IP address or a host name with an optional :port from 1 to 65535`);
        }
      }
      return { kind, servers, spec };
    }
    case 'ses':
    case 'authoritative':
    case 'recursive':
      if (arg) throw new DriftSourceError(`${kind} takes no argument (got "${spec}")`);
      return { kind, spec };
    default:
      throw new DriftSourceError(
        `unknown source "${spec}"; use route53:<zone>, zone:<file>, ses, ns:<host[:port]>[,…], authoritative or recursive`,
      );
  }
}

export function isDnsSource(spec: SourceSpec): spec is Extract<SourceSpec, { kind: 'ns' | 'authoritative' | 'recursive' }> {
  return spec.kind === 'ns' || spec.kind === 'authoritative' || spec.kind === 'recursive';
}

/** What a static source knows about one domain. */
export interface StaticSnapshot {
  sets: RecordSet[];
  notices: DriftNotice[];
  /** True when the source declares only some keys (SES): compare those, not everything observed. */
  partial: boolean;
  /** A Route 53 zone's own name servers, to compare with the ones serving the domain. */
  nameServers?: string[];
  /** The apex of the zone those name servers serve. */
  zoneName?: string;
  sesIdentities?: SesIdentity[];
  /** The whole zone holding the domain (zone files, Route 53), to answer names from its wildcards. */
  zone?: ZoneIndex;
}

export interface StaticLoadOptions {
  sesRegions?: readonly string[];
  /** Shared across domains so a zone or file is read once per run. */
  cache?: Map<string, Promise<unknown>>;
}

function onceIn(cache: Map<string, Promise<unknown>>) {
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key) as Promise<T>;
  };
}

/**
 * A Route 53 zone holds one domain and its subdomains. Checked for every domain before any is compared,
 * so that a domain outside the zone is a usage error naming all of them, not one that ends a run
 * halfway with the domains before it compared and lost.
 */
export async function assertDomainsInZones(specs: readonly SourceSpec[], domains: readonly string[], cache: Map<string, Promise<unknown>>): Promise<void> {
  const once = onceIn(cache);
  for (const spec of specs) {
    if (spec.kind !== 'route53') continue;
    const zone = await once(spec.spec, () => loadRoute53Zone(spec.zone));
    const outside = domains.filter((domain) => !isAtOrBelow(domain, zone.name));
    if (outside.length > 0) {
      throw new DriftSourceError(`${spec.spec} holds "${zone.name}", which does not contain ${outside.map((d) => `"${escapeText(d)}"`).join(', ')}`);
    }
  }
}

export async function loadStatic(spec: SourceSpec, domain: string, options: StaticLoadOptions = {}): Promise<StaticSnapshot> {
  const once = onceIn(options.cache ?? new Map<string, Promise<unknown>>());
  switch (spec.kind) {
    case 'route53': {
      const zone = await once(spec.spec, () => loadRoute53Zone(spec.zone));
      const snapshot = route53Snapshot(zone, domain, spec.spec);
      const index = await once(`${spec.spec}\0zone`, async () => indexZone(zone.name, toRecordSets(route53Records(zone), spec.spec)));
      return { ...snapshot, zone: index };
    }
    case 'zone': {
      const parsed = await once(spec.spec, async () => {
        let text: string;
        try {
          text = await readFile(spec.file, 'utf8');
        } catch (error) {
          throw new DriftSourceError(`zone: cannot read "${spec.file}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
        }
        return parseZoneFile(text, { file: spec.file });
      });
      const apex = zoneFileApex(parsed, domain);
      const zone = apex === undefined
        ? undefined
        : await once(`${spec.spec}\0zone:${apex}`, async () => indexZone(apex, toRecordSets(parsed.records, spec.spec)));
      return { sets: toRecordSets(under(parsed.records, domain), spec.spec), notices: [], partial: false, ...(zone ? { zone } : {}) };
    }
    case 'ses': {
      const inventory = await loadSesIdentities({ names: [domain], ...(options.sesRegions ? { regions: options.sesRegions } : {}) });
      const notices: DriftNotice[] = inventory.warnings.map((message) => ({ code: 'sourceWarning', message }));
      for (const missing of inventory.missing) {
        notices.push({ code: 'sourceWarning', name: missing.name, message: `SES has no identity "${missing.name}" in ${missing.regions.join(', ')}.` });
      }
      return { sets: sesRecordSets(inventory.identities, spec.spec), notices, partial: true, sesIdentities: inventory.identities };
    }
    default:
      throw new DriftSourceError(`${spec.spec} is a DNS source, not a static one`);
  }
}

/** The zone of a file that holds the domain: the nearest SOA owner above it, or the origin when the file has no SOA (as ZoneResolver). */
function zoneFileApex(parsed: ParsedZone, domain: string): string | undefined {
  const apexes = parsed.apexes.length > 0 ? parsed.apexes : [parsed.origin];
  return apexes
    .filter((apex): apex is string => apex !== undefined && isAtOrBelow(domain, apex))
    .sort((a, b) => b.length - a.length)[0];
}

function route53Snapshot(zone: Route53Zone, domain: string, source: string): StaticSnapshot {
  if (!isAtOrBelow(domain, zone.name)) {
    throw new DriftSourceError(`${source} holds "${zone.name}", which does not contain "${domain}"`);
  }
  const notices: DriftNotice[] = zone.warnings
    .filter((w) => w.name === undefined || w.name === domain || w.name.endsWith(`.${domain}`))
    .map((w) => ({ code: 'sourceWarning' as const, message: w.message, ...(w.name ? { name: w.name } : {}), ...(w.type ? { type: w.type } : {}) }));
  return { sets: toRecordSets(under(route53Records(zone), domain), source), notices, partial: false, nameServers: zone.nameServers, zoneName: zone.name };
}

/** What SES expects in DNS as record sets: Easy DKIM CNAMEs and the MAIL FROM MX (no TTLs). */
export function sesRecordSets(identities: readonly SesIdentity[], source = 'ses'): RecordSet[] {
  const records: DnsRecord[] = [];
  for (const identity of identities) {
    const expected = sesExpectations(identity);
    for (const c of expected.dkimCnames) records.push({ name: c.name, type: 'CNAME', ttl: 0, value: c.target, target: c.target });
    if (expected.mailFrom) {
      const { domain, preference, exchange } = expected.mailFrom;
      records.push({ name: domain, type: 'MX', ttl: 0, value: `${preference} ${exchange}`, preference, exchange });
    }
  }
  return toRecordSets(records, source, undefined, false);
}

function under(records: readonly DnsRecord[], domain: string): DnsRecord[] {
  return records.filter((r) => r.name === domain || r.name.endsWith(`.${domain}`));
}

// --- DNS sources -----------------------------------------------------------------------------------

/** How drift gets resolvers; the CLI builds these from StubResolver, tests may too. */
export interface DriftResolvers {
  /** The configured recursive resolver (also used to find name servers and their addresses). */
  recursive: Resolver;
  /** A resolver that asks exactly this server ("192.0.2.53:53", "[2001:db8::53]:53") with RD=0. */
  server(address: string): Resolver;
  /** Every question these resolvers asked, for the run's counters. */
  stats?(): ResolverStats;
}

/** One server's view (or the recursive resolver's). */
export interface Observation {
  /** "ns1.example.net (192.0.2.53:53)", "192.0.2.53:5300", or the recursive resolver that answered. */
  server: string;
  sets: RecordSet[];
  /** Keys for which this server gave no usable answer: never reported as missing. */
  indeterminate: Set<string>;
  notices: DriftNotice[];
}

export async function observeDns(
  spec: Extract<SourceSpec, { kind: 'ns' | 'authoritative' | 'recursive' }>,
  domain: string,
  queries: readonly MailQuery[],
  resolvers: DriftResolvers,
): Promise<{ observations: Observation[]; notices: DriftNotice[]; nameServers?: string[]; nameServersOf?: string }> {
  if (spec.kind === 'recursive') {
    const [observation, found] = await Promise.all([
      observeWith(resolvers.recursive, undefined, spec.spec, queries, false),
      findNameServers(domain, resolvers.recursive),
    ]);
    const delegation = found.indeterminate ? {} : { nameServers: found.hosts, nameServersOf: found.zone };
    return { observations: [observation], notices: [], ...delegation };
  }
  const notices: DriftNotice[] = [];
  let targets: { label: string; address: string }[];
  let nameServers: string[] | undefined;
  let nameServersOf: string | undefined;
  if (spec.kind === 'ns') {
    targets = (await Promise.all(spec.servers.map((s) => addressesOf(s, resolvers.recursive, notices)))).flat();
  } else {
    const found = await findNameServers(domain, resolvers.recursive);
    if (found.indeterminate) {
      notices.push({ code: 'indeterminate', name: found.zone, type: 'NS', message: `Could not find the name servers of "${domain}": ${found.indeterminate}.` });
      return { observations: [], notices };
    }
    nameServers = found.hosts;
    nameServersOf = found.zone;
    targets = (await Promise.all(found.hosts.map((h) => addressesOf(h, resolvers.recursive, notices)))).flat();
  }
  const observations = await Promise.all(
    targets.map((t) => observeWith(resolvers.server(t.address), t.label, spec.spec, queries, true)),
  );
  return {
    observations: observations.sort((a, b) => (a.server < b.server ? -1 : a.server > b.server ? 1 : 0)),
    notices,
    ...(nameServers && nameServersOf ? { nameServers, nameServersOf } : {}),
  };
}

async function observeWith(
  resolver: Resolver,
  label: string | undefined,
  source: string,
  queries: readonly MailQuery[],
  requireAa: boolean,
): Promise<Observation> {
  const lookups = await Promise.all(
    queries.flatMap((q) => q.types.map((type) => resolver.lookup(q.name, type as RRType, { followCnames: false }))),
  );
  const server = label ?? lookups.find((l) => l.server)?.server ?? source;
  const records: DnsRecord[] = [];
  const indeterminate = new Set<string>();
  const notices: DriftNotice[] = [];
  for (const lookup of lookups) {
    const keys = [`${lookup.name}:${lookup.type}`, `${lookup.name}:CNAME`];
    if (isIndeterminate(lookup.status)) {
      keys.forEach((k) => indeterminate.add(k));
      notices.push({
        code: 'indeterminate', name: lookup.name, type: lookup.type, servers: [server],
        message: `${server} gave no usable answer for "${lookup.name}" ${lookup.type} (${lookup.status}${lookup.reason ? `: ${lookup.reason}` : ''}); nothing is concluded about it.`,
      });
      continue;
    }
    if (requireAa && lookup.aa === false) {
      keys.forEach((k) => indeterminate.add(k));
      notices.push({
        code: 'notAuthoritative', name: lookup.name, type: lookup.type, servers: [server],
        message: `${server} answered "${lookup.name}" ${lookup.type} without the AA flag: it is not authoritative for it.`,
      });
      continue;
    }
    records.push(...lookup.records.filter((r) => r.name === lookup.name));
  }
  // A CNAME comes back from both the TXT and the MX question; toRecordSets merges the duplicates.
  return { server, sets: toRecordSets(records, source, server), indeterminate, notices };
}

interface NameServerSearch {
  zone: string;
  hosts: string[];
  indeterminate?: string;
}

/** The NS set of the closest enclosing zone: the domain itself, or its parent, and so on. */
async function findNameServers(domain: string, recursive: Resolver): Promise<NameServerSearch> {
  for (let name = domain; name.includes('.'); name = name.slice(name.indexOf('.') + 1)) {
    const lookup: Lookup = await recursive.lookup(name, 'NS');
    if (isIndeterminate(lookup.status)) return { zone: name, hosts: [], indeterminate: `${name} NS: ${lookup.status}` };
    const hosts = lookup.records.filter((r) => r.type === 'NS').map((r) => normaliseName(r.target ?? r.value));
    if (hosts.length > 0) return { zone: name, hosts: [...new Set(hosts)].sort() };
  }
  return { zone: domain, hosts: [], indeterminate: 'no NS records found up to the top-level domain' };
}

/** "192.0.2.53", "192.0.2.53:5300", "[::1]:5300" as given; host names resolved to each address. */
async function addressesOf(server: string, recursive: Resolver, notices: DriftNotice[]): Promise<{ label: string; address: string }[]> {
  const parsed = parseServer(server);
  if (!parsed) return []; // ns: specs are checked when read (isServerSpec); an NS name from DNS has no port
  if ('address' in parsed) return [{ label: server, address: parsed.address }];
  const { host, port } = parsed;
  const [a, aaaa] = await Promise.all([recursive.lookup(host, 'A'), recursive.lookup(host, 'AAAA')]);
  const addresses = [
    ...a.records.filter((r) => r.type === 'A').map((r) => `${r.value}:${port}`),
    ...aaaa.records.filter((r) => r.type === 'AAAA').map((r) => `[${r.value}]:${port}`),
  ];
  if (addresses.length === 0) {
    const why = isIndeterminate(a.status) ? a.status : 'no A or AAAA records';
    notices.push({ code: 'indeterminate', name: normaliseName(host), message: `Name server "${host}" has no usable address (${why}); it was not asked.` });
  }
  return addresses.map((address) => ({ label: `${normaliseName(host)} (${address})`, address }));
}

/**
 * An ns: server or NS name as addressesOf() asks it: an address ("[v6]", "[v6]:port", a bare IPv6
 * address, "v4" or "v4:port"), a host name to resolve with its port, or undefined when malformed.
 */
function parseServer(server: string): { address: string } | { host: string; port: number } | undefined {
  const goodPort = (port: string | undefined): boolean => port === undefined || (/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535);
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(server);
  if (bracketed) return isIP(bracketed[1]!) === 6 && goodPort(bracketed[2]) ? { address: bracketed[2] ? server : `${server}:53` } : undefined;
  if (isIP(server) === 6) return { address: `[${server}]:53` };
  const parts = server.split(':');
  const [host = '', port] = parts;
  if (parts.length > 2 || !goodPort(port)) return undefined;
  if (isIP(host)) return { address: `${host}:${port ?? 53}` };
  return { host, port: Number(port ?? 53) };
}

/**
 * An ns: server addressesOf() can ask, with a host name that is one. Checked when the spec is read: a
 * typo such as "999.1.1.1" or "[::1" was taken for a host name, looked up, and ended the run as incomplete.
 */
function isServerSpec(server: string): boolean {
  const parsed = parseServer(server);
  return parsed !== undefined && ('address' in parsed || toQueryName(parsed.host) !== undefined);
}
