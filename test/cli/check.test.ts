import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { assertValidDomainLine, assertValidReport } from '../helpers/schema.js';

const ZONE = `$ORIGIN example.com.
$TTL 300
@ SOA ns hostmaster 1 7200 900 1209600 300
@ NS ns
ns A 192.0.2.53
@ TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.example.com -all"
_spf TXT "v=spf1 ip4:198.51.100.0/24 ~all"
@ MX 10 mx
mx A 192.0.2.25
_dmarc TXT "v=DMARC1; p=reject"
long TXT "${'a'.repeat(200)}" "${'b'.repeat(100)}"
`;

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'maildns-cli-'));
}

// The parent zone, so that DMARC's tree walk (which asks _dmarc.com) gets an answer offline.
const COM = '$ORIGIN com.\n$TTL 900\n@ SOA a.gtld-servers.net. nstld.verisign-grs.com. 1 1800 900 604800 900\n';

/** A folder with example.com.zone (the text given) and com.zone; --zone-file takes the folder. */
async function zoneFile(text = ZONE): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'example.com.zone'), text);
  await writeFile(join(dir, 'com.zone'), COM);
  return dir;
}

test('check --format json: every domain with a status, records joined and as strings, valid against the schema', async () => {
  const zone = await zoneFile();
  const { code, stdout, stderr } = await runCli(['check', 'example.com', 'long.example.com', '--zone-file', zone, '--format', 'json']);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  const report = assertValidReport(stdout);
  // long.example.com publishes no SPF record (spf-missing warns) and no MX (mx-missing, a notice).
  assert.deepEqual(report.domains.map((d: any) => [d.domain, d.status]), [['example.com', 'ok'], ['long.example.com', 'warning']]);
  const txt = report.domains[1].records.find((r: any) => r.name === 'long.example.com' && r.type === 'TXT');
  assert.deepEqual(txt.values, ['a'.repeat(200) + 'b'.repeat(100)]);
  assert.deepEqual(txt.strings, [['a'.repeat(200), 'b'.repeat(100)]]);
  assert.equal(txt.source, `zone:${join(zone, 'example.com.zone')}`);
  assert.equal(report.stats.domains, 2);
  assert.ok(report.stats.dns.queries > 0);
});

test('a repeatable flag takes one value: a domain after --zone-file is a domain', async () => {
  const zone = await zoneFile();
  const { code, stdout, stderr } = await runCli(['check', '--zone-file', zone, 'example.com', '--dkim-selector', 's1', 'long.example.com', '--format', 'json']);
  assert.equal(stderr, '');
  assert.notEqual(code, 2);
  assert.deepEqual(assertValidReport(stdout).domains.map((d: any) => d.domain), ['example.com', 'long.example.com']);
});

test('the same DNS gives byte-identical output', async () => {
  const zone = await zoneFile();
  for (const format of ['json', 'text', 'markdown', 'junit']) {
    const args = ['check', 'long.example.com', 'example.com', '--zone-file', zone, '--format', format];
    const first = await runCli(args);
    const second = await runCli([...args.slice(0, 1), 'example.com', 'long.example.com', ...args.slice(3)]);
    assert.equal(first.stdout, second.stdout, format);
  }
});

test('domains from --domains-file and stdin, with comments; duplicates checked once', async () => {
  const zone = await zoneFile();
  const list = join(await tempDir(), 'domains.txt');
  await writeFile(list, '# our domains\nexample.com\n\nEXAMPLE.com.  # same\nlong.example.com\n');
  const fromFile = await runCli(['check', '--domains-file', list, '--zone-file', zone, '--format', 'json']);
  assert.deepEqual(assertValidReport(fromFile.stdout).domains.map((d: any) => d.domain), ['example.com', 'long.example.com']);
  const fromStdin = await runCli(['check', '--domains-file', '-', '--zone-file', zone, '--format', 'json'], { stdin: 'long.example.com\n' });
  assert.deepEqual(assertValidReport(fromStdin.stdout).domains.map((d: any) => d.domain), ['long.example.com']);
});

