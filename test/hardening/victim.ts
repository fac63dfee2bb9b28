// A small, healthy mail domain served by the in-process test server, and raw DNS messages a hostile
// server can send about it. The hardening tests break one question at a time and check that only
// that question's checks change.

import * as dnsPacket from 'dns-packet';
import { runCli } from '../helpers/cli.js';
import { assertValidReport } from '../helpers/schema.js';
import { startTestDnsServer, type ReceivedQuery, type Script } from '../helpers/test-dns-server.js';
import { RSA_2048 } from '../dkim/keys.js';

export const DOMAIN = 'victim.test';
export const SELECTOR = 's1';
export const DKIM_NAME = `${SELECTOR}._domainkey.${DOMAIN}`;

/** Generous: the server is in-process and answers at once; only the hostile cases wait this long. */
export const TIMEOUT_MS = 1000;

function keyStrings(): string[] {
  const value = `v=DKIM1; k=rsa; p=${RSA_2048}`;
  const strings: string[] = [];
  for (let i = 0; i < value.length; i += 255) strings.push(value.slice(i, i + 255));
  return strings;
}

export const VICTIM: dnsPacket.Answer[] = [
  {
    name: DOMAIN, type: 'SOA', ttl: 300,
    data: { mname: `ns.${DOMAIN}`, rname: `hostmaster.${DOMAIN}`, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60 },
  },
  { name: DOMAIN, type: 'TXT', ttl: 300, data: ['v=spf1 ip4:192.0.2.0/24 -all'] },
  { name: DOMAIN, type: 'MX', ttl: 300, data: { preference: 10, exchange: `mx.${DOMAIN}` } },
  { name: `mx.${DOMAIN}`, type: 'A', ttl: 300, data: '192.0.2.25' },
  { name: `_dmarc.${DOMAIN}`, type: 'TXT', ttl: 300, data: ['v=DMARC1; p=reject'] },
  { name: DKIM_NAME, type: 'TXT', ttl: 300, data: keyStrings() },
];

export interface VictimRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The parsed JSON report (only for --format json). */
  report: any;
  /** Questions the server saw. */
  queries: ReceivedQuery[];
}

/** Serve the victim (plus `extra` records, minus `without`) through `script`; run `maildns check` against it. */
export async function checkVictim(
  script: Script | undefined,
  options: { extra?: dnsPacket.Answer[]; replace?: (r: dnsPacket.Answer) => boolean; format?: string; args?: string[] } = {},
): Promise<VictimRun> {
  const records = [...VICTIM.filter((r) => !options.replace?.(r)), ...(options.extra ?? [])];
  const server = await startTestDnsServer({ records, ...(script ? { script } : {}) });
  try {
    const format = options.format ?? 'json';
    const { code, stdout, stderr } = await runCli([
      'check', DOMAIN, '--nameserver', server.nameserver, '--timeout', String(TIMEOUT_MS), '--retries', '1',
      '--dkim-selector', SELECTOR, '--format', format, ...(options.args ?? []),
    ]);
    return { code, stdout, stderr, report: format === 'json' ? assertValidReport(stdout) : undefined, queries: server.queries };
  } finally {
    await server.close();
  }
}

/** Honest answers except for one question (name and type), which `fault` answers. */
export function breaking(name: string, type: string, fault: Script): Script {
  return (query, answer) =>
    query.name.toLowerCase() === name && query.type === type ? fault(query, answer) : [{ kind: 'reply', packet: answer() }];
}

/** A reply with only the TC bit, so the resolver moves to TCP. */
export function truncatedReply(query: ReceivedQuery): dnsPacket.Packet {
  return {
    type: 'response', id: query.id, flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.TRUNCATED_RESPONSE,
    questions: [{ name: query.name, type: query.type as dnsPacket.RecordType, class: 'IN' }],
  };
}

/** Header and question of a response to `query`, as bytes, with `answers` claimed in ANCOUNT. */
export function responseHead(query: ReceivedQuery, answers: number, flags = 0x8400): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.id, 0);
  header.writeUInt16BE(flags, 2); // QR, AA
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers, 6);
  const question = dnsPacket.encode({ type: 'query', id: 0, questions: [{ name: query.name, type: query.type as dnsPacket.RecordType, class: 'IN' }] }).subarray(12);
  return Buffer.concat([header, question]);
}

/** One answer record: owner name bytes as given, then type, class IN, TTL 300 and rdata. */
export function rawRecord(owner: Buffer, type: number, rdata: Buffer): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(1, 2);
  fixed.writeUInt32BE(300, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([owner, fixed, rdata]);
}

/** A compression pointer to the question's name (offset 12). */
export const QUESTION_NAME = Buffer.from([0xc0, 0x0c]);
export const TYPE_TXT = 16;

/** The lookups the report lists for the domain, as "name TYPE status". */
export function lookupStatuses(report: any): string[] {
  return report.domains[0].records.map((r: any) => `${r.name} ${r.type} ${r.status}`);
}

/** Findings, minus those of the DNS rule and the given areas, as "ruleId/messageId subject". */
export function findingsOutside(report: any, areas: string[]): string[] {
  return report.domains[0].findings
    .filter((f: any) => f.ruleId !== 'dns-lookup-indeterminate' && !areas.some((a) => f.ruleId.startsWith(`${a}-`)))
    .map((f: any) => `${f.ruleId}/${f.messageId} ${f.subject.name}`);
}
