// check with authoritative comparison, against two real Knot servers: the current provider and a
// secondary that stopped transferring the zone. (Their NS addresses are 127.0.0.1:53 and 127.0.0.2:53
// in the zone; each maps to its own Knot port, as port 53 is not ours to take in tests.)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { emptyStats, type Resolver } from '../../src/dns/types.js';
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

test('the per-domain deadline also ends the asking of each name server: a silent one leaves the domain indeterminate, not waiting', { ...options, timeout: 20_000 }, async () => {
  const resolver = new StubResolver({ timeoutMs: 2000, retries: 1, nameservers: [current!.nameserver] });
  // ns2's address is a server that takes every question and never answers; its tries (3 × 3 s here)
  // outlast the 500 ms deadline, which must end the domain's checks on its own.
  const silent: Resolver = { lookup: () => new Promise(() => undefined), stats: emptyStats };
  const direct: StubResolver[] = [];
  try {
    const report = await checkDomains(['shop.test'], {
      resolver,
      limits: { deadlineMs: 500 },
      authoritative: {
        recursive: resolver,
        server: (address) => {
          if (address === '127.0.0.2:53') return silent;
          const r = new StubResolver({ timeoutMs: 2000, retries: 1, nameservers: [current!.nameserver], recursionDesired: false });
          direct.push(r);
          return r;
        },
      },
    });
    const domain = report.domains[0]!;
    assert.equal(domain.status, 'indeterminate');
    const unanswered = domain.findings.filter((f) => f.ruleId === 'dns-servers-disagree' && f.messageId === 'serverUnanswered');
    assert.equal(unanswered.length, 1);
    assert.equal(unanswered[0]!.indeterminate, true);
    assert.match(String(unanswered[0]!.data.reason), /per-domain deadline of 500 ms/);
    assert.ok(!domain.findings.some((f) => f.messageId === 'serversAgree'), 'no claim that the servers agree');
  } finally {
    resolver.close();
    direct.forEach((r) => r.close());
  }
});