test('--format jsonl streams one valid domain object per line', async () => {
  const zone = await zoneFile();
  const { code, stdout } = await runCli(['check', 'example.com', 'long.example.com', 'nx.example.com', '--zone-file', zone, '--format', 'jsonl']);
  assert.equal(code, 0);
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  const domains = lines.map((l) => assertValidDomainLine(l).domain).sort();
  assert.deepEqual(domains, ['example.com', 'long.example.com', 'nx.example.com']);
});

test('usage errors exit 2 and name the flag, file, line or value', async () => {
  const zone = await zoneFile();
  const dir = await tempDir();
  const emptyDir = await tempDir();
  const badZone = join(dir, 'bad.zone');
  await writeFile(badZone, '$ORIGIN example.com.\n$TTL 300\n@ MX ten mail\n');
  const folderInside = await tempDir();
  await mkdir(join(folderInside, 'sub.zone'));
  const numbered = join(dir, 'numbered.txt');
  await writeFile(numbered, 'example.com\n1.2.3\n');
  const cases: Array<[string[], RegExp]> = [
    [['check', 'example.com', '--zone-file', zone, '--bogus'], /Unknown argument: bogus/],
    [['check', 'example.com', '--zone-file', zone, '--format', 'yaml'], /format/],
    [['check', 'example.com', '--zone-file', zone, '--fail-on', 'sometimes'], /fail-on/],
    [['check', 'example.com', '--zone-file', join(dir, 'missing.zone')], /--zone-file: cannot read "[^"]*missing\.zone" \(ENOENT\)/],
    [['check', 'example.com', '--zone-file', emptyDir], /--zone-file: no \*\.zone file in/],
    // Both said "cannot read  (...)", naming no path.
    [['check', 'example.com', '--zone-file', folderInside], /--zone-file: cannot read "[^"]*sub\.zone" \(EISDIR\)/],
    [['check', 'example.com', '--zone-file', ''], /--zone-file: the path is empty/],
    [['check', 'example.com', '--zone-file', badZone], /bad\.zone:3: expected an MX preference/],
    [['check', '--domains-file', join(dir, 'nope.txt'), '--zone-file', zone], /--domains-file: cannot read "[^"]*nope\.txt" \(ENOENT\)/],
    [['check', 'exa mple.com', '--zone-file', zone], /"exa mple\.com" is not a domain name/],
    // A name ending in a number was read as an IPv4 address and checked as another name ("1.0.0.10").
    [['check', '1.10', '--zone-file', zone], /"1\.10" is not a domain name: it ends in a number/],
    [['check', '0x10', '--zone-file', zone], /"0x10" is not a domain name: it ends in a number/],
    [['check', '192.0.2.1', '--zone-file', zone], /"192\.0\.2\.1" is not a domain name: it ends in a number/],
    [['check', '--domains-file', numbered, '--zone-file', zone], /--domains-file [^:]*numbered\.txt:2: "1\.2\.3" is not a domain name/],
    [['spf', '192.0.2.1', '--zone-file', zone], /"192\.0\.2\.1" is not a domain name/],
    // A selector that cannot be one was looked up and reported as a selector with no key record.
    [['check', 'example.com', '--zone-file', zone, '--dkim-selector', 'a b'], /--dkim-selector: "a b" is not a DKIM selector/],
    [['check', 'example.com', '--zone-file', zone, '--dkim-selector', ''], /--dkim-selector: "" is not a DKIM selector/],
    [['check', 'example.com', '--zone-file', zone, '--dkim-selector', 's1', '--dkim-selector', 'x'.repeat(70)], /--dkim-selector: "x{70}" is not a DKIM selector/],
    [['drift', 'example.com', '--declared', `zone:${join(zone, 'example.com.zone')}`, '--observed', 'recursive', '--dkim-selector', '../x'], /--dkim-selector: "\.\.\/x" is not a DKIM selector/],
    [['drift', '1.10', '--declared', `zone:${join(zone, 'example.com.zone')}`, '--observed', 'recursive'], /"1\.10" is not a domain name/],
    [['check', '--zone-file', zone], /no domains to check/],
    [['check', 'example.com', '--nameserver', 'not-an-ip:53'], /--nameserver: nameserver "not-an-ip:53"/],
    [['check', 'example.com', '--nameserver', '127.0.0.1', '--timeout', '-5'], /--timeout/],
    [['check', 'example.com', '--zone-file', zone, '--concurrency', '0'], /--concurrency/],
    [['check', 'example.com', '--zone-file', zone, '--workers', '-1'], /--workers must be a whole number from 0 to 64, got -1/],
    [['check', 'example.com', '--zone-file', zone, '--workers', '1.5'], /--workers must be a whole number/],
    [['check', 'example.com', '--zone-file', zone, '--workers', '65'], /--workers must be a whole number from 0 to 64, got 65/],
    [['check', 'example.com', '--zone-file', zone, '--workers', 'two'], /--workers must be a whole number/],
    [['check', 'example.com', '--zone-file', zone, '--domain-deadline', '0'], /--domain-deadline must be a whole number of milliseconds from 1 to 3600000, got 0/],
    [['check', 'example.com', '--zone-file', zone, '--domain-deadline', '2.5'], /--domain-deadline must be a whole number/],
    // Past 2^31-1 ms Node's timers fire at once: unbounded, this deadline ended every domain after 1 ms.
    [['check', 'example.com', '--zone-file', zone, '--domain-deadline', '9999999999'], /--domain-deadline must be a whole number of milliseconds from 1 to 3600000, got 9999999999/],
    [['check', 'example.com', '--nameserver', '127.0.0.1', '--timeout', '9999999999'], /--timeout must be a whole number of milliseconds from 1 to 60000, got 9999999999/],
    [['check', 'example.com', '--nameserver', '127.0.0.1', '--retries', '11'], /--retries must be a whole number from 0 to 10, got 11/],
    [['check', 'example.com', '--zone-file', zone, '--concurrency', '10001'], /--concurrency must be a whole number from 1 to 10000, got 10001/],
    [['check', 'example.com', '--nameserver', '127.0.0.1', '--max-in-flight', '70000'], /--max-in-flight must be a whole number from 1 to 10000, got 70000/],
    // A one-value flag given twice was an array to code expecting one value: a crash, or exit 0 on errors.
    [['check', 'example.com', '--zone-file', zone, '--format', 'json', '--format', 'text'], /--format takes one value, and was given 2 \(json, text\)/],
    [['check', 'example.com', '--zone-file', zone, '--fail-on', 'none', '--fail-on', 'error'], /--fail-on takes one value/],
    [['spf', 'example.com', '--zone-file', zone, '--ip', '192.0.2.1', '--sender', 'a@example.com', '--sender', 'b@example.com'], /--sender takes one value/],
    [['drift', 'example.com', '--declared', `zone:${join(zone, 'example.com.zone')}`, '--declared', 'ses', '--observed', 'recursive'], /--declared takes one value/],
    [['drift', 'example.com', '--declared', `zone:${join(zone, 'example.com.zone')}`, '--observed', 'ns:192.0.2.1:abc'], /--declared\/--observed: ns: "192\.0\.2\.1:abc" is not an IP address or a host name/],
    // Typos that were taken for host names, looked up, and ended the run as incomplete (exit 3).
    [['drift', 'example.com', '--declared', `zone:${join(zone, 'example.com.zone')}`, '--observed', 'ns:999.1.1.1:99999'], /ns: "999\.1\.1\.1:99999" is not an IP address or a host name/],
    [['drift', 'example.com', '--declared', `zone:${join(zone, 'example.com.zone')}`, '--observed', 'ns:[::1'], /ns: "\[::1" is not an IP address or a host name/],
    // Checked before the run: it used to run every check, stream the lines, then exit 2.
    [['check', 'example.com', '--zone-file', zone, '--format', 'jsonl', '--stats-file', join(dir, 'no-such-dir', 'stats.json')], /--stats-file: cannot write ".*stats\.json" \(ENOENT\)/],
    [['rules', '--', 'extra'], /unexpected arguments after --: extra/],
    [['drift', 'example.com', '--declared', `zone:${join(zone, 'example.com.zone')}`, '--observed', 'ses'], /ses says what SES expects, not what is served: use it as --declared/],
    // A malformed region is the user's typo (exit 2), not an AWS failure (it was exit 3).
    [['check', '--ses', '--region', 'Frankfurt'], /--region: "Frankfurt" is not an AWS region name/],
    [['drift', 'example.com', '--declared', 'ses', '--observed', 'recursive', '--region', 'us-east-1,eu-west-1'], /--region: "us-east-1,eu-west-1" is not an AWS region name/],
    // An empty config path ran as if there were no config at all, not even ./maildns.config.json.
    [['check', 'example.com', '--zone-file', zone, '--config', ''], /--config: the path is empty/],
    [['check', 'example.com', '--zone-file', zone, '--config'], /--config: the path is empty/],
    [['spf', 'example.com', '--zone-file', zone, '--config', ''], /--config: the path is empty/],
    [['explain', 'no-such-rule'], /unknown rule "no-such-rule"/],
    [[], /Name a command: check, spf, drift, rules, explain/],
  ];
  for (const [args, pattern] of cases) {
    const { code, stderr, stdout } = await runCli(args);
    assert.equal(code, 2, `${args.join(' ')} -> ${stderr}`);
    assert.match(stderr, pattern, args.join(' '));
    assert.equal(stdout, '', 'nothing half-printed on stdout');
  }
});

