// check with authoritative comparison, against two real Knot servers: the current provider and a
// secondary that stopped transferring the zone. (Their NS addresses are 127.0.0.1:53 and 127.0.0.2:53
// in the zone; each maps to its own Knot port, as port 53 is not ours to take in tests.)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { checkDomains } from '../../src/engine/check.js';
import { knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';
import { runCli } from '../helpers/cli.js';

const zone = (dmarc: string, extra = ''): string => `$ORIGIN shop.test.
$TTL 300
@ SOA ns1 hostmaster 2 7200 900 1209600 300
@ NS ns1
@ NS ns2
ns1 A 127.0.0.1
ns2 A 127.0.0.2
@ TXT "v=spf1 include:amazonses.com -all"
@ MX 10 mx
mx A 192.0.2.25
_dmarc TXT "${dmarc}"
${extra}`;

const options = knotTestOptions();
let current: KnotServer | undefined;
let stale: KnotServer | undefined;

before(async () => {
  if (options.skip) return;
  const test = '$ORIGIN test.\n$TTL 300\n@ SOA ns1.shop.test. h.shop.test. 1 7200 900 1209600 300\n@ NS ns1.shop.test.\n';
  current = await startKnot({ zones: { test, 'shop.test': zone('v=DMARC1; p=reject', 's1._domainkey CNAME s1.dkim.amazonses.com.\n') } });
  stale = await startKnot({ zones: { test, 'shop.test': zone('v=DMARC1; p=none') } });
});
after(async () => Promise.all([current?.stop(), stale?.stop()]));

test('each authoritative server asked on its own; their disagreements are findings on the right names', options, async () => {
  const common = { timeoutMs: 2000, retries: 1 };
  const resolver = new StubResolver({ ...common, nameservers: [current!.nameserver] });
  const ports: Record<string, string> = { '127.0.0.1:53': current!.nameserver, '127.0.0.2:53': stale!.nameserver };
  const direct: StubResolver[] = [];
  const report = await checkDomains(['shop.test'], {
    resolver,
    dkimSelectors: ['s1'],
    authoritative: {
      recursive: resolver,
      server: (address) => {
        const r = new StubResolver({ ...common, nameservers: [ports[address] ?? address], recursionDesired: false });
        direct.push(r);
        return r;
      },
    },
  });
  resolver.close();
  direct.forEach((r) => r.close());
  const disagree = report.domains[0]!.findings
    .filter((f) => f.ruleId === 'dns-servers-disagree')
    .map((f) => `${f.messageId} ${f.subject.name} ${f.subject.type}`)
    .sort();
  assert.deepEqual(disagree, [
    'serversDisagree _dmarc.shop.test TXT',
    'serversDisagree s1._domainkey.shop.test CNAME',
  ]);
  const dmarc = report.domains[0]!.findings.find((f) => f.subject.name === '_dmarc.shop.test' && f.ruleId === 'dns-servers-disagree')!;
  assert.deepEqual(dmarc.data.servers, ['ns1.shop.test (127.0.0.1:53)', 'ns2.shop.test (127.0.0.2:53)']);
  assert.equal(dmarc.severity, 'error');
});

test('--authoritative with --zone-file is a usage error', async () => {
  const { code, stderr } = await runCli(['check', 'example.com', '--authoritative', '--zone-file', 'examples/']);
  assert.equal(code, 2);
  assert.match(stderr, /--authoritative .* --zone-file/);
});
