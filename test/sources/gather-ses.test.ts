// gatherSesFacts walks the MAIL FROM domain's SPF tree through its own memo over the domain's recorder:
// each question once, every one of them recorded, and the verdict on SES read from those answers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lookup, RRType } from '../../src/dns/types.js';
import { gatherSesFacts } from '../../src/sources/gather-ses.js';
import { resolverForZone } from '../helpers/rule-tester.js';
import { identity } from '../rules/ses/ses-rule-cases.js';

const ZONE = [
  'amazonses.com. TXT "v=spf1 ip4:199.255.192.0/22 ip4:54.240.0.0/18 -all"',
  'bounce MX 10 feedback-smtp.us-east-1.amazonses.com.',
  'bounce TXT "v=spf1 include:_spf.example.com ~all"',
  '_spf TXT "v=spf1 include:amazonses.com include:_spf.google.com ~all"',
  '_spf.google.com. TXT "v=spf1 ip4:192.0.2.0/24 ~all"',
].join('\n');

test('the MAIL FROM SPF tree is gathered through the recorder, each question once, and SES passes through a nested include', async () => {
  const zone = resolverForZone(ZONE);
  const asked: string[] = [];
  const recorder = {
    lookup(name: string, type: RRType): Promise<Lookup> {
      asked.push(`${name}:${type}`);
      return zone.lookup(name, type);
    },
  };
  const facts = await gatherSesFacts('example.com', [identity({ mailFrom: { domain: 'bounce.example.com' } })], recorder);
  const mailFrom = facts.identities[0]!.mailFrom!;
  assert.deepEqual(mailFrom.sesSpf, { kind: 'pass', addresses: ['199.255.192.0', '54.240.0.0'] });
  assert.equal(mailFrom.spfTree?.lookups, 3);
  for (const question of ['_spf.example.com:TXT', 'amazonses.com:TXT', '_spf.google.com:TXT']) assert.ok(asked.includes(question), question);
  assert.equal(new Set(asked).size, asked.length, `a question was asked twice: ${asked.join(' ')}`);
});
