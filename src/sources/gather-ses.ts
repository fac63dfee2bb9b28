// Gathers SES facts for one domain: the DNS lookups each of its SES identities depends on, made
// through the RecordingResolver so reports list them with every other lookup.

import { isIndeterminate, normaliseName, type Lookup, type RRType } from '../dns/types.js';
import { parseDkimKeyRecord, type DkimKeyRecordResult } from '../dkim/parse-key-record.js';
import { selectSpfRecord, txtText } from '../spf/select.js';
import { gatherSpf } from '../spf/gather.js';
import { SES_SPF_INCLUDE } from './ses-regions.js';
import { sesSpfVerdict } from './ses-spf.js';
import type { SesFacts, SesIdentityFacts } from './ses-facts.js';
import { sesExpectations, type SesIdentity, type SesInventory } from './ses.js';

/** What gathering needs from a resolver: RecordingResolver fits. */
export interface LookupRecorder {
  lookup(name: string, type: RRType): Promise<Lookup>;
}

/** How far up gatherSesFacts walks from a subdomain identity to find its zone's SOA. */
const MAX_SOA_WALK = 4;

export interface GatherSesOptions {
  /** Regions asked, when the domain was named and SES has it in none of them. */
  notFoundInRegions?: string[];
}

/**
 * `identities` are the domain's SES identities (one per region; others are ignored). Lookups go
 * through `dns`, once per name and type.
 */
export async function gatherSesFacts(
  domain: string,
  identities: readonly SesIdentity[],
  dns: LookupRecorder,
  options: GatherSesOptions = {},
): Promise<SesFacts> {
  const cache = new Map<string, Promise<Lookup>>();
  const ask = (name: string, type: RRType): Promise<Lookup> => {
    const key = `${normaliseName(name)}:${type}`;
    let pending = cache.get(key);
    if (!pending) cache.set(key, (pending = dns.lookup(name, type)));
    return pending;
  };
  const asked: Asked = { ask, answered: (name, type) => cache.get(`${name}:${type}`) };
  const mine = identities.filter((i) => i.name === domain).sort((a, b) => (a.region < b.region ? -1 : 1));
  const [facts, soa] = await Promise.all([Promise.all(mine.map((i) => gatherIdentity(i, asked))), findSoa(domain, ask)]);
  const result: SesFacts = { identities: facts, soa };
  if (options.notFoundInRegions && mine.length === 0) result.notFoundInRegions = options.notFoundInRegions;
  return result;
}

/** gatherSesFacts' one lookup per question, and what it has asked (normalised name) for replaying. */
interface Asked {
  ask: (name: string, type: RRType) => Promise<Lookup>;
  answered: (name: string, type: RRType) => Promise<Lookup> | undefined;
}

async function gatherIdentity(identity: SesIdentity, { ask, answered }: Asked): Promise<SesIdentityFacts> {
  const expected = sesExpectations(identity);
  const dkimCnames = await Promise.all(
    expected.dkimCnames.map(async (c) => {
      const lookup = await ask(c.name, 'TXT');
      return { token: c.token, name: c.name, expectedTarget: c.target, lookup, keys: keysOf(lookup) };
    }),
  );
  const byodkimKeys = await Promise.all(
    expected.byodkimKeyNames.map(async (k) => {
      const lookup = await ask(k.name, 'TXT');
      return { selector: k.selector, name: k.name, lookup, keys: keysOf(lookup) };
    }),
  );
  const facts: SesIdentityFacts = { identity, dkimCnames, byodkimKeys };
  if (expected.mailFrom) {
    const { domain, exchange, preference } = expected.mailFrom;
    const [mx, txt] = await Promise.all([ask(domain, 'MX'), ask(domain, 'TXT')]);
    const spf = selectSpfRecord(txt.records);
    facts.mailFrom = { domain, expectedExchange: exchange, expectedPreference: preference, mx, txt, spf };
    // The MAIL FROM domain's SPF tree, walked as the apex's is (gatherSpf) but through `ask`, so its
    // lookups are recorded once and shared with the other SES checks; then SES's addresses are
    // evaluated against it (ses-spf.ts). amazonses.com's TXT is usually in the tree already.
    const tree = await gatherSpf(domain, txt, { lookup: ask });
    if (tree) {
      const sesTxt = await ask(SES_SPF_INCLUDE, 'TXT');
      facts.mailFrom.spfTree = tree;
      facts.mailFrom.sesSpf = await sesSpfVerdict(domain, sesTxt, answered);
    }
  }
  return facts;
}

function keysOf(lookup: Lookup): DkimKeyRecordResult[] {
  return lookup.status === 'answer' ? lookup.records.map((r) => parseDkimKeyRecord(txtText(r))) : [];
}

/** SES reports the SOA of the zone it checked; for a subdomain identity that is an ancestor's SOA. */
async function findSoa(domain: string, ask: (name: string, type: RRType) => Promise<Lookup>): Promise<Lookup> {
  let name = domain;
  let lookup = await ask(name, 'SOA');
  for (let step = 0; step < MAX_SOA_WALK && lookup.status !== 'answer' && !isIndeterminate(lookup.status); step++) {
    const dot = name.indexOf('.');
    if (dot < 0 || !name.slice(dot + 1).includes('.')) break;
    name = name.slice(dot + 1);
    lookup = await ask(name, 'SOA');
  }
  return lookup;
}

// --- for `maildns check --ses` -----------------------------------------------------------------------

/** The domains an inventory covers, sorted: what `check --ses` checks when no domain is named. */
export function sesDomains(inventory: SesInventory): string[] {
  return [...new Set([...inventory.identities.map((i) => i.name), ...inventory.missing.map((m) => m.name)])].sort();
}

/** A domain's SES facts from the inventory, its lookups made through `dns` (gatherDomainFacts' recorder). */
export function sesFactsFor(domain: string, inventory: SesInventory, dns: LookupRecorder): Promise<SesFacts> {
  const missing = inventory.missing.find((m) => m.name === domain);
  return gatherSesFacts(domain, inventory.identities, dns, missing ? { notFoundInRegions: missing.regions } : {});
}

/** The DKIM selectors SES signs the domain with: Easy DKIM tokens, or the BYODKIM selector. */
export function sesSelectors(domain: string, inventory: SesInventory): string[] {
  return inventory.identities.filter((i) => i.name === domain).flatMap((i) => i.dkim.tokens);
}
