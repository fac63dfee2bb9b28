// The one-pass reply reader must say exactly what the dns-packet path says whenever it answers at
// all, and leave every odd message to that path. Compared as JSON, so even key order (which the
// report's evidence depends on) must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as dnsPacket from 'dns-packet';
import { readReply } from '../../src/dns/reply-reader.js';
import { checkReply, decodeReply, type Question } from '../../src/dns/message.js';

const ID = 4242;
const TXT_QUESTION: Question = { name: 'fuzz.test', type: 'TXT', recursionDesired: false };

function reply(question: Question, sections: Partial<dnsPacket.Packet>, flags = dnsPacket.AUTHORITATIVE_ANSWER): Buffer {
  return dnsPacket.encode({
    type: 'response', id: ID, flags,
    questions: [{ name: question.name, type: question.type as dnsPacket.RecordType, class: 'IN' }],
    ...sections,
  });
}

/** The reader's verdict, which must be a match equal (as JSON) to the dns-packet path's. */
function assertSameAsDnsPacket(message: Buffer, question: Question): void {
  const fast = readReply(message, ID, question);
  assert.ok(fast, 'the reader declined a plain reply');
  const slow = decodeReply(message, ID, question);
  assert.equal(slow.kind, 'match');
  assert.equal(JSON.stringify(fast), JSON.stringify(slow.kind === 'match' ? slow.reply : undefined));
}

const soa = { name: 'fuzz.test', type: 'SOA' as const, ttl: 300, data: { mname: 'NS.test', rname: 'h.test', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 } };

test('plain replies read in one pass equal the dns-packet path, record for record', () => {
  const cases: Array<[Question, Partial<dnsPacket.Packet>, number?]> = [
    [TXT_QUESTION, { answers: [
      { name: 'fuzz.test', type: 'TXT', ttl: 300, data: ['v=spf1 include:a.test ', '~all'] },
      { name: 'Fuzz.TEST', type: 'TXT', ttl: 0x80000000, data: [Buffer.from('café'), Buffer.from([0x61, 0xff])] },
      { name: 'fuzz.test', type: 'TXT', ttl: 1, data: [] as string[] },
      { name: 'fuzz.test', type: 'CNAME', ttl: 60, data: 'Other.Test' },
      { name: 'other.test', type: 'RRSIG', ttl: 60, data: { typeCovered: 'TXT', algorithm: 8, labels: 2, originalTTL: 60, expiration: 1, inception: 0, keyTag: 1, signersName: 'test', signature: Buffer.alloc(8) } },
    ] }],
    [{ name: 'fuzz.test', type: 'MX', recursionDesired: false }, { answers: [
      { name: 'fuzz.test', type: 'MX', ttl: 60, data: { preference: 10, exchange: 'MX1.fuzz.test' } },
      { name: 'fuzz.test', type: 'MX', ttl: 60, data: { preference: 0, exchange: '.' } },
    ], additionals: [{ name: 'mx1.fuzz.test', type: 'A', ttl: 60, data: '192.0.2.1' }, { name: 'mx1.fuzz.test', type: 'AAAA', ttl: 60, data: '2001:db8::1' }] }],
    [{ name: 'fuzz.test', type: 'A', recursionDesired: false }, { answers: [{ name: 'fuzz.test', type: 'A', ttl: 7, data: '198.51.100.255' }] }],
    [{ name: 'fuzz.test', type: 'AAAA', recursionDesired: false }, { answers: [{ name: 'fuzz.test', type: 'AAAA', ttl: 7, data: '2001:DB8:0:0:0:0:0:1' }] }],
    [{ name: 'fuzz.test', type: 'SPF', recursionDesired: false }, {
      answers: [{ name: 'fuzz.test', type: 'SPF' as dnsPacket.RecordType, ttl: 9, data: Buffer.from([3, 0x61, 0x62, 0x63, 0]) } as dnsPacket.Answer],
    }],
    [{ name: '_dmarc.fuzz.test', type: 'TXT', recursionDesired: false }, { authorities: [soa] }],
    [TXT_QUESTION, { authorities: [{ name: 'fuzz.test', type: 'NS', ttl: 60, data: 'ns2.test' }, { name: 'fuzz.test', type: 'NS', ttl: 60, data: 'ns1.test' }] }, 0],
    [{ name: 'fuzz.test', type: 'SRV', recursionDesired: false }, { answers: [{ name: 'fuzz.test', type: 'SRV', ttl: 60, data: { priority: 1, weight: 2, port: 25, target: 'mx.test' } }] }],
    [{ name: 'fuzz.test', type: 'CAA', recursionDesired: false }, { answers: [{ name: 'fuzz.test', type: 'CAA', ttl: 60, data: { flags: 0, tag: 'issue', value: 'ca.test' } }] }],
    [{ name: 'xn--caf-dma.test', type: 'PTR', recursionDesired: false }, { answers: [{ name: 'xn--caf-dma.test', type: 'PTR', ttl: 60, data: 'ÉCOLE.test' }] }],
    [{ name: '', type: 'NS', recursionDesired: false }, { answers: [{ name: '.', type: 'NS', ttl: 60, data: 'a.root.test' }] }],
    [TXT_QUESTION, { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 1, ednsVersion: 0, flags: 0, options: [] } as unknown as dnsPacket.Answer] }, 0],
    [TXT_QUESTION, { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0, options: [{ code: 12, length: 4 }] } as unknown as dnsPacket.Answer] }, 3],
  ];
  for (const [question, sections, flags] of cases) {
    const message = reply(question, sections, flags ?? dnsPacket.AUTHORITATIVE_ANSWER | 3);
    assertSameAsDnsPacket(message, question);
    assertSameAsDnsPacket(reply(question, sections, flags ?? 0), question);
  }
});

