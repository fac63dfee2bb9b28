// The hostile DNS matrix, through the real CLI: one question at a time is answered by a hostile or
// broken server, and the report must say exactly that question could not be checked — with the
// reason — while every other check comes out as it does against an honest server. Each case has a
// deadline of its own, so a hang fails the case instead of stalling the suite.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from 'dns-packet';
import { MAX_CNAME_CHAIN } from '../../src/dns/stub-resolver.js';
import { rcodeReply, type Action, type Script } from '../helpers/test-dns-server.js';
import {
  breaking, checkVictim, DKIM_NAME, DOMAIN, findingsOutside, lookupStatuses, QUESTION_NAME, rawRecord, responseHead,
  TIMEOUT_MS, truncatedReply, TYPE_TXT, type VictimRun,
} from './victim.js';

/** Per case: two tries of every hostile question, the honest ones, and a wide margin for a loaded machine. */
const CASE_DEADLINE_MS = 30_000;

let baseline: VictimRun;
before(async () => {
  baseline = await checkVictim(undefined);
});

test('baseline: the honest victim domain is ok, exit 0', { timeout: CASE_DEADLINE_MS }, () => {
  assert.equal(baseline.code, 0, baseline.stderr);
  assert.equal(baseline.report.domains[0].status, 'ok');
  assert.ok(lookupStatuses(baseline.report).every((l) => /answer|nodata/.test(l)));
});

interface FaultCase {
  name: string;
  /** The question the server breaks: [name, type]. */
  target: [string, string];
  script: Script;
  /** Extra records served (or a replacement set for the target). */
  extra?: dnsPacket.Answer[];
  replace?: (r: dnsPacket.Answer) => boolean;
  /** Lookup status in the report, and the reason the finding gives. */
  status: RegExp;
  reason: RegExp;
  /** Rule area whose checks depend on the target (they must say nothing definite). */
  area: string;
  /** Lookups that exist only because the target answered (skipped when it does not). */
  dependents?: string[];
}

const [DKIM, TXT] = [DKIM_NAME, 'TXT'] as const;
const dkimTarget: [string, string] = [DKIM, TXT];
const reply = (packet: dnsPacket.Packet, extra: Partial<Extract<Action, { kind: 'reply' }>> = {}): Action => ({ kind: 'reply', packet, ...extra });
/** UDP: TC, so the resolver asks over TCP; TCP: the actions given. */
const overTcp = (tcp: Script): Script => (q, answer) => (q.transport === 'udp' ? [reply(truncatedReply(q))] : tcp(q, answer));
const label = (n: number): string => 'x'.repeat(n);
/** A TXT value as character-strings of at most 255 bytes (RFC 1035 §3.3). */
const chunk = (value: string): string[] => value.match(/.{1,255}/g)!;

const fiveThousandTxt = (q: Parameters<Script>[0]): Buffer => {
  const empty = rawRecord(QUESTION_NAME, TYPE_TXT, Buffer.from([0])); // 13 bytes each: 5,000 fit in one message
  return Buffer.concat([responseHead(q, 5000), ...Array.from({ length: 5000 }, () => empty)]);
};
const bigTxt: dnsPacket.Answer = { name: DOMAIN, type: 'TXT', ttl: 300, data: Array.from({ length: 250 }, (_, i) => `${i % 10}`.repeat(255)) };

