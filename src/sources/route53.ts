// Route 53 as a declared source: `route53:<zone name or id>` -> the zone's record sets in maildns's
// record model (TXT decoded and joined, aliases resolved inside the zone, routing policies merged),
// plus what a reader must know about the zone (private, its own name servers, warnings).

import type { ListResourceRecordSetsCommandOutput, ResourceRecordSet, Route53Client } from '@aws-sdk/client-route-53';
import { normaliseName, type DnsRecord, type RRType } from '../dns/types.js';
import { createRoute53Client, route53Sdk } from './aws-clients.js';
import { AwsSourceError, toAwsSourceError } from './aws-errors.js';
import { decodeRoute53Name, parseRoute53Value, Route53ValueError } from './route53-values.js';
import { escapeText } from '../report/escape.js';
import { byCodepoint } from '../order.js';

/** ListResourceRecordSets returns at most 300 record sets per call (Route 53 API reference). */
export const ROUTE53_PAGE_SIZE = 300;
/** ListHostedZonesByName returns at most 100 zones per call. */
const ZONES_PAGE_SIZE = 100;

export interface Route53Alias {
  /** The alias target, normalised. */
  target: string;
  hostedZoneId: string;
  /** True when the target is a record set of the same zone and its records were copied in. */
  resolvedInZone: boolean;
}

/** All record sets of one name and type, merged across routing-policy variants. */
export interface Route53RecordSet {
  name: string;
  type: string;
  /** The TTL; for merged routing variants with different TTLs, the smallest. */
  ttl?: number;
  records: DnsRecord[];
  /** Routing variants merged here ("weighted:blue", "latency:eu-west-1", …); empty for simple routing. */
  routing: string[];
  alias?: Route53Alias;
}

export interface Route53Zone {
  id: string;
  /** Zone apex, normalised. */
  name: string;
  privateZone: boolean;
  /** The zone's own delegation set (what the parent must delegate to). Empty for private zones. */
  nameServers: string[];
  recordSets: Route53RecordSet[];
  /** Things a report should say about the zone (routing on mail names, aliases to AWS targets, split view). */
  warnings: Route53Warning[];
}

export interface Route53Warning {
  code: 'routingPolicyOnMailRecord' | 'aliasToAwsTarget' | 'aliasTargetMissing' | 'privateZonesIgnored' | 'privateZone';
  name?: string;
  type?: string;
  message: string;
}

export interface LoadRoute53Options {
  /** Accept a private zone (labelled) instead of failing; default false. */
  allowPrivate?: boolean;
}

const ZONE_ID = /^(\/hostedzone\/)?(Z[A-Z0-9]{1,32})$/;

/** `ref` is a zone name ("example.com") or id ("Z1D633PJN98FT9", "/hostedzone/Z1…"). */
export async function loadRoute53Zone(ref: string, options: LoadRoute53Options = {}): Promise<Route53Zone> {
  const client = await createRoute53Client();
  const { GetHostedZoneCommand } = await route53Sdk();
  try {
    const warnings: Route53Warning[] = [];
    const id = ZONE_ID.exec(ref)?.[2] ?? (await findZoneId(client, ref, options, warnings));
    const zone = await call('GetHostedZone', id, () => client.send(new GetHostedZoneCommand({ Id: id })));
    const privateZone = zone.HostedZone?.Config?.PrivateZone === true;
    const name = decodeRoute53Name(zone.HostedZone?.Name ?? '');
    if (privateZone && !options.allowPrivate) {
      throw new AwsSourceError('not-found', `Route 53 zone ${id} ("${name}") is private: the public internet never sees it.`, {
        operation: 'GetHostedZone',
      });
    }
    if (privateZone) {
      warnings.push({ code: 'privateZone', message: `Zone "${name}" (${id}) is private (split view); only its VPCs see these records.` });
    }
    const raw = await listAllRecordSets(client, id);
    const recordSets = mergeRecordSets(raw, id, warnings);
    return {
      id,
      name,
      privateZone,
      nameServers: (zone.DelegationSet?.NameServers ?? []).map(normaliseName).sort(),
      recordSets,
      warnings,
    };
  } finally {
    client.destroy();
  }
}

