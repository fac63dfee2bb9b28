// Fuzzing the parsers that read what anyone can publish: SPF, DMARC, DKIM key records, zone files,
// Route 53 presentation values, and DNS messages off the wire. Each property runs MAILDNS_FUZZ_RUNS generated inputs (the default
// keeps this file within about 20 s on a 2-core machine; MAILDNS_FUZZ_RUNS=100000 runs the full
// count the hardening issue asks for). The properties: nothing throws but our own typed errors, and
// SPF text printed from a parsed record parses back to the same record.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as dnsPacket from 'dns-packet';
import { parseSpf } from '../../src/spf/parse.js';
import { printSpf } from '../../src/spf/print.js';
import type { SpfRecord } from '../../src/spf/ast.js';
import { parseDmarcRecord } from '../../src/dmarc/parse-record.js';
import { parseDkimKeyRecord } from '../../src/dkim/parse-key-record.js';
import { parseZoneFile, ZoneFileError } from '../../src/dns/zone-file.js';
import { checkReply } from '../../src/dns/message.js';
import { decodeRoute53Name, parseRoute53Txt, parseRoute53Value, Route53ValueError } from '../../src/sources/route53-values.js';
import { classifyReply } from '../../src/dns/classify.js';
import { RSA_1024, ED25519 } from '../dkim/keys.js';

const DEFAULT_RUNS = 50_000; // 9 s for the whole file here when idle, under 20 s when the machine is loaded
const RUNS = Number(process.env.MAILDNS_FUZZ_RUNS ?? DEFAULT_RUNS);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`MAILDNS_FUZZ_RUNS must be a positive whole number, got ${process.env.MAILDNS_FUZZ_RUNS}`);
/** Per property; generous, since the machine is shared. A run over it fails, it does not hang. */
const DEADLINE_MS = Math.max(120_000, RUNS * 5);

/** Half the runs on structured input that reaches deep into the parser, half on raw text. */
function check<T>(structured: fc.Arbitrary<T>, raw: fc.Arbitrary<T>, property: (input: T) => void): void {
  const half = Math.ceil(RUNS / 2);
  fc.assert(fc.property(structured, property), { numRuns: half });
  fc.assert(fc.property(raw, property), { numRuns: RUNS - half });
}

/** Anything printable or not: ASCII, controls, and a few characters outside Latin-1. */
const asciiChar = fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code));
const anyChar = fc.integer({ min: 0, max: 0x10ffff }).filter((code) => code < 0xd800 || code > 0xdfff).map((code) => String.fromCodePoint(code));
const anyText = fc.string({ unit: fc.oneof(fc.constantFrom(' ', ';', '=', ':', '/', '%', '.', '"', '\\', '\t'), asciiChar, anyChar), maxLength: 120 });
const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const label = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => `${labels.join('.')}.test`);

// ---- SPF -------------------------------------------------------------------------------------

const macro = fc.tuple(pick('s', 'l', 'o', 'd', 'i', 'p', 'h', 'v', 'c', 'r', 't', 'S', 'D', 'x'), fc.option(fc.integer({ min: 0, max: 130 })), fc.boolean(), pick('', '.', '-+', '=_/', ','))
  .map(([letter, digits, reverse, delimiters]) => `%{${letter}${digits ?? ''}${reverse ? 'r' : ''}${delimiters}}`);