const cases: FaultCase[] = [
  { name: 'no answer', target: dkimTarget, script: () => [], status: /^timeout$/, reason: /timeout after 2 tries/, area: 'dkim' },
  {
    name: 'an answer after the timeout', target: dkimTarget, area: 'dkim', status: /^timeout$/, reason: /timeout after 2 tries/,
    script: (_q, answer) => [reply(answer(), { delayMs: TIMEOUT_MS * 1.5 })],
  },
  {
    name: 'a wrong id', target: dkimTarget, area: 'dkim', status: /^timeout$/, reason: /timeout/,
    script: (q, answer) => [reply({ ...answer(), id: (q.id + 1) & 0xffff })],
  },
  {
    name: 'the right id but a wrong question', target: dkimTarget, area: 'dkim', status: /^timeout$/, reason: /timeout/,
    script: (_q, answer) => [reply({ ...answer(), questions: [{ name: `s2._domainkey.${DOMAIN}`, type: 'TXT', class: 'IN' }] })],
  },
  {
    name: 'a reply from another port', target: dkimTarget, area: 'dkim', status: /^timeout$/, reason: /timeout/,
    script: (_q, answer) => [reply(answer(), { fromOtherPort: true })],
  },
  {
    name: 'garbage bytes', target: dkimTarget, area: 'dkim', status: /^malformed$/, reason: /undecodable reply of 9 bytes/,
    script: () => [{ kind: 'raw', bytes: Buffer.from('not a dns', 'latin1') }],
  },
  {
    name: 'a message cut short', target: dkimTarget, area: 'dkim', status: /^malformed$/, reason: /undecodable reply .*buffer overflow|undecodable/,
    script: (_q, answer) => [{ kind: 'raw', bytes: dnsPacket.encode(answer()).subarray(0, 60) }],
  },
  {
    name: 'a compression pointer to itself', target: dkimTarget, area: 'dkim', status: /^malformed$/, reason: /bad pointer/,
    script: (q) => {
      const head = responseHead(q, 1);
      const self = Buffer.from([0xc0 | (head.length >> 8), head.length & 0xff]); // the owner name points at itself
      return [{ kind: 'raw', bytes: Buffer.concat([head, rawRecord(self, TYPE_TXT, Buffer.from([1, 0x78]))]) }];
    },
  },
  {
    name: 'a compression pointer loop (forward and back)', target: dkimTarget, area: 'dkim', status: /^malformed$/, reason: /bad pointer/,
    script: (q) => {
      const head = responseHead(q, 2);
      const first = head.length; // record 1's owner points forward at record 2's, which points back
      const second = first + 2 + 10 + 2;
      const r1 = rawRecord(Buffer.from([0xc0, second]), TYPE_TXT, Buffer.from([1, 0x78]));
      const r2 = rawRecord(Buffer.from([0xc0, first]), TYPE_TXT, Buffer.from([1, 0x78]));
      return [{ kind: 'raw', bytes: Buffer.concat([head, r1, r2]) }];
    },
  },
  {
    name: 'a label over 63 bytes in the answer', target: dkimTarget, area: 'dkim', status: /^malformed$/, reason: /bad label/,
    script: (q) => [{ kind: 'raw', bytes: Buffer.concat([responseHead(q, 1), rawRecord(Buffer.concat([Buffer.from([64]), Buffer.from(label(64)), Buffer.from([0])]), TYPE_TXT, Buffer.from([1, 0x78]))]) }],
  },
  {
    name: 'a name over 255 bytes in the answer', target: dkimTarget, area: 'dkim', status: /^malformed$/, reason: /name too long/,
    script: (q) => {
      const long = Buffer.concat([...Array.from({ length: 5 }, () => Buffer.concat([Buffer.from([60]), Buffer.from(label(60))])), Buffer.from([0])]);
      return [{ kind: 'raw', bytes: Buffer.concat([responseHead(q, 1), rawRecord(long, TYPE_TXT, Buffer.from([1, 0x78]))]) }];
    },
  },
  {
    name: 'TC set over TCP', target: dkimTarget, area: 'dkim', status: /^malformed$|^error$/, reason: /truncated/i,
    script: overTcp((q) => [reply(truncatedReply(q))]),
  },
  {
    name: 'a TCP stream cut mid-frame', target: dkimTarget, area: 'dkim', status: /^error$/, reason: /closed mid-message/,
    script: overTcp((_q, answer) => [{ kind: 'cut', packet: answer(), keepBytes: 40 }]),
  },
  {
    name: '5,000 records in one answer', target: dkimTarget, area: 'dkim', status: /^error$/, reason: /5000 TXT records; maildns reads at most 256/,
    script: overTcp((q) => [{ kind: 'raw', bytes: fiveThousandTxt(q) }]),
  },
  {
    name: 'TXT of 64 KB in total', target: [DOMAIN, 'TXT'], area: 'spf', status: /^error$/, reason: /63750 bytes of TXT data; maildns reads at most 32768/,
    replace: (r) => r.name === DOMAIN && r.type === 'TXT', extra: [bigTxt],
    script: (q, answer) => (q.name === DOMAIN && q.type === 'TXT' ? overTcp((_q, a) => [reply(a())])(q, answer) : [reply(answer())]),
  },
  {
    name: 'a CNAME loop', target: dkimTarget, area: 'dkim', status: /^error$/, reason: /CNAME loop/,
    replace: (r) => r.name === DKIM,
    extra: [
      { name: DKIM, type: 'CNAME', ttl: 300, data: `loop.${DOMAIN}` },
      { name: `loop.${DOMAIN}`, type: 'CNAME', ttl: 300, data: DKIM },
    ],
    script: (_q, answer) => [reply(answer())],
  },
  {
    name: 'a CNAME chain 20 long', target: dkimTarget, area: 'dkim', status: /^error$/, reason: new RegExp(`CNAME chain .* longer than ${MAX_CNAME_CHAIN}`),
    replace: (r) => r.name === DKIM,
    extra: [
      ...Array.from({ length: 20 }, (_, i): dnsPacket.Answer => ({ name: i === 0 ? DKIM : `c${i}.${DOMAIN}`, type: 'CNAME', ttl: 300, data: `c${i + 1}.${DOMAIN}` })),
      { name: `c20.${DOMAIN}`, type: 'TXT', ttl: 300, data: ['v=DKIM1; p='] },
    ],
    script: (_q, answer) => [reply(answer())],
  },
  {
    name: 'SERVFAIL', target: [DOMAIN, 'MX'], area: 'mx', status: /^servfail$/, reason: /SERVFAIL/,
    dependents: [`mx.${DOMAIN} A`, `mx.${DOMAIN} AAAA`],
    script: (q) => [reply(rcodeReply(q, 'SERVFAIL'))],
  },
  { name: 'REFUSED', target: [`_dmarc.${DOMAIN}`, 'TXT'], area: 'dmarc', status: /^refused$/, reason: /REFUSED/, script: (q) => [reply(rcodeReply(q, 'REFUSED'))] },
  { name: 'NOTIMP', target: dkimTarget, area: 'dkim', status: /^error$/, reason: /NOTIMP/, script: (q) => [reply(rcodeReply(q, 'NOTIMP'))] },
  {
    name: 'an SPF include whose name has a label over 63 bytes', target: [`${label(64)}.${DOMAIN}`, 'TXT'], area: 'spf',
    status: /^error$/, reason: /cannot ask: .* has a label of 64 bytes; the limit is 63/,
    replace: (r) => r.name === DOMAIN && r.type === 'TXT',
    extra: [{ name: DOMAIN, type: 'TXT', ttl: 300, data: [`v=spf1 include:${label(64)}.${DOMAIN} -all`] }],
    script: (_q, answer) => [reply(answer())],
  },
  {
    name: 'an SPF include whose name is over 255 bytes', target: [`${Array(5).fill(label(60)).join('.')}.${DOMAIN}`, 'TXT'], area: 'spf',
    status: /^error$/, reason: /cannot ask: .* is 318 bytes on the wire; the limit is 255/,
    replace: (r) => r.name === DOMAIN && r.type === 'TXT',
    extra: [{ name: DOMAIN, type: 'TXT', ttl: 300, data: chunk(`v=spf1 include:${Array(5).fill(label(60)).join('.')}.${DOMAIN} -all`) }],
    script: (_q, answer) => [reply(answer())],
  },
];