test('a TXT string that starts with EF BB BF keeps its U+FEFF on both paths: it is data, not a byte-order mark', () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf, 0x76, 0x3d]);
  const message = reply(TXT_QUESTION, { answers: [{ name: 'fuzz.test', type: 'TXT', ttl: 60, data: [bom, Buffer.from([0xef, 0xbb, 0xbf])] }] });
  const fast = readReply(message, ID, TXT_QUESTION);
  const slow = decodeReply(message, ID, TXT_QUESTION);
  assert.ok(fast && slow.kind === 'match');
  for (const read of [fast, slow.reply]) assert.deepEqual(read.answers[0]!.strings, ['\uFEFFv=', '\uFEFF']);
});

test('odd messages are left to dns-packet: foreign ids and questions, rcodes beside the question, damaged data', () => {
  const ok = reply(TXT_QUESTION, { answers: [{ name: 'fuzz.test', type: 'TXT', ttl: 1, data: 'x' }] });
  assert.equal(readReply(ok, ID + 1, TXT_QUESTION), undefined);
  assert.equal(readReply(ok, ID, { ...TXT_QUESTION, name: 'other.test' }), undefined);
  assert.equal(readReply(ok, ID, { ...TXT_QUESTION, type: 'SPF' }), undefined);
  const pointerLoop = Buffer.from(ok);
  const owner = 12 + 'fuzz.test'.length + 2 + 4; // header, question name, type and class
  pointerLoop.writeUInt16BE(0xc000 | owner, owner); // the answer's owner points at itself
  assert.match(decodeReply(pointerLoop, ID, TXT_QUESTION).kind, /^malformed$/);
  assert.equal(readReply(pointerLoop, ID, TXT_QUESTION), undefined);
  const spfEmpty = reply({ ...TXT_QUESTION, type: 'SPF' }, { answers: [{ name: 'fuzz.test', type: 'SPF' as dnsPacket.RecordType, ttl: 1, data: Buffer.alloc(0) } as dnsPacket.Answer] });
  assert.equal(readReply(spfEmpty, ID, { ...TXT_QUESTION, type: 'SPF' }), undefined);
  const verdict = checkReply(spfEmpty, ID, { ...TXT_QUESTION, type: 'SPF' });
  assert.equal(verdict.kind === 'match' && verdict.reply.malformed, 'SPF record for "fuzz.test" has no character-string');
});

const validReply = reply(TXT_QUESTION, {
  answers: [
    { name: 'fuzz.test', type: 'TXT', ttl: 300, data: ['v=spf1 -all', 'x'] },
    { name: 'fuzz.test', type: 'CNAME', ttl: 300, data: 'other.test' },
    { name: 'fuzz.test', type: 'MX', ttl: 300, data: { preference: 10, exchange: 'mx.fuzz.test' } },
    { name: 'fuzz.test', type: 'A', ttl: 300, data: '192.0.2.1' },
  ],
  authorities: [soa],
  additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0, options: [] } as unknown as dnsPacket.Answer],
});

test('fuzzed replies: whenever the reader answers, dns-packet answers the same', () => {
  const mutated = fc.tuple(
    fc.array(fc.tuple(fc.nat(validReply.length - 1), fc.nat(255)), { minLength: 1, maxLength: 2 }),
    fc.nat(validReply.length + 10), fc.uint8Array({ maxLength: 10 }),
  ).map(([changes, cut, tail]) => {
    const bytes = Buffer.from(validReply);
    for (const [at, value] of changes) if (at >= 2) bytes[at] = value;
    return Buffer.concat([bytes.subarray(0, Math.max(12, cut)), Buffer.from(tail)]);
  });
  let read = 0;
  fc.assert(fc.property(mutated, (bytes) => {
    const fast = readReply(bytes, ID, TXT_QUESTION);
    if (!fast) return;
    read += 1;
    const slow = decodeReply(bytes, ID, TXT_QUESTION);
    assert.equal(slow.kind, 'match');
    assert.equal(JSON.stringify(fast), JSON.stringify(slow.kind === 'match' ? slow.reply : undefined));
  }), { numRuns: 20_000 });
  assert.ok(read > 500, `only ${read} fuzzed replies were read in one pass; the comparison says little`);
});
