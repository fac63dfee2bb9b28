import { isIndeterminate, normaliseName, type Lookup } from '../dns/types.js';
import type { RecordingResolver } from '../engine/gather.js';
import type { DmarcFacts, DmarcPolicyFacts, DmarcRecordFacts, DmarcReportDestination } from './facts.js';
import { parseDmarcRecord } from './parse-record.js';
import { isWithin, selectOrgDomain, stopsWalk, walkTargets, type WalkFound } from './tree-walk.js';
import { byCodepoint } from '../order.js';

/**
 * _dmarc.<domain>; when it holds no DMARC record, the RFC 9989 tree walk for the organisational
 * domain's record; then the authorisation record of every external report destination.
 */
export async function gatherDmarc(domain: string, dns: RecordingResolver): Promise<DmarcFacts> {
  const name = `_dmarc.${domain}`;
  const lookup = await dns.lookup(name, 'TXT');
  const records = lookup.records.map((r): DmarcRecordFacts => ({ name: lookup.name, value: r.value, parsed: parseDmarcRecord(r.value) }));
  const facts: DmarcFacts = { lookup, records, walk: [], indeterminate: isIndeterminate(lookup.status), reportDestinations: [] };
  if (facts.indeterminate) return facts;

  const own = records.filter((r) => r.parsed.isDmarc);
  if (own.length > 1) return facts; // several records: no DMARC processing, and no inheriting either
  if (own.length === 1) facts.policy = { ...own[0]!, domain, inherited: false, lookup };

  // The walk finds the organisational domain; it is needed for a missing record, and to tell
  // external report destinations from internal ones.
  const hosts = reportHosts(facts.policy);
  if (!facts.policy || hosts.some((h) => !isWithin(h, domain))) {
    const found: WalkFound[] = facts.policy ? [{ domain, parsed: facts.policy.parsed }] : [];
    const byDomain = new Map<string, { lookup: Lookup; record: DmarcRecordFacts }>();
    if (!found.some(stopsWalk)) {
      for (const target of walkTargets(domain)) {
        const walked = await dns.lookup(`_dmarc.${target}`, 'TXT');
        facts.walk.push(walked);
        if (isIndeterminate(walked.status)) {
          facts.indeterminate = !facts.policy; // with its own record the domain's policy is still known
          break;
        }
        const dmarc = walked.records.map((r) => ({ value: r.value, parsed: parseDmarcRecord(r.value) })).filter((r) => r.parsed.isDmarc);
        if (dmarc.length !== 1) continue;
        const record = { name: walked.name, value: dmarc[0]!.value, parsed: dmarc[0]!.parsed };
        byDomain.set(target, { lookup: walked, record });
        const entry = { domain: target, parsed: record.parsed };
        found.push(entry);
        if (stopsWalk(entry)) break;
      }
    }
    const walkFailed = facts.walk.some((l) => isIndeterminate(l.status));
    if (!walkFailed) facts.orgDomain = selectOrgDomain(domain, found);
    if (!facts.policy && !walkFailed) {
      // The organisational domain's record, else a public-suffix operator's psd=y record (RFC 9989 §4.10.1).
      const last = found.at(-1);
      const source = byDomain.get(facts.orgDomain!) ?? (last?.parsed.record?.psd === 'y' ? byDomain.get(last.domain) : undefined);
      if (source) {
        facts.policy = { ...source.record, domain: source.record.name.replace(/^_dmarc\./, ''), inherited: true, lookup: source.lookup };
      }
    }
  }

  facts.reportDestinations = await gatherReportDestinations(facts, dns);
  return facts;
}

function reportHosts(policy: DmarcPolicyFacts | undefined): string[] {
  const record = policy?.parsed.record;
  if (!record) return [];
  return [...record.rua, ...record.ruf].flatMap((u) => (u.valid && u.host ? [u.host] : []));
}

async function gatherReportDestinations(facts: DmarcFacts, dns: RecordingResolver): Promise<DmarcReportDestination[]> {
  const policy = facts.policy;
  const record = policy?.parsed.record;
  if (!policy || !record) return [];
  // Without an organisational domain only hosts under the policy domain are known to be internal.
  const internal = (host: string): boolean | undefined =>
    isWithin(host, policy.domain) || (facts.orgDomain !== undefined ? isWithin(host, facts.orgDomain) : undefined);
  const byHost = new Map<string, { tags: Set<'rua' | 'ruf'>; uris: string[] }>();
  for (const tag of ['rua', 'ruf'] as const) {
    for (const uri of record[tag]) {
      if (!uri.valid || !uri.host || internal(uri.host) !== false) continue;
      const entry = byHost.get(uri.host) ?? { tags: new Set(), uris: [] };
      entry.tags.add(tag);
      entry.uris.push(uri.uri);
      byHost.set(uri.host, entry);
    }
  }
  return Promise.all(
    [...byHost].sort(([a], [b]) => byCodepoint(a, b)).map(async ([host, { tags, uris }]) => {
      const name = normaliseName(`${policy.domain}._report._dmarc.${host}`);
      const lookup = await dns.lookup(name, 'TXT');
      // RFC 7489 §7.1: at least one record that starts with v=DMARC1; the rest of it does not matter here.
      const authorised = lookup.records.some((r) => parseDmarcRecord(r.value).isDmarc);
      return { tags: [...tags].sort(), uris, host, name, lookup, authorised };
    }),
  );
}