for (const c of cases) {
  test(`hostile DNS: ${c.name} — only "${c.target.join(' ')}" is indeterminate, with the reason; exit 3`, { timeout: CASE_DEADLINE_MS }, async () => {
    const [name, type] = c.target;
    const targeted = c.replace || c.extra ? c.script : breaking(name, type, c.script);
    const run = await checkVictim(targeted, { ...(c.extra ? { extra: c.extra } : {}), ...(c.replace ? { replace: c.replace } : {}) });
    assert.equal(run.code, 3, run.stderr);
    const domain = run.report.domains[0];
    assert.equal(domain.status, 'indeterminate');
    assert.equal(domain.error, undefined, 'the domain was gathered, not abandoned');

    const record = domain.records.find((r: any) => r.name === name && r.type === type);
    assert.ok(record, `the report lists ${name} ${type}`);
    assert.match(record.status, c.status);
    assert.deepEqual(record.values, [], 'no records taken from a failed answer');

    const failed = domain.findings.filter((f: any) => f.ruleId === 'dns-lookup-indeterminate');
    assert.deepEqual(failed.map((f: any) => `${f.subject.name} ${f.subject.type}`), [`${name} ${type}`], 'one finding, for that question only');
    assert.equal(failed[0].indeterminate, true);
    assert.match(failed[0].message, c.reason);

    // Nothing else is affected: every other question answered as before, the other areas say the same.
    const skip = new Set([`${name} ${type}`, ...(c.dependents ?? [])]);
    const others = (report: any): string[] => lookupStatuses(report).filter((l) => !skip.has(l.replace(/ \S+$/, '')) && !(l.startsWith(`${name} `) && c.area === 'dkim'));
    const honestOthers = others(baseline.report).filter((l) => !c.extra || !l.startsWith(`${name} `));
    for (const line of honestOthers) assert.ok(others(run.report).includes(line), `still ${line}`);
    assert.deepEqual(findingsOutside(run.report, [c.area]), findingsOutside(baseline.report, [c.area]));
    // The area that needed the question says nothing definite about it.
    const definite = domain.findings.filter((f: any) => f.ruleId.startsWith(`${c.area}-`) && f.severity !== 'info' && !f.indeterminate);
    assert.deepEqual(definite.map((f: any) => `${f.ruleId}/${f.messageId}`), []);
    assert.ok(run.stdout.length < 100_000, `the report stays small (${run.stdout.length} bytes)`);
  });
}

