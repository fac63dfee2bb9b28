// The query encoder and the name check have fast paths for the common name; both must give exactly
// what the general path gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkQueryName, encodeQuery, encodeWithDnsPacket, type Question } from '../../src/dns/message.js';
import type { RRType } from '../../src/dns/types.js';

const TYPES: RRType[] = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SPF', 'NS', 'SOA', 'PTR', 'CAA', 'SRV'];

test('encodeQuery writes the bytes dns-packet writes, for every type, flag and EDNS choice', () => {
  const names = ['', 'example.test', 'sel1._domainkey.example.test', '_dmarc.a-b.test', 'x'.repeat(63) + '.test', 'a.b.c.d.e.f', 'café.test', 'tab\there.test'];
  for (const name of names) {
    for (const type of TYPES) {
      for (const recursionDesired of [true, false]) {
        for (const edns of [undefined, true, false]) {
          const question: Question = { name, type, recursionDesired, ...(edns === undefined ? {} : { edns }) };
          assert.deepEqual(encodeQuery(question, 0xbeef), encodeWithDnsPacket(question, 0xbeef), `${JSON.stringify(question)}`);
        }
      }
    }
  }
});

test('encodeQuery matches dns-packet on generated names', () => {
  const label = fc.stringMatching(/^[a-zA-Z0-9_-]{1,20}$/);
  const name = fc.array(label, { minLength: 1, maxLength: 6 }).map((labels) => labels.join('.'));
  fc.assert(fc.property(name, fc.constantFrom(...TYPES), fc.nat(0xffff), (n, type, id) => {
    const question: Question = { name: n, type, recursionDesired: false };
    assert.deepEqual(encodeQuery(question, id), encodeWithDnsPacket(question, id));
  }), { numRuns: 2000 });
});

/** RFC 1035 §2.3.4 the long way: UTF-8 bytes per label and on the wire. */
function referenceValid(name: string): boolean {
  if (name === '') return true;
  const labels = name.split('.').map((l) => Buffer.byteLength(l));
  return labels.every((b) => b > 0 && b <= 63) && labels.reduce((sum, b) => sum + 1 + b, 1) <= 255;
}

test('checkQueryName accepts exactly the names RFC 1035 allows, ASCII or not', () => {
  const cases = ['', 'a', 'a.b', '.a', 'a.', 'a..b', 'x'.repeat(63), 'x'.repeat(64), `${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(61)}`,
    `${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(62)}`, 'é'.repeat(31), 'é'.repeat(32)];
  for (const name of cases) assert.equal(checkQueryName(name) === undefined, referenceValid(name), JSON.stringify(name));
  const unit = fc.constantFrom('a', 'b', '.', '-', 'é', 'x'.repeat(30));
  fc.assert(fc.property(fc.string({ unit, maxLength: 20 }), (name) => {
    assert.equal(checkQueryName(name) === undefined, referenceValid(name), JSON.stringify(name));
  }), { numRuns: 3000 });
});
