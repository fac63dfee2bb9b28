// `maildns drift`: for each domain, load the declared side, ask the observed side, compare the
// mail-relevant record sets, and keep every server's view.

import { compareServers } from './server-views.js';
import { normaliseName } from '../dns/types.js';
import { diffRecordSets } from './compare.js';
import { mailScope } from './mail-names.js';
import { byCodepoint, keyOf, wildcardAnswers } from './record-sets.js';
import {
  assertDomainsInZones,
  DriftSourceError,
  isDnsSource,
  loadStatic,
  observeDns,
  parseSourceSpec,
  type DriftResolvers,
  type Observation,
  type SourceSpec,
  type StaticSnapshot,
} from './sources.js';
import type { ChangeKind, Difference, DomainDrift, DriftNotice, DriftReport, RecordSet } from './types.js';

export interface DriftOptions {
  declared: string;
  observed: string;
  /** Needed when either side is ns:, authoritative or recursive. */
  resolvers?: DriftResolvers;
  dkimSelectors?: readonly string[] | ((domain: string) => readonly string[]);
  sesRegions?: readonly string[];
  version?: string;
}

export async function driftDomains(domains: readonly string[], options: DriftOptions): Promise<DriftReport> {
  const declared = parseSourceSpec(options.declared);
  const observed = parseSourceSpec(options.observed);
  // SES lists the few records it expects, not a zone: as the observed side, the rest of the declared
  // zone (DMARC, MX, apex TXT) would all come out "missing".
  if (observed.kind === 'ses') throw new DriftSourceError('ses says what SES expects, not what is served: use it as --declared');
  if ((isDnsSource(declared) || isDnsSource(observed)) && !options.resolvers) {
    throw new DriftSourceError('DNS sources (ns:, authoritative, recursive) need resolvers');
  }
  const cache = new Map<string, Promise<unknown>>();
  const names = [...new Set(domains.map(normaliseName))].sort();
  await assertDomainsInZones([declared, observed], names, cache);
  const results: DomainDrift[] = [];
  // One domain at a time: each already asks its questions in parallel, and the order stays stable.
  for (const domain of names) {
    results.push(await driftDomain(domain, declared, observed, options, cache));
  }
  const byChange: Record<ChangeKind, number> = { missing: 0, unexpected: 0, changed: 0, ttl: 0 };
  for (const d of results) for (const diff of d.differences) byChange[diff.change]++;
  return {
    schemaVersion: 1,
    tool: { name: 'maildns', version: options.version ?? '0.0.0' },
    declared: declared.spec,
    observed: observed.spec,
    domains: results,
    summary: {
      differences: results.reduce((n, d) => n + d.differences.length, 0),
      byChange,
      notices: results.reduce((n, d) => n + d.notices.length, 0),
    },
  };
}

async function driftDomain(
  domain: string,
  declaredSpec: SourceSpec,
  observedSpec: SourceSpec,
  options: DriftOptions,
  cache: Map<string, Promise<unknown>>,
): Promise<DomainDrift> {
  const staticOptions = { cache, ...(options.sesRegions ? { sesRegions: options.sesRegions } : {}) };
  const declaredStatic = isDnsSource(declaredSpec) ? undefined : await loadStatic(declaredSpec, domain, staticOptions);
  const observedStatic = isDnsSource(observedSpec) ? undefined : await loadStatic(observedSpec, domain, staticOptions);
  const selectors = typeof options.dkimSelectors === 'function' ? options.dkimSelectors(domain) : options.dkimSelectors ?? [];
  const scope = mailScope({
    domain,
    known: [...(declaredStatic?.sets ?? []), ...(observedStatic?.sets ?? [])],
    ses: [...(declaredStatic?.sesIdentities ?? []), ...(observedStatic?.sesIdentities ?? [])],
    dkimSelectors: selectors,
  });
  let keys = scope.keys;
  let queries = scope.queries;
  if (declaredStatic?.partial) {
    // SES declares only its own records: compare those names, not the whole mail setup.
    const names = new Set(declaredStatic.sets.map((s) => s.name));
    keys = new Set([...declaredStatic.sets.map((s) => keyOf(s.name, s.type)), ...[...names].map((n) => keyOf(n, 'CNAME'))]);
    queries = queries.filter((q) => names.has(q.name));
  }
  const notices: DriftNotice[] = [...(declaredStatic?.notices ?? []), ...(observedStatic?.notices ?? [])];
  const servers: string[] = [];

  // The declared side, when it is DNS itself (old provider vs new provider).
  let declaredSets: RecordSet[] = declaredStatic ? answeredSets(declaredStatic, keys) : [];
  const skipped = new Set<string>();
  if (isDnsSource(declaredSpec)) {
    const seen = await observeDns(declaredSpec, domain, queries, options.resolvers!);
    notices.push(...seen.notices, ...seen.observations.flatMap((o) => o.notices), ...disagreements(seen.observations, keys));
    const first = seen.observations[0];
    if (!first) {
      // Nothing known of the declared side: this domain could not be compared (exit 3), and the
      // other domains of the run still are (it used to end the whole run as a usage error).
      notices.push({ code: 'indeterminate', name: domain, message: `${declaredSpec.spec}: no server could be asked for "${domain}", so nothing was compared.` });
      return { domain, declared: declaredSpec.spec, observed: observedSpec.spec, differences: [], notices: dedupeNotices(notices), compared: [], servers: [] };
    }
    declaredSets = first.sets.map((s) => ({ ...s, source: declaredSpec.spec }));
    first.indeterminate.forEach((k) => skipped.add(k));
  }

  const compareTtl = !declaredStatic?.partial && observedSpec.kind !== 'recursive';
  const differences: Difference[] = [];
  const compared = new Set<string>();
  if (observedStatic) {
    const result = diffRecordSets(declaredSets, answeredSets(observedStatic, keys), { keys: without(keys, skipped), compareTtl });
    differences.push(...result.differences);
    notices.push(...result.notices);
    result.compared.forEach((k) => compared.add(k));
  } else if (isDnsSource(observedSpec)) {
    const seen = await observeDns(observedSpec, domain, queries, options.resolvers!);
    notices.push(...seen.notices, ...seen.observations.flatMap((o) => o.notices), ...disagreements(seen.observations, keys));
    for (const observation of seen.observations) {
      servers.push(observation.server);
      const result = diffRecordSets(declaredSets, observation.sets, {
        keys: without(without(keys, skipped), observation.indeterminate),
        compareTtl,
        ...(observedSpec.kind === 'recursive' ? {} : { server: observation.server }),
      });
      differences.push(...result.differences);
      notices.push(...result.notices);
      result.compared.forEach((k) => compared.add(k));
    }
    if (observedSpec.kind === 'recursive') {
      notices.push({ code: 'ttlNotCompared', message: 'TTLs from a recursive resolver count down in its cache, so they were not compared.' });
    }
    // Only meaningful when the servers found serve the declared zone itself, not a parent of it.
    if (declaredStatic?.nameServers && seen.nameServers && seen.nameServersOf && seen.nameServersOf === declaredStatic.zoneName) {
      notices.push(...delegation(seen.nameServersOf, declaredSpec.spec, declaredStatic.nameServers, seen.nameServers));
    }
  }
  return {
    domain,
    declared: declaredSpec.spec,
    observed: observedSpec.spec,
    differences: mergeByServer(differences),
    notices: dedupeNotices(notices),
    compared: [...compared].sort(),
    servers: servers.sort(byCodepoint),
  };
}