test('config errors exit 2 and name the JSON pointer', async () => {
  const zone = await zoneFile();
  const dir = await tempDir();
  const write = async (value: unknown): Promise<string> => {
    const file = join(dir, `config-${Math.random()}.json`);
    await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };
  const cases: Array<[unknown, RegExp]> = [
    [{ rules: { 'dns-lookup-indeterminate': 'loud' } }, /\/rules\/dns-lookup-indeterminate: must be one of "error", "warning", "notice", "info", "off"/],
    [{ rules: { 'no-such-rule': 'off' } }, /\/rules\/no-such-rule: unknown rule "no-such-rule"/],
    [{ timeoutMs: 'soon' }, /\/timeoutMs: must be integer/],
    [{ workers: -1 }, /\/workers: must be >= 0/],
    [{ workers: 'many' }, /\/workers: must be integer/],
    [{ transport: 'quic' }, /\/transport: must be one of "udp", "tcp"/],
    [{ domainDeadlineMs: 0 }, /\/domainDeadlineMs: must be >= 1/],
    [{ domains: [{ name: 'example.com' }] }, /\/domains\/0/],
    [{ colour: true }, /^ {2}\/colour: unknown property "colour"$/m],
    [{ 'a/b~c': 1 }, /^ {2}\/a~1b~0c: unknown property "a\/b~c"$/m],
    ['{ "rules": ', /not valid JSON/],
    [{ domains: [{ domain: 'example.com', dkimSelectors: ['s1', '../x'] }] }, /^ {2}\/domains\/0\/dkimSelectors\/1: "\.\.\/x" is not a DKIM selector/m],
    [{ domains: [{ domain: 'example.com', dkimSelectors: ['a b'] }] }, /^ {2}\/domains\/0\/dkimSelectors\/0: "a b" is not a DKIM selector/m],
    [{ dkimSelectors: ['bad sel!'] }, /^ {2}\/dkimSelectors\/0: "bad sel!" is not a DKIM selector/m],
    // These two were reported as "config domains: ..." and "--nameserver: ...", without the file.
    [{ domains: ['ok.com', 'user@x.com'] }, /^ {2}\/domains\/1: "user@x\.com" is not a domain name/m],
    [{ domains: [{ domain: '1.10' }] }, /^ {2}\/domains\/0\/domain: "1\.10" is not a domain name/m],
    [{ nameservers: ['192.0.2.53', 'not-an-ip'] }, /^ {2}\/nameservers\/1: nameserver "not-an-ip"/m],
  ];
  for (const [config, pattern] of cases) {
    const file = await write(config);
    const { code, stderr } = await runCli(['check', 'example.com', '--zone-file', zone, '--config', file]);
    assert.equal(code, 2, stderr);
    assert.match(stderr, pattern);
    assert.ok(stderr.includes(file), 'the message names the config file');
    assert.doesNotMatch(stderr, /--nameserver|config domains/, 'no flag or place the user did not give');
  }
});

