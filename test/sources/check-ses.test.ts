// The `check --ses` pipeline end to end: identities from the SESv2 double (real SDK), DNS from Knot
// (stub resolver), facts gathered with the inventory, SES rules run — the calls `check --ses` makes.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { gatherDomainFacts } from '../../src/engine/gather.js';
import { runRules } from '../../src/engine/run-rules.js';
import type { Finding } from '../../src/engine/types.js';
import { sesDomains } from '../../src/sources/gather-ses.js';
import { loadSesIdentities } from '../../src/sources/ses.js';
import { sesRules } from '../../rules/ses/index.js';
import { RSA_2048 } from '../dkim/keys.js';
import { knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';
import { awsDoubleEnv, easyDkimIdentity, setEnv, startAwsDouble, type AwsDouble } from '../helpers/aws-double.js';

const key = `"v=DKIM1; k=rsa; p=${RSA_2048.slice(0, 200)}" "${RSA_2048.slice(200)}"`;

const ZONES = {
  'example.test': `$ORIGIN example.test.
$TTL 300
@ SOA ns1 hostmaster 1 7200 900 1209600 300
@ NS ns1
ns1 A 127.0.0.1
tok1._domainkey CNAME tok1.dkim.amazonses.com.
tok2._domainkey CNAME tok2.dkim.eu-west-1.amazonses.com.
mail TXT "v=spf1 include:amazonses.com ~all"
`,
  'quiet.test': `$ORIGIN quiet.test.
$TTL 300
@ SOA ns1.example.test. hostmaster.example.test. 1 7200 900 1209600 300
@ NS ns1.example.test.
q1._domainkey CNAME q1.dkim.amazonses.com.
`,
  // SES's DKIM zone, served by the same test server so CNAME targets resolve.
  'dkim.amazonses.com': `$ORIGIN dkim.amazonses.com.
$TTL 300
@ SOA ns1.example.test. hostmaster.example.test. 1 7200 900 1209600 300
@ NS ns1.example.test.
tok1 TXT ${key}
tok2 TXT ${key}
tok3 TXT ${key}
q1 TXT ${key}
`,
};

describe('check --ses pipeline against the SES double and Knot', knotTestOptions(), () => {
  let knot: KnotServer;
  let double: AwsDouble;
  let restore: () => void;
  before(async () => {
    knot = await startKnot({ zones: ZONES });
    double = await startAwsDouble();
    double.addIdentity('us-east-1', 'example.test', easyDkimIdentity({
      tokens: ['tok1', 'tok2', 'tok3'], mailFrom: { domain: 'mail.example.test' },
    }));
    double.addIdentity('us-east-1', 'quiet.test', easyDkimIdentity({ tokens: ['q1'], signingEnabled: false }));
    restore = setEnv(awsDoubleEnv(double));
  });
  after(async () => {
    restore();
    await Promise.all([knot?.stop(), double?.close()]);
  });

  async function findingsFor(domain: string, inventory: Awaited<ReturnType<typeof loadSesIdentities>>): Promise<Finding[]> {
    const resolver = new StubResolver({ nameservers: [knot.nameserver], timeoutMs: 2000 });
    try {
      const facts = await gatherDomainFacts(domain, { resolver, dkimSelectors: [], ses: inventory });
      if (domain === 'example.test') assert.ok(facts.lookups.some((l) => l.name === 'tok1._domainkey.example.test'), 'SES lookups are recorded');
      return runRules(sesRules, facts).findings.filter((f) => f.severity !== 'info');
    } finally {
      resolver.close();
    }
  }

  it('finds the missing and the mis-pointed DKIM CNAME, the MAIL FROM without its MX, the signing-disabled identity', async () => {
    const inventory = await loadSesIdentities();
    assert.deepEqual(sesDomains(inventory), ['example.test', 'quiet.test']);
    const example = (await findingsFor('example.test', inventory)).map((f) => `${f.ruleId}/${f.messageId} ${f.subject.name}`).sort();
    assert.deepEqual(example, [
      'ses-dkim-cname/cnameMispointed tok2._domainkey.example.test',
      'ses-dkim-cname/cnameMissing tok3._domainkey.example.test',
      'ses-mail-from-mx/fallbackUnaligned mail.example.test',
      'ses-mail-from-mx/mxMissing mail.example.test',
    ]);
    const quiet = (await findingsFor('quiet.test', inventory)).map((f) => `${f.ruleId}/${f.messageId}`).sort();
    assert.deepEqual(quiet, ['ses-dmarc-alignment/alignsNothing', 'ses-identity-status/signingDisabled']);
  });
});