const domainSpec = fc.array(fc.oneof(label, macro, pick('%%', '%_', '%-', '%', '.', '..')), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('.'));
const qualifier = pick('', '+', '-', '~', '?', '!');
const cidr = fc.tuple(fc.option(fc.integer({ min: -1, max: 140 })), fc.option(fc.integer({ min: -1, max: 140 })))
  .map(([v4, v6]) => `${v4 === null ? '' : `/${v4}`}${v6 === null ? '' : `//${v6}`}`);
const ip4 = fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.string({ maxLength: 15 }));
const ip6 = fc.oneof(fc.ipV6(), fc.string({ maxLength: 40 }));
const spfTerm = fc.oneof(
  fc.tuple(qualifier, pick('all', 'ALL', 'all:x')).map(([q, t]) => q + t),
  fc.tuple(qualifier, pick('include', 'exists', 'ptr', 'Include'), fc.option(domainSpec)).map(([q, k, d]) => `${q}${k}${d === null ? '' : `:${d}`}`),
  fc.tuple(qualifier, pick('a', 'mx', 'MX'), fc.option(domainSpec), cidr).map(([q, k, d, c]) => `${q}${k}${d === null ? '' : `:${d}`}${c}`),
  fc.tuple(qualifier, fc.option(ip4), fc.option(fc.integer({ min: -1, max: 40 }))).map(([q, a, p]) => `${q}ip4${a === null ? '' : `:${a}`}${p === null ? '' : `/${p}`}`),
  fc.tuple(qualifier, fc.option(ip6), fc.option(fc.integer({ min: -1, max: 140 }))).map(([q, a, p]) => `${q}ip6${a === null ? '' : `:${a}`}${p === null ? '' : `/${p}`}`),
  fc.tuple(pick('redirect', 'exp', 'x-custom', 'REDIRECT', '1bad', 'a.b'), fc.oneof(domainSpec, anyText)).map(([m, v]) => `${m}=${v}`),
  anyText.map((t) => t.replace(/ /g, '')),
);
const spfText = fc.oneof(
  fc.tuple(pick('v=spf1', 'V=SPF1', 'v=spf1 ', 'v=spf10', 'v=spf2.0/pra'), fc.array(spfTerm, { maxLength: 12 }), pick(' ', '  ', '\t', ' '))
    .map(([version, terms, sep]) => [version, ...terms].join(sep)),
);

/** The parsed record without what printing cannot keep: each term's original text and offset. */
function shape(record: SpfRecord): unknown {
  return record.terms.map(({ text: _text, offset: _offset, ...term }) => {
    const normalise = (value: unknown): unknown => (value && typeof value === 'object' && 'parts' in value ? (value as { parts: unknown }).parts : value);
    return Object.fromEntries(Object.entries(term).map(([k, v]) => [k, normalise(v)]));
  });
}

test(`fuzz SPF: parseSpf never throws; a valid record printed parses back to the same terms (${RUNS} inputs)`, { timeout: DEADLINE_MS }, () => {
  let valid = 0;
  check(spfText, fc.oneof(anyText, anyText.map((t) => `v=spf1 ${t}`)), (text) => {
    const record = parseSpf(text);
    assert.ok(Array.isArray(record.terms) && Array.isArray(record.errors));
    for (const error of record.errors) assert.equal(typeof error.message, 'string');
    if (record.errors.length > 0) return;
    valid += 1;
    const printed = printSpf(record);
    const again = parseSpf(printed);
    assert.deepEqual(again.errors, [], `"${printed}" (printed from "${text}") does not parse`);
    assert.deepEqual(shape(again), shape(record), `"${text}" -> "${printed}"`);
    assert.equal(printSpf(again), printed, 'printing is stable');
  });
  assert.ok(valid > RUNS / 50, `too few valid records generated to test the round trip (${valid})`);
});

// ---- DMARC ------------------------------------------------------------------------------------

const dmarcValue = fc.oneof(
  pick('none', 'quarantine', 'reject', 'r', 's', 'y', 'n', 'u', '0', '1', 'd', 's:1', '0:1:d:s', 'afrf', 'iodef', '100', '-1', '4294967296', ''),
  fc.integer({ min: -5, max: 5_000_000_000 }).map(String),
  fc.array(fc.oneof(domain.map((d) => `mailto:dmarc@${d}`), domain.map((d) => `mailto:r@${d}!10m`), pick('mailto:', 'https://x.test/r', 'mailto:a@b!', 'mailto:%40@x.test', 'mailto:a@b!1x')), { minLength: 1, maxLength: 3 }).map((u) => u.join(',')),
  anyText,
);
const dmarcTag = fc.tuple(pick('v', 'p', 'sp', 'np', 'adkim', 'aspf', 'pct', 'ri', 'fo', 'rf', 'rua', 'ruf', 'psd', 't', 'V', 'x', 'P', '9', ''), pick('=', ' = ', '\t=', '', '=='), dmarcValue)
  .map(([name, eq, value]) => `${name}${eq}${value}`);
const dmarcText = fc.tuple(pick('v=DMARC1', 'V = DMARC1', 'v=DMARC1 ', 'v=dmarc1', 'v=DMARC2', ''), fc.array(dmarcTag, { maxLength: 10 }), pick(';', '; ', ' ;', ';;'), fc.boolean())
  .map(([version, tags, sep, trailing]) => [version, ...tags].join(sep) + (trailing ? ';' : ''));