test('config supplies domains, selectors and rule settings', async () => {
  const zone = await zoneFile(`${ZONE}s1._domainkey TXT "v=DKIM1; p="\n`);
  const dir = await tempDir();
  const file = join(dir, 'maildns.config.json');
  await writeFile(file, JSON.stringify({ domains: [{ domain: 'example.com', dkimSelectors: ['s1'] }] }));
  const plain = await runCli(['check', '--zone-file', zone, '--config', file, '--format', 'json']);
  const report = assertValidReport(plain.stdout);
  assert.deepEqual(report.domains.map((d: any) => d.domain), ['example.com']);
  const revoked = report.domains[0].findings.find((f: any) => f.ruleId === 'dkim-key-revoked');
  assert.equal(revoked?.severity, 'error', 'the selector from the config was checked');
  assert.equal(plain.code, 1);

  const tuned = join(dir, 'tuned.json');
  await writeFile(tuned, JSON.stringify({ domains: ['example.com'], dkimSelectors: ['s1'], rules: { 'dkim-key-revoked': 'warning' }, failOn: 'error' }));
  const softened = await runCli(['check', '--zone-file', zone, '--config', tuned, '--format', 'json']);
  const finding = assertValidReport(softened.stdout).domains[0].findings.find((f: any) => f.ruleId === 'dkim-key-revoked');
  assert.equal(finding?.severity, 'warning', 'severity from the config');
  assert.equal(softened.code, 0, 'a warning does not fail --fail-on error');
  const strict = await runCli(['check', '--zone-file', zone, '--config', tuned, '--fail-on', 'warning', '--format', 'json']);
  assert.equal(strict.code, 1, '--fail-on on the command line wins over the config');

  const off = join(dir, 'off.json');
  await writeFile(off, JSON.stringify({ domains: ['example.com'], dkimSelectors: ['s1'], rules: { 'dkim-key-revoked': 'off' } }));
  const silenced = assertValidReport((await runCli(['check', '--zone-file', zone, '--config', off, '--format', 'json'])).stdout);
  assert.ok(!silenced.domains[0].findings.some((f: any) => f.ruleId === 'dkim-key-revoked'));
  assert.ok(!silenced.domains[0].rulesRun.includes('dkim-key-revoked'));
});

