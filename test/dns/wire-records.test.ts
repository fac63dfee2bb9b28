import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from 'dns-packet';
import { decodeCharacterStrings, decodeRecord, MalformedRecordError } from '../../src/dns/wire-records.js';

/** Round-trip through dns-packet's real encoder/decoder, as records arrive from the wire. */
function fromWire(answer: dnsPacket.Answer): unknown {
  const packet = dnsPacket.decode(dnsPacket.encode({ type: 'response', id: 1, answers: [answer] }));
  return packet.answers![0];
}

test('TXT keeps each character-string and joins them without spaces (RFC 7208 §3.3)', () => {
  const record = decodeRecord(fromWire({ name: 'Example.TEST.', type: 'TXT', ttl: 300, data: ['v=spf1 include:a.test ', '~all'] }));
  assert.deepEqual(record, {
    name: 'example.test', type: 'TXT', ttl: 300,
    value: 'v=spf1 include:a.test ~all', strings: ['v=spf1 include:a.test ', '~all'],
  });
});

test('TXT strings are decoded as UTF-8; invalid bytes become U+FFFD instead of failing', () => {
  const record = decodeRecord(fromWire({ name: 'x.test', type: 'TXT', ttl: 1, data: [Buffer.from('café'), Buffer.from([0x61, 0xff])] }));
  assert.deepEqual(record?.strings, ['café', 'a\uFFFD']);
});

test('type 99 (SPF) rdata, which dns-packet leaves raw, is decoded like TXT', () => {
  const rdata = Buffer.concat([Buffer.from([7]), Buffer.from('v=spf1 '), Buffer.from([4]), Buffer.from('-all')]);
  const wire = fromWire({ name: 'x.test', type: 'SPF' as dnsPacket.RecordType, ttl: 60, data: rdata } as dnsPacket.Answer);
  assert.deepEqual(decodeRecord(wire), { name: 'x.test', type: 'SPF', ttl: 60, value: 'v=spf1 -all', strings: ['v=spf1 ', '-all'] });
});

test('a character-string length byte pointing past the rdata is malformed, not an over-read', () => {
  assert.throws(() => decodeCharacterStrings(Buffer.from([10, 0x61, 0x62])), MalformedRecordError);
  assert.throws(() => decodeCharacterStrings(Buffer.alloc(0)), MalformedRecordError);
  assert.deepEqual(decodeCharacterStrings(Buffer.from([0])), ['']);
});

test('the null MX "0 ." has exchange "" and value "0 ."', () => {
  const record = decodeRecord(fromWire({ name: 'x.test', type: 'MX', ttl: 60, data: { preference: 0, exchange: '.' } }));
  assert.deepEqual(record, { name: 'x.test', type: 'MX', ttl: 60, value: '0 .', preference: 0, exchange: '' });
});

test('MX, CNAME, SOA and SRV values are normalised names in presentation order', () => {
  const mx = decodeRecord(fromWire({ name: 'x.test', type: 'MX', ttl: 60, data: { preference: 10, exchange: 'MX1.Example.TEST' } }));
  assert.equal(mx?.value, '10 mx1.example.test');
  const cname = decodeRecord(fromWire({ name: 'a.test', type: 'CNAME', ttl: 60, data: 'B.Test.' }));
  assert.deepEqual([cname?.value, cname?.target], ['b.test', 'b.test']);
  const soa = decodeRecord(fromWire({
    name: 'x.test', type: 'SOA', ttl: 60,
    data: { mname: 'ns.x.test', rname: 'host.x.test', serial: 7, refresh: 1, retry: 2, expire: 3, minimum: 4 },
  }));
  assert.deepEqual([soa?.value, soa?.serial], ['ns.x.test host.x.test 7 1 2 3 4', 7]);
  const srv = decodeRecord(fromWire({ name: '_s._tcp.x.test', type: 'SRV', ttl: 60, data: { priority: 1, weight: 2, port: 25, target: 'mx.x.test' } }));
  assert.equal(srv?.value, '1 2 25 mx.x.test');
});

test('types maildns does not model are skipped; known types of the wrong shape are malformed', () => {
  assert.equal(decodeRecord({ name: 'x.test', type: 'RRSIG', ttl: 1, data: {} }), undefined);
  assert.throws(() => decodeRecord({ name: 'x.test', type: 'A', ttl: 1, data: 42 }), MalformedRecordError);
  assert.throws(() => decodeRecord({ name: 'x.test', type: 'MX', ttl: 1, data: { exchange: 'a' } }), MalformedRecordError);
  assert.throws(() => decodeRecord({ name: 'x.test', type: 'TXT', ttl: 1, data: [42] }), MalformedRecordError);
  assert.throws(() => decodeRecord({ name: 'x.test', type: 'TXT', data: [] }), MalformedRecordError);
  assert.throws(() => decodeRecord('garbage'), MalformedRecordError);
});

test('a TTL with the top bit set is treated as zero (RFC 2181 §8)', () => {
  assert.equal(decodeRecord(fromWire({ name: 'x.test', type: 'A', ttl: 0x80000000, data: '192.0.2.1' }))?.ttl, 0);
  assert.equal(decodeRecord(fromWire({ name: 'x.test', type: 'A', ttl: 0x7fffffff, data: '192.0.2.1' }))?.ttl, 0x7fffffff);
});
