// A synthetic world of N sending domains for the benchmark, as zone files Knot can serve.
//
// The mix follows issue 6: SPF trees of depth 1–4 that share a few big provider includes, three
// SES-style DKIM CNAMEs per domain into a signing zone holding 2048-bit keys, DMARC (some with an
// external report destination), MX hosts with addresses, a custom MAIL FROM subdomain, and about 5 %
// broken or missing records. Provider zones use the real provider names (served only by the local
// Knot), so SES- and provider-aware rules see what they would see in production; their contents are
// made up. Customer domains are `<name>.test` (RFC 6761), all in one `test.` zone so Knot loads fast.
//
// Generation is deterministic for a given N and seed, except the RSA keys, which are made fresh
// (a handful, reused across all tokens: key material does not change what the resolver does).

import { generateKeyPairSync } from 'node:crypto';

export interface DomainEntry {
  domain: string;
  dkimSelectors: string[];
}

export interface SyntheticWorld {
  domains: DomainEntry[];
  /** Zone name (no trailing dot) -> master-file text. */
  zones: Record<string, string>;
  /** How many domains got each kind of breakage, for the results table. */
  broken: Record<string, number>;
}

export interface WorldOptions {
  n: number;
  seed?: number;
  /** Distinct RSA keys in the signing zone. */
  keys?: number;
}

/** Negative and positive TTLs far above any run's length, so the cache never expires mid-run. */
const TTL = 3600;
const SOA_MINIMUM = 3600;
const BROKEN_SHARE = 0.05;
const RESELLERS = 40;
const DEFAULT_KEYS = 4;

export const BREAKAGES = [
  'no-spf', 'two-spf', 'include-nxdomain', 'too-many-lookups', 'dkim-dangling', 'no-dmarc', 'mx-host-missing', 'domain-missing',
] as const;
type Breakage = (typeof BREAKAGES)[number];

/** mulberry32: a small seeded PRNG, so a world can be rebuilt exactly. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class ZoneText {
  private readonly lines: string[];
  constructor(readonly origin: string) {
    this.lines = [
      `$ORIGIN ${origin}.`,
      `$TTL ${TTL}`,
      `@ SOA ns1.${origin}. hostmaster.${origin}. 1 3600 900 604800 ${SOA_MINIMUM}`,
      `@ NS ns1.${origin}.`,
      `ns1 A 127.0.0.1`,
    ];
  }
  /** `owner` is an absolute name without the trailing dot. */
  add(owner: string, type: string, rdata: string): void {
    this.lines.push(`${owner}. ${type} ${rdata}`);
  }
  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/** TXT rdata split into 255-octet character-strings (RFC 1035 §3.3). */
function txt(value: string): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += 255) parts.push(`"${value.slice(i, i + 255).replace(/["\\]/g, (c) => `\\${c}`)}"`);
  return parts.join(' ');
}

function ip4Ranges(random: () => number, count: number, firstOctet: number): string {
  return Array.from({ length: count }, () => `ip4:${firstOctet}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.0/24`).join(' ');
}

function ip6Ranges(random: () => number, count: number): string {
  return Array.from({ length: count }, () => `ip6:2001:db8:${Math.floor(random() * 65536).toString(16)}::/48`).join(' ');
}

/** A 32-character SES-style token (lower-case letters and digits). */
function token(random: () => number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = '';
  for (let i = 0; i < 32; i += 1) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

function generateDkimKeys(count: number): string[] {
  return Array.from({ length: count }, () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  });
}