test('a config file saved with a UTF-8 byte order mark is read', async () => {
  const zone = await zoneFile();
  const file = join(await tempDir(), 'bom.json');
  await writeFile(file, `\uFEFF${JSON.stringify({ domains: ['example.com'], failOn: 'none' })}`);
  const { code, stdout, stderr } = await runCli(['check', '--zone-file', zone, '--config', file, '--format', 'json']);
  assert.equal(code, 0, stderr);
  assert.deepEqual(assertValidReport(stdout).domains.map((d: any) => d.domain), ['example.com'], 'the domains came from the config');
});

test('rule options from the config: applied when valid, named by JSON pointer when not', async () => {
  const zone = await zoneFile(`${ZONE.replace('@ MX 10 mx', '@ MX 10 inbound-smtp.xx-new-1.amazonaws.com.')}`);
  const dir = await tempDir();
  const regionFinding = async (config: unknown) => {
    const file = join(dir, `c${Math.random()}.json`);
    await writeFile(file, JSON.stringify(config));
    const result = await runCli(['check', 'example.com', '--zone-file', zone, '--config', file, '--format', 'json']);
    return { ...result, finding: result.code === 2 ? undefined : assertValidReport(result.stdout).domains[0].findings.find((f: any) => f.ruleId === 'mx-ses-inbound-region') };
  };
  assert.equal((await regionFinding({})).finding?.messageId, 'unknownRegion', 'xx-new-1 is not a region SES receives mail in');
  assert.equal((await regionFinding({ rules: { 'mx-ses-inbound-region': ['warning', { additionalRegions: ['xx-new-1'] }] } })).finding?.messageId, 'sesInbound');
  const bad = await regionFinding({ rules: { 'mx-ses-inbound-region': ['warning', { additionalRegions: 'xx-new-1' }] } });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /\/rules\/mx-ses-inbound-region\/1\/additionalRegions: must be array/);
  const unknownOption = await regionFinding({ rules: { 'mx-ses-inbound-region': ['warning', { regions: [] }] } });
  assert.match(unknownOption.stderr, /\/rules\/mx-ses-inbound-region\/1\/regions: unknown property "regions"/);
  const noOptions = await regionFinding({ rules: { 'dkim-key-revoked': ['error', { x: 1 }] } });
  assert.match(noOptions.stderr, /\/rules\/dkim-key-revoked\/1: rule "dkim-key-revoked" takes no options/);
});

