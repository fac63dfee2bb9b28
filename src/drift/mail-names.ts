// Which names and types drift looks at: the ones mail authentication depends on, nothing else.
// apex TXT and MX, _dmarc, DKIM selectors known from either side or from SES, the MAIL FROM domain's
// MX and TXT, and DMARC report-authorisation names (<other>._report._dmarc.<domain>).

import { normaliseName } from '../dns/types.js';
import { sesExpectations, type SesIdentity } from '../sources/ses.js';
import { feedbackRegionOf } from '../sources/ses-regions.js';
import { keyOf } from './record-sets.js';
import type { RecordSet } from './types.js';

export interface MailQuery {
  name: string;
  /** Types to ask for. A CNAME at the name comes back from any of them (asked with CNAMEs not followed). */
  types: ('TXT' | 'MX' | 'SPF')[];
}

export interface MailScope {
  queries: MailQuery[];
  /** Keys compared: each query name with the types asked there, and CNAME. */
  keys: Set<string>;
}

export interface MailScopeInput {
  domain: string;
  /** Record sets from the static sides, to learn selectors, MAIL FROM and report-authorisation names. */
  known?: readonly RecordSet[];
  ses?: readonly SesIdentity[];
  dkimSelectors?: readonly string[];
}

export function mailScope(input: MailScopeInput): MailScope {
  const domain = normaliseName(input.domain);
  const txt = new Set<string>([domain, `_dmarc.${domain}`]);
  const mx = new Set<string>([domain]);
  for (const selector of input.dkimSelectors ?? []) txt.add(`${selector.toLowerCase()}._domainkey.${domain}`);
  for (const identity of input.ses ?? []) {
    if (identity.name !== domain) continue;
    const expected = sesExpectations(identity);
    for (const c of expected.dkimCnames) txt.add(c.name);
    for (const k of expected.byodkimKeyNames) txt.add(k.name);
    if (expected.mailFrom) {
      txt.add(expected.mailFrom.domain);
      mx.add(expected.mailFrom.domain);
    }
  }
  for (const set of input.known ?? []) {
    if (isSelectorName(set.name, domain) || isReportAuthorisationName(set.name, domain)) txt.add(set.name);
    // A feedback MX marks a custom MAIL FROM domain.
    if (set.type === 'MX' && set.name.endsWith(`.${domain}`) && set.values.some((v) => feedbackRegionOf(v.split(' ')[1] ?? '') !== undefined)) {
      txt.add(set.name);
      mx.add(set.name);
    }
  }
  const names = [...new Set([...txt, ...mx])].sort();
  // The deprecated type-99 SPF record (RFC 7208 §3.1) matters where mail is sent from: the domain and
  // its MAIL FROM domain, the names with an MX here. It is asked there like the other types: compared
  // without being asked, a declared one was always "missing" from a DNS source.
  const queries = names.map((name): MailQuery => ({
    name,
    types: [
      ...(txt.has(name) ? (['TXT'] as const) : []),
      ...(mx.has(name) ? (['MX'] as const) : []),
      ...(txt.has(name) && mx.has(name) ? (['SPF'] as const) : []),
    ],
  }));
  const keys = new Set<string>();
  for (const q of queries) {
    for (const type of q.types) keys.add(keyOf(q.name, type));
    keys.add(keyOf(q.name, 'CNAME'));
  }
  return { queries, keys };
}

/** "<selector>._domainkey.<domain>" with a single-label selector. */
export function isSelectorName(name: string, domain: string): boolean {
  const suffix = `._domainkey.${domain}`;
  return name.endsWith(suffix) && !name.slice(0, -suffix.length).includes('.');
}

/** "<policy domain>._report._dmarc.<domain>": this domain accepting reports for another (RFC 7489 §7.1). */
export function isReportAuthorisationName(name: string, domain: string): boolean {
  return name.endsWith(`._report._dmarc.${domain}`);
}
