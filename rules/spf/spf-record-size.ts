import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { apexSpfTexts } from '../../src/spf/rule-helpers.js';
import type { DnsRecord } from '../../src/dns/types.js';

export const SPF_SIZE_RULE_OF_THUMB = 450; // RFC 7208 §3.4: name plus the text of all TXT records
export const CLASSIC_UDP_LIMIT = 512; // RFC 7208 §3.4, RFC 1035 §4.2.1: a UDP answer without EDNS0
const HEADER = 12; // RFC 1035 §4.1.1
const RR_FIXED = 2 + 10; // a compressed owner name, then type, class, TTL, RDLENGTH

/** Octets of the TXT answer at `name`: header, question, and each RR with a compressed owner name. */
export function estimateTxtAnswerSize(name: string, records: readonly DnsRecord[]): number {
  const nameWire = name.split('.').reduce((n, label) => n + 1 + Buffer.byteLength(label), 1);
  const rdata = (r: DnsRecord): number => (r.strings ?? [r.value]).reduce((n, s) => n + 1 + Buffer.byteLength(s), 0);
  return HEADER + nameWire + 4 + records.reduce((n, r) => n + RR_FIXED + rdata(r), 0);
}

export default defineRule({
  id: 'spf-record-size',
  area: 'spf',
  meta: {
    docs: { description: 'The TXT answer carrying SPF is too big to be sure it fits in a UDP answer', references: ['RFC 7208 §3.4'] },
    messages: {
      overRuleOfThumb: {
        severity: 'notice',
        text: 'The name and TXT records of "{{domain}}" take {{octets}} octets; RFC 7208 §3.4 advises under {{limit}} so the answer fits in 512 octets.',
        fix: 'Shorten the SPF record (ip4:/ip6: ranges instead of many a:/mx:, fewer includes) or move other TXT records to subdomains.',
      },
      answerOverUdpLimit: {
        severity: 'warning',
        text: 'The TXT answer for "{{domain}}" is about {{octets}} octets, over the {{limit}} of a UDP answer without EDNS; some receivers may not get the SPF record.',
        fix: 'Shorten the SPF record or move other TXT records (site verifications) off "{{domain}}".',
      },
    },
  },
  check(facts, { report }) {
    if (facts.txt.status !== 'answer' || apexSpfTexts(facts).length === 0) return;
    const records = facts.txt.records;
    const wire = estimateTxtAnswerSize(facts.domain, records);
    const thumb = Buffer.byteLength(facts.domain) + records.reduce((n, r) => n + Buffer.byteLength(r.value), 0);
    const subject = { name: facts.domain, type: 'TXT', source: facts.txt.server };
    if (wire > CLASSIC_UDP_LIMIT) {
      report({ messageId: 'answerOverUdpLimit', subject, data: { domain: facts.domain, octets: wire, limit: CLASSIC_UDP_LIMIT }, evidence: [evidenceOf(facts.txt)] });
    } else if (thumb > SPF_SIZE_RULE_OF_THUMB) {
      report({ messageId: 'overRuleOfThumb', subject, data: { domain: facts.domain, octets: thumb, limit: SPF_SIZE_RULE_OF_THUMB }, evidence: [evidenceOf(facts.txt)] });
    }
  },
});