/** The provider zones every domain shares: big SPF includes, SES's signing zone, common MX hosts. */
function addProviders(zones: Map<string, ZoneText>, random: () => number): void {
  const google = new ZoneText('google.com');
  google.add('_spf.google.com', 'TXT', txt('v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all'));
  google.add('_netblocks.google.com', 'TXT', txt(`v=spf1 ${ip4Ranges(random, 16, 64)} ~all`));
  google.add('_netblocks2.google.com', 'TXT', txt(`v=spf1 ${ip6Ranges(random, 10)} ~all`));
  google.add('_netblocks3.google.com', 'TXT', txt(`v=spf1 ${ip4Ranges(random, 12, 172)} ~all`));
  for (const host of ['aspmx.l', 'alt1.aspmx.l', 'alt2.aspmx.l', 'alt3.aspmx.l', 'alt4.aspmx.l']) {
    google.add(`${host}.google.com`, 'A', `142.250.${Math.floor(random() * 256)}.27`);
    google.add(`${host}.google.com`, 'AAAA', `2001:db8:4860::${Math.floor(random() * 65536).toString(16)}`);
  }
  zones.set('google.com', google);

  const outlook = new ZoneText('outlook.com');
  outlook.add('spf.protection.outlook.com', 'TXT', txt(`v=spf1 ${ip4Ranges(random, 14, 40)} ${ip6Ranges(random, 6)} -all`));
  zones.set('outlook.com', outlook);

  const ses = new ZoneText('amazonses.com');
  ses.add('amazonses.com', 'TXT', txt(`v=spf1 ${ip4Ranges(random, 10, 54)} -all`));
  ses.add('feedback-smtp.us-east-1.amazonses.com', 'A', '54.240.8.1');
  zones.set('amazonses.com', ses);

  const aws = new ZoneText('amazonaws.com');
  aws.add('inbound-smtp.us-east-1.amazonaws.com', 'A', '44.206.1.1');
  aws.add('inbound-smtp.us-east-1.amazonaws.com', 'A', '44.206.1.2');
  zones.set('amazonaws.com', aws);

  const mailgun = new ZoneText('mailgun.org');
  mailgun.add('mailgun.org', 'TXT', txt('v=spf1 include:_spf.mailgun.org ~all'));
  mailgun.add('_spf.mailgun.org', 'TXT', txt(`v=spf1 ${ip4Ranges(random, 8, 198)} ~all`));
  zones.set('mailgun.org', mailgun);

  const sendgrid = new ZoneText('sendgrid.net');
  sendgrid.add('sendgrid.net', 'TXT', txt(`v=spf1 ${ip4Ranges(random, 6, 167)} ~all`));
  zones.set('sendgrid.net', sendgrid);

  // A DMARC report aggregator that authorises every domain (RFC 7489 §7.1) with a wildcard.
  const reports = new ZoneText('dmarc-reports.net');
  reports.add('*._report._dmarc.dmarc-reports.net', 'TXT', txt('v=DMARC1'));
  zones.set('dmarc-reports.net', reports);
}

function pickBreakage(random: () => number): Breakage | undefined {
  if (random() >= BROKEN_SHARE) return undefined;
  return BREAKAGES[Math.floor(random() * BREAKAGES.length)]!;
}

/** The domain's own SPF, 1–4 levels of includes deep; extra records it needs go into `test`. */
function spfFor(domain: string, shape: number, random: () => number, test: ZoneText, breakage: Breakage | undefined): string {
  const own = ip4Ranges(random, 1 + Math.floor(random() * 2), 203);
  if (breakage === 'include-nxdomain') return `v=spf1 ${own} include:amazonses.com include:_spf.gone-${domain} ~all`;
  if (breakage === 'too-many-lookups') {
    return `v=spf1 include:_spf.google.com include:spf.protection.outlook.com include:amazonses.com include:mailgun.org include:sendgrid.net a mx include:spf.reseller-${Math.floor(random() * RESELLERS)}.test ~all`;
  }
  switch (shape) {
    case 1: // depth 1: SES only, or SES and an ESP
      return random() < 0.5 ? `v=spf1 ${own} include:amazonses.com ~all` : `v=spf1 include:amazonses.com include:sendgrid.net -all`;
    case 2: // depth 2: Google Workspace (whose record includes three netblock records) and SES
      return `v=spf1 include:_spf.google.com include:amazonses.com ~all`;
    case 3: { // depth 3: the domain's own _spf record, which includes Google or Microsoft
      const provider = random() < 0.5 ? '_spf.google.com' : 'spf.protection.outlook.com';
      test.add(`_spf.${domain}`, 'TXT', txt(`v=spf1 ${own} include:${provider} include:amazonses.com ~all`));
      return `v=spf1 mx include:_spf.${domain} -all`;
    }
    default: // depth 4: a reseller's shared record -> a hub -> Mailgun -> Mailgun's netblocks, plus Google
      return `v=spf1 a include:spf.reseller-${Math.floor(random() * RESELLERS)}.test ~all`;
  }
}

