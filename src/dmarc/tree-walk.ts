// The RFC 9989 §4.10 DNS tree walk and §4.10.2 organisational-domain selection, over lookups the
// caller makes. The step order follows RFC 9989 as implemented by mailauth (lib/dmarc/get-dmarc-record.js),
// since the RFC text itself was not at hand: a name of 8 or more labels is cut to its 7 rightmost,
// otherwise one label is dropped; the walk goes down to the TLD and stops at a record with psd=y/n.

import type { DmarcParseResult } from './parse-record.js';

export const WALK_MAX_LABELS = 7; // RFC 9989 §4.10: longer names jump to their 7 rightmost labels
export const MAX_WALK_QUERIES = 8; // RFC 9989 §4.10: the start name plus at most 7 more

export interface WalkFound {
  domain: string;
  parsed: DmarcParseResult;
}

/** The names the walk asks after `domain` itself, shortest last ("a.b.example.com" -> b.example.com, example.com, com). */
export function walkTargets(domain: string): string[] {
  const targets: string[] = [];
  let labels = domain.split('.').filter((l) => l !== '');
  for (;;) {
    labels = labels.length > WALK_MAX_LABELS ? labels.slice(-WALK_MAX_LABELS) : labels.slice(1);
    if (labels.length === 0) return targets;
    targets.push(labels.join('.'));
  }
}

/** Whether the walk stops at this record (RFC 9989 §4.10: a psd=y or psd=n tag). */
export function stopsWalk(found: WalkFound): boolean {
  const psd = found.parsed.record?.psd;
  return psd === 'y' || psd === 'n';
}

/**
 * RFC 9989 §4.10.2: the first record (from the bottom) with psd=n is the organisational domain; with
 * psd=y the domain one label below it is; otherwise the record with the fewest labels; with no record
 * at all, the domain itself. `found` is in walk order, the domain's own record (if any) first.
 */
export function selectOrgDomain(domain: string, found: readonly WalkFound[]): string {
  for (const entry of found) {
    if (entry.parsed.record?.psd === 'n') return entry.domain;
    if (entry.parsed.record?.psd === 'y' && entry.domain !== domain) {
      const labels = entry.domain.split('.').length + 1;
      return domain.split('.').slice(-labels).join('.');
    }
  }
  return found.at(-1)?.domain ?? domain;
}

/** True when `host` is `org` or below it. */
export function isWithin(host: string, org: string): boolean {
  return host === org || host.endsWith(`.${org}`);
}