test(`fuzz DMARC: parseDmarcRecord never throws and always says whether receivers select the record (${RUNS} inputs)`, { timeout: DEADLINE_MS }, () => {
  check(dmarcText, anyText, (text) => {
    const result = parseDmarcRecord(text);
    assert.equal(typeof result.isDmarc, 'boolean');
    assert.ok(Array.isArray(result.problems));
    if (result.effectivePolicy !== undefined) assert.ok(['none', 'quarantine', 'reject'].includes(result.effectivePolicy));
  });
});

// ---- DKIM -------------------------------------------------------------------------------------

const base64ish = fc.oneof(pick(RSA_1024, ED25519, '', 'AAAA', 'MA==', `${RSA_1024.slice(0, 40)}`), fc.base64String({ maxLength: 60 }), anyText);
const dkimTag = fc.tuple(pick('v', 'k', 'p', 'h', 's', 't', 'n', 'g', 'x', 'V', ''), pick('=', ' = ', '', '=='), fc.oneof(pick('DKIM1', 'rsa', 'ed25519', 'sha1:sha256', 'sha256', '*', 'email', 'y', 's', 'y:s', 'dkim1'), base64ish))
  .map(([name, eq, value]) => `${name}${eq}${value}`);
const dkimText = fc.tuple(fc.array(dkimTag, { maxLength: 8 }), pick(';', '; ', ' ;\r\n ', ';;'))
  .map(([tags, sep]) => tags.join(sep));

test(`fuzz DKIM: parseDkimKeyRecord never throws, whatever the key bytes hold (${RUNS} inputs)`, { timeout: DEADLINE_MS }, () => {
  check(dkimText, anyText, (text) => {
    const result = parseDkimKeyRecord(text);
    assert.equal(typeof result.revoked, 'boolean');
    assert.ok(Array.isArray(result.problems));
  });
});

// ---- Zone files -------------------------------------------------------------------------------

const rdata = fc.oneof(
  fc.ipV4(), fc.ipV6(), domain, pick('@', '.', '10 mx', '0 .', 'ns h 1 2 3 4 5', '0 issue "ca.test"', '1 2 3 t.test'),
  fc.array(fc.oneof(anyText.map((t) => `"${t}"`), pick('"a;b"', '"\\065\\066"', '"\\999"', '"\\"', '"unterminated', '( "x"', ')', ';c')), { minLength: 1, maxLength: 4 }).map((s) => s.join(' ')),
  anyText,
);
const zoneLine = fc.oneof(
  fc.tuple(fc.oneof(pick('@', '', ' ', '*', 'a.b.', '\\.x'), label), pick('', '300', '1h', '1W2d', '-1', '99999999999'), pick('', 'IN', 'CH', 'XX'),
    pick('A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SPF', 'NS', 'SOA', 'PTR', 'CAA', 'SRV', 'DS', 'TYPE99', 'txt', 'BOGUS'), rdata)
    .map((parts) => parts.join(' ')),
  fc.tuple(pick('$ORIGIN', '$TTL', '$INCLUDE', '$GENERATE', '$origin', '$'), fc.oneof(domain.map((d) => `${d}.`), pick('300', '', 'x', '.', '1d')))
    .map((parts) => parts.join(' ')),
  anyText,
);
const zoneText = fc.array(zoneLine, { maxLength: 8 }).map((lines) => lines.join('\n'));

test(`fuzz zone files: parseZoneFile throws nothing but ZoneFileError, which names the line (${RUNS} inputs)`, { timeout: DEADLINE_MS }, () => {
  check(zoneText, fc.string({ unit: fc.oneof(asciiChar, anyChar, fc.constantFrom('\n', '(', ')', '"', ';', '\\', '$', '@')), maxLength: 200 }), (text) => {
    try {
      const zone = parseZoneFile(text, { origin: 'fuzz.test', defaultTtl: 300 });
      for (const record of zone.records) assert.equal(typeof record.value, 'string');
    } catch (error) {
      if (!(error instanceof ZoneFileError)) throw error;
      assert.ok(Number.isInteger(error.line) && error.line >= 1, error.message);
    }
  });
});

