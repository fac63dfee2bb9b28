import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../../rules/dkim/dkim-cname-and-txt.js';
import { resolverForZone, runRuleCases } from '../../helpers/rule-tester.js';
import { gatherDomainFacts } from '../../../src/engine/gather.js';
import { runRules } from '../../../src/engine/run-rules.js';
import type { Lookup, Resolver } from '../../../src/dns/types.js';
import { RSA_2048, txt } from '../../dkim/keys.js';

runRuleCases(rule, {
  valid: [
    { name: 'TXT only', zone: `s1._domainkey ${txt(`p=${RSA_2048}`)}`, dkimSelectors: ['s1'] },
    {
      name: 'CNAME only (SES Easy DKIM)',
      zone: `tok._domainkey CNAME tok.dkim.amazonses.com.\ntok.dkim.amazonses.com. ${txt(`p=${RSA_2048}`)}`,
      dkimSelectors: ['tok'],
    },
  ],
});

// A zone file cannot serve both (the parser and Knot refuse it), but some DNS hosts do: they answer the
// TXT from the name and still hold a CNAME there. This resolver plays such a server.
function serverWithCnameBesideTxt(): Resolver {
  const zone = resolverForZone(`s1._domainkey ${txt(`p=${RSA_2048}`)}`);
  return {
    stats: () => zone.stats(),
    async lookup(name, type, options): Promise<Lookup> {
      if (name === 's1._domainkey.example.com' && type === 'CNAME') {
        const cname = { name, type: 'CNAME' as const, ttl: 300, value: 's1.keys.example.net', target: 's1.keys.example.net' };
        return { name, type, status: 'answer', records: [cname], cnames: [], server: 'test' };
      }
      return zone.lookup(name, type, options);
    },
  };
}

test('dkim-cname-and-txt invalid: a server that answers TXT and CNAME at one name', async () => {
  const facts = await gatherDomainFacts('example.com', { resolver: serverWithCnameBesideTxt(), dkimSelectors: ['s1'] });
  const { findings } = runRules([rule], facts);
  assert.deepEqual(
    findings.map((f) => ({ messageId: f.messageId, name: f.subject.name, target: f.data.target })),
    [{ messageId: 'cnameAndTxt', name: 's1._domainkey.example.com', target: 's1.keys.example.net' }],
  );
});