async function findZoneId(client: Route53Client, ref: string, options: LoadRoute53Options, warnings: Route53Warning[]): Promise<string> {
  const { ListHostedZonesByNameCommand } = await route53Sdk();
  const wanted = normaliseName(ref);
  const matches: { id: string; privateZone: boolean }[] = [];
  let dnsName: string | undefined = wanted;
  let hostedZoneId: string | undefined;
  // Zones are listed by name from `dnsname` on; every zone with exactly our name comes first.
  while (dnsName !== undefined) {
    const page = await call('ListHostedZonesByName', wanted, () =>
      client.send(
        new ListHostedZonesByNameCommand({ DNSName: dnsName, HostedZoneId: hostedZoneId, MaxItems: ZONES_PAGE_SIZE }),
      ),
    );
    let passed = false;
    for (const zone of page.HostedZones ?? []) {
      if (decodeRoute53Name(zone.Name ?? '') !== wanted) {
        passed = true;
        break;
      }
      matches.push({ id: (zone.Id ?? '').replace(/^\/hostedzone\//, ''), privateZone: zone.Config?.PrivateZone === true });
    }
    if (passed || !page.IsTruncated) break;
    // A page that points back at its own start would be asked for ever.
    if (page.NextDNSName === dnsName && page.NextHostedZoneId === hostedZoneId) {
      throw new AwsSourceError('malformed', `Route 53 gave the same next page twice while listing zones named ${wanted}.`, {
        operation: 'ListHostedZonesByName',
      });
    }
    dnsName = page.NextDNSName;
    hostedZoneId = page.NextHostedZoneId;
  }
  const publicZones = matches.filter((z) => !z.privateZone);
  const privateZones = matches.filter((z) => z.privateZone);
  if (publicZones.length > 1) {
    throw new AwsSourceError(
      'service',
      `Route 53 has ${publicZones.length} public zones named "${wanted}" (${publicZones.map((z) => z.id).join(', ')}); name one by id: route53:<id>.`,
      { operation: 'ListHostedZonesByName' },
    );
  }
  if (publicZones[0]) {
    if (privateZones.length > 0) {
      warnings.push({
        code: 'privateZonesIgnored',
        message: `Private zone(s) ${privateZones.map((z) => z.id).join(', ')} share the name "${wanted}" (split view) and were not read.`,
      });
    }
    return publicZones[0].id;
  }
  if (privateZones.length === 1 && options.allowPrivate) return privateZones[0]!.id;
  throw new AwsSourceError(
    'not-found',
    privateZones.length > 0
      ? `Route 53 has only private zones named "${wanted}" (${privateZones.map((z) => z.id).join(', ')}); the public internet never sees them.`
      : `Route 53 has no hosted zone named "${wanted}" in this account.`,
    { operation: 'ListHostedZonesByName' },
  );
}

/** The SDK has no paginator for ListResourceRecordSets; feed Next* back as the start of the next page. */
async function listAllRecordSets(client: Route53Client, id: string): Promise<ResourceRecordSet[]> {
  const { ListResourceRecordSetsCommand } = await route53Sdk();
  const all: ResourceRecordSet[] = [];
  let start: { name?: string; type?: string; identifier?: string } = {};
  for (;;) {
    const page: ListResourceRecordSetsCommandOutput = await call('ListResourceRecordSets', id, () =>
      client.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: id,
          MaxItems: ROUTE53_PAGE_SIZE,
          StartRecordName: start.name,
          StartRecordType: start.type as ResourceRecordSet['Type'],
          StartRecordIdentifier: start.identifier,
        }),
      ),
    );
    // Every page of a real listing has the element, and every hosted zone has its SOA and NS: a reply
    // without it (an empty 200 body) is not "an empty zone", and would make every record "unexpected".
    if (page.ResourceRecordSets === undefined) {
      throw new AwsSourceError('malformed', `Route 53 answered ListResourceRecordSets for zone ${id} without any record sets.`, {
        operation: 'ListResourceRecordSets',
      });
    }
    all.push(...page.ResourceRecordSets);
    if (!page.IsTruncated) return all;
    if (!page.NextRecordName) {
      throw new AwsSourceError('malformed', `Route 53 said the listing of zone ${id} continues but gave no NextRecordName.`, {
        operation: 'ListResourceRecordSets',
      });
    }
    const next = { name: page.NextRecordName, type: page.NextRecordType, identifier: page.NextRecordIdentifier };
    // A page that points back at its own start would be asked for ever.
    if (next.name === start.name && next.type === start.type && next.identifier === start.identifier) {
      throw new AwsSourceError('malformed', `Route 53 gave the same next page twice while listing zone ${id} (${next.name} ${next.type ?? ''}).`, {
        operation: 'ListResourceRecordSets',
      });
    }
    start = next;
  }
}

const MAIL_TYPES = new Set(['MX', 'TXT', 'SPF']);

/** A name/type whose answers decide mail authentication: routing policies there make answers vary. */
function isMailRecord(name: string, type: string, apex: string): boolean {
  if (MAIL_TYPES.has(type)) return true;
  return type === 'CNAME' && /\._domainkey\./.test(`${name}.`) && name.endsWith(apex);
}