test('a server that never answers: indeterminate, never "missing", exit 3 — in every format', async (t) => {
  const blackHole = createSocket('udp4');
  await new Promise<void>((resolve) => blackHole.bind(0, '127.0.0.1', resolve));
  t.after(() => blackHole.close());
  const server = `127.0.0.1:${blackHole.address().port}`;
  for (const format of ['json', 'text', 'markdown', 'junit', 'jsonl']) {
    const { code, stdout } = await runCli(['check', 'example.com', '--nameserver', server, '--timeout', '100', '--retries', '0', '--format', format]);
    assert.equal(code, 3, format);
    assert.match(stdout, /example\.com/, format);
    assert.match(stdout, /indeterminate/i, format);
    if (format === 'json') {
      const report = assertValidReport(stdout);
      assert.equal(report.domains[0].status, 'indeterminate');
      assert.ok(report.domains[0].records.every((r: any) => r.status === 'timeout'));
      assert.ok(report.domains[0].findings.every((f: any) => f.indeterminate === true));
    }
  }
});

test('with dns-lookup-indeterminate turned off, a domain whose lookups failed is still indeterminate (exit 3), never ok', async (t) => {
  const blackHole = createSocket('udp4');
  await new Promise<void>((resolve) => blackHole.bind(0, '127.0.0.1', resolve));
  t.after(() => blackHole.close());
  const config = join(await tempDir(), 'off.json');
  await writeFile(config, JSON.stringify({ rules: { 'dns-lookup-indeterminate': 'off' } }));
  const { code, stdout } = await runCli(['check', 'example.com', '--config', config, '--nameserver', `127.0.0.1:${blackHole.address().port}`, '--timeout', '100', '--retries', '0', '--format', 'json']);
  assert.equal(code, 3);
  const report = assertValidReport(stdout);
  assert.equal(report.domains[0].status, 'indeterminate');
  assert.ok(!report.domains[0].findings.some((f: any) => f.ruleId === 'dns-lookup-indeterminate'), 'the rule is off');
  assert.equal(report.stats.byStatus.indeterminate, 1);
  // The reports still say why, and JUnit counts it as an error, so a CI page does not go green on exit 3.
  assert.match(report.domains[0].error, /dns-lookup-indeterminate is off\): .*TXT example\.com \(timeout\)/);
  const junit = await runCli(['check', 'example.com', '--config', config, '--nameserver', `127.0.0.1:${blackHole.address().port}`, '--timeout', '100', '--retries', '0', '--format', 'junit']);
  assert.equal(junit.code, 3);
  assert.match(junit.stdout, /<testsuite name="example\.com" tests="\d+" failures="0" errors="1">/);
});

test('--transport tcp to a server that refuses TCP: indeterminate, exit 3, the reason says TCP', async () => {
  const closed = createServer().listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const { port } = closed.address() as { port: number };
  await new Promise((resolve) => closed.close(resolve));
  const { code, stdout } = await runCli(['check', 'example.com', '--nameserver', `127.0.0.1:${port}`, '--transport', 'tcp', '--retries', '0', '--format', 'json']);
  assert.equal(code, 3);
  const report = assertValidReport(stdout);
  assert.equal(report.domains[0].status, 'indeterminate');
  assert.ok(report.domains[0].records.every((r: any) => r.status === 'error'));
  const failed = report.domains[0].findings.filter((f: any) => f.ruleId === 'dns-lookup-indeterminate' && f.messageId === 'lookupFailed');
  assert.ok(failed.length > 0);
  assert.ok(failed.every((f: any) => /^TCP: .*ECONNREFUSED/.test(f.evidence[0].reason)), JSON.stringify(failed[0]));
  assert.ok(failed.every((f: any) => f.evidence[0].tcp === true), 'the evidence says the failing try was over TCP (reproduce with dig +tcp)');
});