// ---- Route 53 presentation values ------------------------------------------------------------

/** Route 53's TXT presentation form: quoted strings, \" and \\, and \ooo octal escapes. */
function encodeRoute53Txt(strings: string[]): string {
  return strings.map((s) => `"${[...Buffer.from(s, 'utf8')].map((b) => (b === 0x22 ? '\\"' : b === 0x5c ? '\\\\' : b < 0x21 || b > 0x7e ? `\\${b.toString(8).padStart(3, '0')}` : String.fromCharCode(b))).join('')}"`).join(' ');
}
const route53Txt = fc.oneof(
  fc.array(fc.oneof(anyText, pick('\\', '"', '\\"', '\\351', '\\400', '\\0', ' ')), { maxLength: 6 }).map((parts) => parts.join('')),
  fc.tuple(fc.array(anyText, { minLength: 1, maxLength: 4 }), pick(' ', '', '\t')).map(([strings, sep]) => strings.map((s) => `"${s}"`).join(sep)),
);

test(`fuzz Route 53 values: the TXT decoder throws nothing but Route53ValueError, and decodes what Route 53 encodes (${RUNS} inputs)`, { timeout: DEADLINE_MS }, () => {
  check(route53Txt, anyText, (value) => {
    for (const type of ['TXT', 'SPF', 'MX', 'CNAME', 'SOA', 'A'] as const) {
      try {
        const record = parseRoute53Value('fuzz.test', type, 300, value);
        assert.equal(typeof record.value, 'string');
      } catch (error) {
        if (!(error instanceof Route53ValueError)) throw error;
      }
    }
    assert.equal(typeof decodeRoute53Name(value), 'string');
  });
  // Round trip: strings Route 53 would print in its octal form come back exactly.
  fc.assert(fc.property(fc.array(anyText, { minLength: 1, maxLength: 4 }), (strings) => {
    assert.deepEqual(parseRoute53Txt(encodeRoute53Txt(strings)), strings);
  }), { numRuns: Math.ceil(RUNS / 2) });
});

// ---- DNS messages off the wire ----------------------------------------------------------------

const QUESTION = { name: 'fuzz.test', type: 'TXT' as const, recursionDesired: true };
const validReply = dnsPacket.encode({
  type: 'response', id: 4242, flags: dnsPacket.AUTHORITATIVE_ANSWER,
  questions: [{ name: 'fuzz.test', type: 'TXT', class: 'IN' }],
  answers: [
    { name: 'fuzz.test', type: 'TXT', ttl: 300, data: ['v=spf1 -all', 'x'] },
    { name: 'fuzz.test', type: 'CNAME', ttl: 300, data: 'other.test' },
    { name: 'fuzz.test', type: 'MX', ttl: 300, data: { preference: 10, exchange: 'mx.fuzz.test' } },
  ],
  authorities: [{ name: 'fuzz.test', type: 'SOA', ttl: 300, data: { mname: 'ns.test', rname: 'h.test', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 } }],
});
/** The valid reply with some bytes changed, cut, or extended: most get past the header and question. */
const mutatedReply = fc.tuple(fc.array(fc.tuple(fc.nat(validReply.length - 1), fc.nat(255)), { minLength: 1, maxLength: 6 }), fc.nat(validReply.length + 20), fc.uint8Array({ maxLength: 20 }))
  .map(([changes, cut, tail]) => {
    const bytes = Buffer.from(validReply);
    for (const [at, value] of changes) if (at >= 16) bytes[at] = value; // keep the id and counts mostly intact
    return Buffer.concat([bytes.subarray(0, Math.max(12, cut)), Buffer.from(tail)]);
  });

test(`fuzz DNS replies: checkReply and classifyReply never throw; bad data is malformed or foreign (${RUNS} inputs)`, { timeout: DEADLINE_MS }, () => {
  check(mutatedReply, fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)), (bytes) => {
    const verdict = checkReply(bytes, 4242, QUESTION);
    if (verdict.kind !== 'match') return;
    const step = classifyReply(verdict.reply, '127.0.0.1:53', false);
    assert.ok(['answer', 'nodata', 'nxdomain', 'servfail', 'refused', 'malformed', 'error'].includes(step.status), step.status);
    for (const record of step.records) assert.equal(typeof record.value, 'string');
  });
});