// Exit 3 only when something could not be checked: faults the resolver can see through change nothing.
const survivable: Array<[string, Script]> = [
  ['a wrong id, then the real answer', (q, answer) => [reply({ ...answer(), id: (q.id + 1) & 0xffff }), reply(answer(), { delayMs: 20 })]],
  ['garbage, then the real answer', (_q, answer) => [{ kind: 'raw', bytes: Buffer.from('garbage!') }, reply(answer(), { delayMs: 20 })]],
  ['a reply from another port, then the real answer', (_q, answer) => [reply(answer(), { fromOtherPort: true }), reply(answer(), { delayMs: 20 })]],
  ['TC over UDP, then the answer over TCP in 7-byte pieces', overTcp((_q, answer) => [reply(answer(), { chunkSize: 7 })])],
  ['the first try dropped, the retry answered', (() => {
    let dropped = false;
    return (_q: Parameters<Script>[0], answer: () => dnsPacket.Packet): Action[] => (dropped ? [reply(answer())] : ((dropped = true), []));
  })()],
];

for (const [name, fault] of survivable) {
  test(`survivable: ${name} — same report as the honest server, exit 0`, { timeout: CASE_DEADLINE_MS }, async () => {
    const run = await checkVictim(breaking(DKIM, TXT, fault));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.report.domains[0].status, 'ok');
    assert.deepEqual(lookupStatuses(run.report), lookupStatuses(baseline.report));
    assert.deepEqual(findingsOutside(run.report, []), findingsOutside(baseline.report, []));
  });
}