test('--domain-deadline (or config domainDeadlineMs) ends a domain whose server stalls: indeterminate, the deadline named, exit 3', async (t) => {
  const blackHole = createSocket('udp4');
  await new Promise<void>((resolve) => blackHole.bind(0, '127.0.0.1', resolve));
  t.after(() => blackHole.close());
  const server = `127.0.0.1:${blackHole.address().port}`;
  const dir = await tempDir();
  const config = join(dir, 'deadline.json');
  await writeFile(config, JSON.stringify({ domainDeadlineMs: 150 }));
  // Each try could wait 60 s; only the domain's deadline can end these lookups.
  const slow = ['check', 'example.com', '--nameserver', server, '--timeout', '60000', '--retries', '0', '--format', 'json'];
  for (const [args, ms] of [[[...slow, '--domain-deadline', '200'], 200], [[...slow, '--config', config], 150]] as const) {
    const { code, stdout } = await runCli([...args]);
    assert.equal(code, 3);
    const domain = assertValidReport(stdout).domains[0];
    assert.equal(domain.status, 'indeterminate');
    const failed = domain.findings.filter((f: any) => f.ruleId === 'dns-lookup-indeterminate');
    assert.ok(failed.length > 0);
    assert.ok(failed.every((f: any) => f.evidence[0].status === 'timeout' && f.evidence[0].reason.includes(`per-domain deadline of ${ms} ms`)), JSON.stringify(failed[0]));
  }
});

test('colour only on a TTY and never with NO_COLOR', async () => {
  const zone = await zoneFile();
  const args = ['check', 'example.com', '--zone-file', zone];
  assert.doesNotMatch((await runCli(args)).stdout, /\u001b\[/);
  assert.match((await runCli(args, { tty: true })).stdout, /\u001b\[/);
  assert.doesNotMatch((await runCli(args, { tty: true, env: { NO_COLOR: '1' } })).stdout, /\u001b\[/);
});

test('--help and --version work and exit 0', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /check \[domains\.\.\]/);
  assert.match(help.stdout, /Exit codes/);
  // Help is wrapped between words: yargs's ES module build broke them ("Amazo" / "n SES", "indetermin" / "ate").
  assert.match(help.stdout, /send through Amazon SES\./);
  const checkHelp = await runCli(['check', '--help']);
  assert.match(checkHelp.stdout, /--fail-on/);
  assert.match(checkHelp.stdout, /indeterminate/);
  const version = await runCli(['--version']);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
});

test('domains after "--" are checked like the others, even one that looks like a flag', async () => {
  const zone = await zoneFile();
  const { stdout } = await runCli(['check', 'example.com', '--zone-file', zone, '--format', 'jsonl', '--', 'nx.example.com', '-x.example.com']);
  const domains = stdout.trim().split('\n').map((line) => assertValidDomainLine(line).domain).sort();
  assert.deepEqual(domains, ['-x.example.com', 'example.com', 'nx.example.com']);
});

test('a --domains-file saved as UTF-16 with a byte order mark (PowerShell 5, Notepad) is read as such', async () => {
  const zone = await zoneFile();
  const dir = await tempDir();
  const text = '\ufeffexample.com\r\nnx.example.com\r\n';
  const littleEndian = join(dir, 'le.txt');
  await writeFile(littleEndian, Buffer.from(text, 'utf16le'));
  const bigEndian = join(dir, 'be.txt');
  await writeFile(bigEndian, Buffer.from(text, 'utf16le').swap16());
  for (const file of [littleEndian, bigEndian]) {
    const { stdout, stderr } = await runCli(['check', '--domains-file', file, '--zone-file', zone, '--format', 'jsonl']);
    const domains = stdout.trim().split('\n').filter(Boolean).map((line) => assertValidDomainLine(line).domain).sort();
    assert.deepEqual(domains, ['example.com', 'nx.example.com'], `${file}: ${stderr}`);
  }
});

test('drift: a declared ns: server that cannot be asked leaves that domain uncompared (exit 3); the other domains are still reported', async () => {
  // The name server's address cannot be looked up: the only resolver refuses at once (port 1).
  const { code, stdout } = await runCli(['drift', 'example.com', 'example.org', '--declared', 'ns:ns1.example.net',
    '--observed', 'ns:127.0.0.1:1', '--nameserver', '127.0.0.1:1', '--timeout', '200', '--retries', '0', '--format', 'json']);
  assert.equal(code, 3);
  const report = JSON.parse(stdout);
  assert.deepEqual(report.domains.map((d: { domain: string }) => d.domain), ['example.com', 'example.org']);
  for (const domain of report.domains) assert.ok(domain.notices.some((n: { code: string }) => n.code === 'indeterminate'), domain.domain);
});