function mergeRecordSets(raw: ResourceRecordSet[], zoneId: string, warnings: Route53Warning[]): Route53RecordSet[] {
  const merged = new Map<string, Route53RecordSet>();
  const aliases: { set: Route53RecordSet; raw: ResourceRecordSet }[] = [];
  for (const item of raw) {
    const name = decodeRoute53Name(item.Name ?? '');
    const type = item.Type ?? '';
    const key = `${name}:${type}`;
    let set = merged.get(key);
    if (!set) merged.set(key, (set = { name, type, records: [], routing: [] }));
    if (item.SetIdentifier !== undefined) set.routing.push(`${routingPolicyOf(item)}:${item.SetIdentifier}`);
    if (item.TTL !== undefined) set.ttl = set.ttl === undefined ? item.TTL : Math.min(set.ttl, item.TTL);
    for (const record of item.ResourceRecords ?? []) {
      if (record.Value === undefined) continue;
      let parsed: DnsRecord;
      try {
        parsed = parseRoute53Value(name, type as RRType, item.TTL ?? 0, record.Value);
      } catch (error) {
        if (!(error instanceof Route53ValueError)) throw error;
        throw new AwsSourceError('malformed', `ListResourceRecordSets returned ${type} "${escapeText(name, 200)}" with a value maildns cannot read. ${error.message}`, { operation: 'ListResourceRecordSets' }, { cause: error });
      }
      if (!set.records.some((r) => r.value === parsed.value)) set.records.push(parsed); // union of variants
    }
    if (item.AliasTarget) aliases.push({ set, raw: item });
  }
  const zoneHostedId = zoneId.replace(/^\/hostedzone\//, '');
  for (const { set, raw: item } of aliases) {
    const target = decodeRoute53Name(item.AliasTarget?.DNSName ?? '');
    const hostedZoneId = (item.AliasTarget?.HostedZoneId ?? '').replace(/^\/hostedzone\//, '');
    const inZone = hostedZoneId === zoneHostedId ? merged.get(`${target}:${set.type}`) : undefined;
    set.alias = { target, hostedZoneId, resolvedInZone: inZone !== undefined };
    if (inZone) {
      // Route 53 answers an alias with the target's records and TTL (an alias has no TTL of its own).
      for (const record of inZone.records) {
        if (!set.records.some((r) => r.value === record.value)) set.records.push({ ...record, name: set.name });
      }
      if (inZone.ttl !== undefined) set.ttl = set.ttl === undefined ? inZone.ttl : Math.min(set.ttl, inZone.ttl);
    } else if (hostedZoneId === zoneHostedId) {
      warnings.push({
        code: 'aliasTargetMissing', name: set.name, type: set.type,
        message: `Alias "${set.name}" ${set.type} points at "${target}" in the same zone, which has no ${set.type} record set.`,
      });
    } else {
      warnings.push({
        code: 'aliasToAwsTarget', name: set.name, type: set.type,
        message: `Alias "${set.name}" ${set.type} points at the AWS resource "${target}" (zone ${hostedZoneId}); its records are AWS's, not the zone's.`,
      });
    }
  }
  const sets = [...merged.values()];
  const apex = sets.find((s) => s.type === 'SOA')?.name ?? '';
  for (const set of sets) {
    if (set.routing.length > 0 && isMailRecord(set.name, set.type, apex)) {
      warnings.push({
        code: 'routingPolicyOnMailRecord', name: set.name, type: set.type,
        message: `"${set.name}" ${set.type} uses routing (${set.routing.join(', ')}): resolvers may see different answers; maildns compares the union.`,
      });
    }
  }
  return sets.sort((a, b) => byCodepoint(a.name, b.name) || byCodepoint(a.type, b.type));
}

function routingPolicyOf(item: ResourceRecordSet): string {
  if (item.Weight !== undefined) return 'weighted';
  if (item.Region !== undefined) return 'latency';
  if (item.Failover !== undefined) return 'failover';
  if (item.GeoLocation !== undefined) return 'geolocation';
  if (item.GeoProximityLocation !== undefined) return 'geoproximity';
  if (item.CidrRoutingConfig !== undefined) return 'cidr';
  if (item.MultiValueAnswer !== undefined) return 'multivalue';
  return 'routed';
}

async function call<T>(operation: string, subject: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw toAwsSourceError(error, { operation, subject });
  }
}

/** The zone's record sets flattened to records (what a `route53:` declared source offers drift). */
export function route53Records(zone: Route53Zone): DnsRecord[] {
  return zone.recordSets.flatMap((set) => set.records.map((record) => ({ ...record, ttl: set.ttl ?? record.ttl })));
}
