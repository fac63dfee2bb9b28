import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factsForCase } from '../helpers/rule-tester.js';
import { RSA_2048, txt } from './keys.js';

const dkimLookups = (facts: Awaited<ReturnType<typeof factsForCase>>): string[] =>
  facts.lookups.filter((l) => l.name.includes('._domainkey.')).map((l) => `${l.name}:${l.type}`);

test('a TXT answered at the selector itself is followed by a CNAME question, to see a CNAME beside it', async () => {
  const facts = await factsForCase({ name: '', zone: `s1._domainkey ${txt(`p=${RSA_2048}`)}`, dkimSelectors: ['s1'] });
  assert.deepEqual(dkimLookups(facts), ['s1._domainkey.example.com:TXT', 's1._domainkey.example.com:CNAME']);
  assert.equal(facts.dkim[0]?.cname?.status, 'nodata');
});

test('an Easy DKIM CNAME chain is kept, and needs no second question', async () => {
  const facts = await factsForCase({
    name: '',
    zone: `tok._domainkey CNAME tok.dkim.amazonses.com.\ntok.dkim.amazonses.com. ${txt(`p=${RSA_2048}`)}`,
    dkimSelectors: ['tok'],
  });
  assert.deepEqual(dkimLookups(facts), ['tok._domainkey.example.com:TXT']);
  const [selector] = facts.dkim;
  assert.deepEqual(selector?.lookup.cnames.map((c) => [c.name, c.target]), [['tok._domainkey.example.com', 'tok.dkim.amazonses.com']]);
  assert.equal(selector?.records[0]?.parsed.key?.bits, 2048);
});

test('selectors are asked once each, in sorted order, with mixed-case input normalised', async () => {
  const facts = await factsForCase({ name: '', zone: '@ A 192.0.2.1', dkimSelectors: ['b', 'A', 'b'] });
  assert.deepEqual(facts.dkim.map((s) => s.name), ['a._domainkey.example.com', 'b._domainkey.example.com'].sort());
});