/**
 * A static side's sets for the keys compared, as its server would answer them: its own sets, plus
 * what its wildcards synthesise at names it does not hold (the DNS side is asked those names, and a
 * server answers them from the wildcard). Without wildcards in the zone: its own sets, unchanged.
 */
function answeredSets(snapshot: StaticSnapshot, keys: ReadonlySet<string>): RecordSet[] {
  return snapshot.zone ? [...snapshot.sets, ...wildcardAnswers(snapshot.zone, keys)] : snapshot.sets;
}

function without(keys: ReadonlySet<string>, drop: ReadonlySet<string>): Set<string> {
  return new Set([...keys].filter((k) => !drop.has(k)));
}

/** The same difference seen on several servers is one line naming them all. */
function mergeByServer(differences: Difference[]): Difference[] {
  const merged = new Map<string, Difference>();
  for (const d of differences) {
    const id = JSON.stringify([d.change, d.name, d.type, d.declared ?? null, d.observed ?? null]);
    const existing = merged.get(id);
    if (existing) existing.servers = [...new Set([...existing.servers, ...d.servers])].sort();
    else merged.set(id, { ...d, servers: [...d.servers].sort() });
  }
  const order: Record<ChangeKind, number> = { missing: 0, unexpected: 1, changed: 2, ttl: 3 };
  return [...merged.values()].sort(
    (a, b) =>
      byCodepoint(a.name, b.name) || byCodepoint(a.type, b.type) || order[a.change] - order[b.change] ||
      byCodepoint(a.servers.join(','), b.servers.join(',')),
  );
}

/** Servers of one zone that answer one RRset differently: a finding of its own. */
function disagreements(observations: readonly Observation[], keys: ReadonlySet<string>): DriftNotice[] {
  return compareServers(observations, keys).disagreements.map(({ name, type, views }) => ({
    code: 'serversDisagree', name, type, servers: views.map((v) => v.server),
    message: `Servers disagree on "${name}" ${type}: ${views.map((v) => `${v.server} has ${v.values.length ? v.values.map((x) => JSON.stringify(x)).join(', ') : 'nothing'}`).join('; ')}.`,
  }));
}

function delegation(domain: string, source: string, zoneNameServers: readonly string[], serving: readonly string[]): DriftNotice[] {
  const a = [...zoneNameServers].sort();
  const b = [...serving].sort();
  if (a.length === b.length && a.every((n, i) => n === b[i])) return [];
  return [{
    code: 'delegationMismatch', name: domain, type: 'NS',
    message: `${source} is served by ${a.join(', ')}, but "${domain}" is answered by ${b.join(', ')}: edits in that zone are not what the world sees.`,
  }];
}

function dedupeNotices(notices: DriftNotice[]): DriftNotice[] {
  const seen = new Set<string>();
  const out: DriftNotice[] = [];
  for (const n of notices) {
    const id = JSON.stringify([n.code, n.name ?? '', n.type ?? '', n.message]);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(n);
  }
  return out.sort((a, b) => byCodepoint(a.name ?? '', b.name ?? '') || byCodepoint(a.code, b.code) || byCodepoint(a.message, b.message));
}