export function generateWorld(options: WorldOptions): SyntheticWorld {
  const random = createRandom(options.seed ?? 20261127);
  const keys = generateDkimKeys(options.keys ?? DEFAULT_KEYS);
  const zones = new Map<string, ZoneText>();
  addProviders(zones, random);
  const ses = zones.get('amazonses.com')!;
  const test = new ZoneText('test');
  zones.set('test', test);
  for (let r = 0; r < RESELLERS; r += 1) {
    test.add(`spf.reseller-${r}.test`, 'TXT', txt(`v=spf1 include:_spf.reseller-hub.test include:_spf.google.com ${ip4Ranges(random, 2, 185)} ~all`));
  }
  test.add('_spf.reseller-hub.test', 'TXT', txt('v=spf1 include:mailgun.org ~all'));

  const broken: Record<string, number> = {};
  const domains: DomainEntry[] = [];
  const width = String(options.n).length;
  for (let i = 0; i < options.n; i += 1) {
    const domain = `shop-${String(i).padStart(width, '0')}.test`;
    const breakage = pickBreakage(random);
    if (breakage) broken[breakage] = (broken[breakage] ?? 0) + 1;
    const selectors = [token(random), token(random), token(random)];
    domains.push({ domain, dkimSelectors: selectors });
    if (breakage === 'domain-missing') continue; // NXDOMAIN for every name under it

    const shape = 1 + Math.floor(random() * 4);
    test.add(domain, 'A', `203.0.113.${i % 256}`);
    if (breakage !== 'no-spf') test.add(domain, 'TXT', txt(spfFor(domain, shape, random, test, breakage)));
    if (breakage === 'two-spf') test.add(domain, 'TXT', txt('v=spf1 include:amazonses.com -all'));
    test.add(domain, 'TXT', txt(`google-site-verification=${token(random)}`));

    // MX: Google, Microsoft (a host per tenant), the domain's own hosts, or SES inbound.
    const mx = random();
    if (breakage === 'mx-host-missing') {
      test.add(domain, 'MX', `10 mx.gone-${domain}.`);
    } else if (mx < 0.4) {
      ['aspmx.l', 'alt1.aspmx.l', 'alt2.aspmx.l'].forEach((h, p) => test.add(domain, 'MX', `${(p + 1) * 10} ${h}.google.com.`));
    } else if (mx < 0.7) {
      const host = `${domain.replace(/\./g, '-')}.mail.protection.outlook.com`;
      test.add(domain, 'MX', `0 ${host}.`);
      zones.get('outlook.com')!.add(host, 'A', `52.101.${i % 256}.${Math.floor(i / 256) % 256}`);
    } else if (mx < 0.9) {
      for (const n of [1, 2]) {
        test.add(domain, 'MX', `${n * 10} mx${n}.${domain}.`);
        test.add(`mx${n}.${domain}`, 'A', `198.51.100.${(i + n) % 256}`);
        test.add(`mx${n}.${domain}`, 'AAAA', `2001:db8:100::${((i * 2 + n) % 65536).toString(16)}`);
      }
    } else {
      test.add(domain, 'MX', '10 inbound-smtp.us-east-1.amazonaws.com.');
    }

    // SES Easy DKIM: three CNAMEs into the signing zone; a dangling one points at a token SES never published.
    selectors.forEach((selector, s) => {
      test.add(`${selector}._domainkey.${domain}`, 'CNAME', `${selector}.dkim.amazonses.com.`);
      if (breakage === 'dkim-dangling' && s === 2) return;
      ses.add(`${selector}.dkim.amazonses.com`, 'TXT', txt(`p=${keys[(i + s) % keys.length]}`));
    });

    if (breakage !== 'no-dmarc') {
      const policy = ['none', 'quarantine', 'reject'][Math.floor(random() * 3)];
      const rua = random() < 0.5 ? `mailto:dmarc@${domain}` : `mailto:${domain.replace(/\./g, '-')}@dmarc-reports.net`;
      test.add(`_dmarc.${domain}`, 'TXT', txt(`v=DMARC1; p=${policy}; rua=${rua}`));
    }

    // Custom MAIL FROM (SES): MX to the feedback endpoint and an SPF that includes SES.
    test.add(`bounce.${domain}`, 'MX', '10 feedback-smtp.us-east-1.amazonses.com.');
    test.add(`bounce.${domain}`, 'TXT', txt('v=spf1 include:amazonses.com ~all'));
  }
  return {
    domains,
    zones: Object.fromEntries([...zones].map(([name, zone]) => [name, zone.toString()])),
    broken,
  };
}
