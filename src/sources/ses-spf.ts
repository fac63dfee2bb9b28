// Does the SPF policy of a custom MAIL FROM domain let SES's servers pass? Looking for the text
// "include:amazonses.com" in one record answered that wrongly both ways: a nested include was missed,
// and an include after "all", or in a record with a syntax error, was taken as authorising SES.
//
// So the question is put the way a receiver puts it: check_host() (src/spf/check-host.ts, the
// evaluator behind `maildns spf --ip`, which passes the OpenSPF RFC 7208 suite) for SES's sending
// addresses, one address from each network amazonses.com's own record lists. It runs over the answers
// gathering already holds (the MAIL FROM domain's SPF tree), never over the network: a question the
// tree did not ask (a macro target, the client's PTR) is not answered, and the verdict is then
// "unevaluated" rather than a guess. Evaluation order, "all" ending it (RFC 7208 §5.1), syntax errors
// (§4.6), the 10-lookup and void-lookup limits as a receiver counts them (§4.6.4), include and
// redirect (§5.2, §6.1) all come from check_host itself.

import { isIndeterminate, normaliseName, emptyStats, type Lookup, type Resolver, type RRType } from '../dns/types.js';
import { checkHost } from '../spf/check-host.js';
import { formatIp, parseIp } from '../spf/ip.js';
import { parseSpf } from '../spf/parse.js';
import { selectSpfRecord } from '../spf/select.js';
import type { SpfResult } from '../spf/result.js';

export type SesSpfVerdict =
  /** Every SES address sampled passes. */
  | { kind: 'pass'; addresses: string[] }
  /** Receivers get permerror for an SES address: the policy is broken. */
  | { kind: 'permerror'; address: string; problem: string }
  /** An SES address gets fail, softfail or neutral: SES is not authorised (for that network at least). */
  | { kind: 'not-authorised'; address: string; result: Exclude<SpfResult, 'pass' | 'permerror' | 'temperror'>; mechanism?: string }
  /**
   * No verdict. `unevaluated`: the evaluation needed an answer the gathered tree does not hold (macros,
   * ptr) or SES's addresses are unknown. Otherwise a lookup failed, which dns-lookup-indeterminate reports.
   */
  | { kind: 'indeterminate'; unevaluated: boolean; reason: string };

/**
 * `answers(name, type)`: the lookup gathering made for that question, if it made one. `sesTxt` is the
 * TXT lookup at amazonses.com, where SES's networks are read from.
 */
export async function sesSpfVerdict(
  mailFrom: string,
  sesTxt: Lookup,
  answers: (name: string, type: RRType) => Promise<Lookup> | undefined,
): Promise<SesSpfVerdict> {
  if (isIndeterminate(sesTxt.status)) {
    return { kind: 'indeterminate', unevaluated: false, reason: `the TXT lookup at "${sesTxt.name}" failed: ${sesTxt.reason ?? sesTxt.status}` };
  }
  const addresses = sesAddresses(sesTxt);
  if (addresses.length === 0) {
    return { kind: 'indeterminate', unevaluated: true, reason: `"${sesTxt.name}" lists no ip4 or ip6 network, so SES's addresses are unknown` };
  }
  let missed: string | undefined;
  const replay: Resolver = {
    stats: emptyStats,
    lookup: (name: string, type: RRType): Promise<Lookup> => {
      const gathered = answers(normaliseName(name), type);
      if (gathered) return gathered;
      missed ??= `${type} ${normaliseName(name)}`;
      return Promise.resolve({
        name: normaliseName(name), type, status: 'error', records: [], cnames: [], server: 'maildns',
        reason: 'not asked: only the SPF tree gathered for the MAIL FROM domain is evaluated',
      });
    },
  };
  let verdict: SesSpfVerdict | undefined;
  for (const ip of addresses) {
    // No exp= lookup: it only explains a fail, and the tree never asked it (it made a fail "unevaluated").
    const r = await checkHost({ ip, sender: `postmaster@${mailFrom}` }, { resolver: replay, explain: false });
    if (missed !== undefined) {
      // A term the tree could not answer was reached before the result: either result could be wrong.
      return { kind: 'indeterminate', unevaluated: true, reason: `evaluating it for ${ip} needs ${missed}, which depends on the message or the client` };
    }
    if (r.result === 'pass') continue;
    if (r.result === 'temperror') {
      verdict ??= { kind: 'indeterminate', unevaluated: false, reason: r.problem ?? 'temperror' };
      continue;
    }
    if (r.result === 'permerror') return { kind: 'permerror', address: ip, problem: r.problem ?? 'permerror' };
    // A definite non-pass for one SES network outranks a failed lookup for another: that mail fails.
    if (verdict?.kind !== 'not-authorised') {
      verdict = { kind: 'not-authorised', address: ip, result: r.result, ...(r.mechanism !== undefined ? { mechanism: r.mechanism } : {}) };
    }
  }
  return verdict ?? { kind: 'pass', addresses };
}

/** One address per ip4/ip6 network of amazonses.com's own record, in its order, duplicates dropped. */
function sesAddresses(sesTxt: Lookup): string[] {
  const selection = selectSpfRecord(sesTxt.records);
  if (selection.kind !== 'one') return [];
  const out = new Set<string>();
  for (const term of parseSpf(selection.text).terms) {
    if (term.kind !== 'ip4' && term.kind !== 'ip6') continue;
    const ip = parseIp(term.address);
    if (ip) out.add(formatIp(ip));
  }
  return [...out];
}
