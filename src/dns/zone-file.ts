// RFC 1035 §5.1 master-file parser: $ORIGIN, $TTL, relative names, "@", blank owners, parentheses
// across lines, quoted strings with \DDD (decimal) and \X escapes, comments.
//
// Written here rather than taken from npm: the maintained JavaScript parsers we looked at
// (dns-zonefile, zone-file) are regex-based and cut TXT records at a quoted ";" (elgs/dns-zonefile#34),
// which would corrupt exactly the DMARC and DKIM records maildns exists to check.

import { isIP } from 'node:net';
import type { DnsRecord, RRType } from './types.js';
import { normaliseName } from './types.js';

export const MAX_CHARACTER_STRING = 255; // RFC 1035 §3.3: one length octet
const CLASSES = new Set(['IN', 'CH', 'HS', 'CS']);
const SUPPORTED: ReadonlySet<RRType> = new Set<RRType>([
  'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SPF', 'NS', 'SOA', 'PTR', 'CAA', 'SRV',
]);

export class ZoneFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'ZoneFileError';
  }
}

export interface ParsedZone {
  file: string;
  /** The origin in force at the end of the file, or the first SOA owner. Normalised. */
  origin: string;
  /** Owners of SOA records: the apexes of the zones this file holds. */
  apexes: string[];
  records: DnsRecord[];
  /** Record types we do not model (DS, HTTPS, …): counted, not parsed. */
  skipped: Record<string, number>;
}

export interface ParseZoneOptions {
  file?: string;
  /** Origin before any $ORIGIN (like `named-checkzone ZONE FILE`). */
  origin?: string;
  defaultTtl?: number;
}

interface Token {
  text: string;
  quoted: boolean;
  line: number;
}

interface Entry {
  line: number;
  /** True when the entry started with white space: the owner is the previous one. */
  continuesOwner: boolean;
  tokens: Token[];
}

export function parseZoneFile(text: string, options: ParseZoneOptions = {}): ParsedZone {
  const file = options.file ?? '<zone>';
  let origin = options.origin !== undefined ? normaliseName(options.origin) : undefined;
  let defaultTtl = options.defaultTtl;
  let lastTtl: number | undefined;
  let lastOwner: string | undefined;
  const records: DnsRecord[] = [];
  const apexes: string[] = [];
  const skipped: Record<string, number> = {};

  for (const entry of tokenize(text, file)) {
    const fail = (detail: string): never => {
      throw new ZoneFileError(file, entry.line, detail);
    };
    const tokens = [...entry.tokens];
    const first = tokens[0];
    if (!first) continue;

    if (!first.quoted && first.text.startsWith('$')) {
      const directive = first.text.toUpperCase();
      if (directive === '$ORIGIN') {
        const value = tokens[1];
        if (!value) fail('expected a domain name after $ORIGIN');
        origin = absoluteName(value!.text, origin, fail);
      } else if (directive === '$TTL') {
        const value = tokens[1];
        if (!value) fail('expected a TTL after $TTL');
        defaultTtl = parseTtl(value!.text) ?? fail(`expected a TTL after $TTL, found "${value!.text}"`);
      } else {
        fail(`unsupported directive ${first.text} (maildns reads $ORIGIN and $TTL)`);
      }
      continue;
    }

    let owner: string;
    if (entry.continuesOwner) {
      owner = lastOwner ?? fail('record with no owner name (line starts with white space, no previous owner)');
    } else {
      owner = absoluteName(tokens.shift()!.text, origin, fail);
    }
    lastOwner = owner;

    // [TTL] [class] or [class] [TTL], then the type (RFC 1035 §5.1).
    let ttl: number | undefined;
    while (tokens.length > 0) {
      const next = tokens[0]!.text;
      const asTtl = parseTtl(next);
      if (asTtl !== undefined && ttl === undefined) {
        ttl = asTtl;
        tokens.shift();
      } else if (CLASSES.has(next.toUpperCase())) {
        if (next.toUpperCase() !== 'IN') fail(`class ${next} is not supported; maildns reads IN records`);
        tokens.shift();
      } else {
        break;
      }
    }
    const typeToken = tokens.shift() ?? fail(`expected a record type after "${owner || '.'}"`);
    const type = typeToken.text.toUpperCase();
    if (!/^[A-Z][A-Z0-9-]*$/.test(type)) fail(`expected a record type, found "${typeToken.text}"`);
    if (!SUPPORTED.has(type as RRType)) {
      skipped[type] = (skipped[type] ?? 0) + 1;
      continue;
    }
    const recordTtl = ttl ?? defaultTtl ?? lastTtl ?? fail('no TTL given and no $TTL in force');
    lastTtl = recordTtl;
    const record = parseRdata(owner, type as RRType, recordTtl, tokens, origin, fail);
    if (type === 'SOA') apexes.push(owner);
    records.push(record);
  }

  const zoneOrigin = origin ?? apexes[0];
  if (zoneOrigin === undefined) {
    throw new ZoneFileError(file, 1, 'no $ORIGIN and no SOA record: cannot tell which zone this file holds');
  }
  return { file, origin: zoneOrigin, apexes, records, skipped };
}

function parseRdata(
  name: string,
  type: RRType,
  ttl: number,
  tokens: Token[],
  origin: string | undefined,
  fail: (detail: string) => never,
): DnsRecord {
  const need = (count: number, what: string): void => {
    if (tokens.length < count) fail(`${type} record for "${name}" needs ${what}`);
  };
  const word = (i: number): string => tokens[i]!.text;
  const base = { name, type, ttl };
  switch (type) {
    case 'A':
    case 'AAAA': {
      need(1, 'an address');
      const address = word(0);
      if (isIP(address) !== (type === 'A' ? 4 : 6)) fail(`expected an IPv${type === 'A' ? 4 : 6} address, found "${address}"`);
      return { ...base, value: type === 'AAAA' ? canonicalIpv6(address) : address };
    }
    case 'CNAME':
    case 'NS':
    case 'PTR': {
      need(1, 'a target name');
      const target = absoluteName(word(0), origin, fail);
      return { ...base, value: target, target };
    }
    case 'MX': {
      need(2, 'a preference and an exchange');
      const preference = parseUint(word(0), 0xffff) ?? fail(`expected an MX preference (0-65535), found "${word(0)}"`);
      const exchange = absoluteName(word(1), origin, fail);
      return { ...base, value: `${preference} ${exchange || '.'}`, preference, exchange };
    }
    case 'TXT':
    case 'SPF': {
      need(1, 'at least one character-string');
      const strings = tokens.map((t) => t.text);
      for (const s of strings) {
        if (Buffer.byteLength(s, 'utf8') > MAX_CHARACTER_STRING) {
          fail(`a character-string of ${type} "${name}" is ${Buffer.byteLength(s, 'utf8')} bytes; the limit is 255 (RFC 1035 §3.3): split it into several quoted strings`);
        }
      }
      return { ...base, value: strings.join(''), strings };
    }
    case 'SOA': {
      need(7, 'mname rname serial refresh retry expire minimum');
      const mname = absoluteName(word(0), origin, fail);
      const rname = absoluteName(word(1), origin, fail);
      const numbers = tokens.slice(2, 7).map((t, i) => (i === 0 ? parseUint(t.text, 0xffffffff) : parseTtl(t.text)));
      if (numbers.some((n) => n === undefined)) fail(`SOA for "${name}" has a malformed number`);
      const [serial] = numbers as number[];
      return { ...base, value: [mname, rname, ...numbers].join(' '), serial: serial! };
    }
    case 'SRV': {
      need(4, 'priority weight port target');
      const numbers = tokens.slice(0, 3).map((t) => parseUint(t.text, 0xffff));
      if (numbers.some((n) => n === undefined)) fail(`SRV for "${name}" has a malformed number`);
      const target = absoluteName(word(3), origin, fail);
      return { ...base, value: `${numbers.join(' ')} ${target}`, target };
    }
    case 'CAA': {
      need(3, 'flags tag value');
      return { ...base, value: `${word(0)} ${word(1)} "${word(2)}"` };
    }
    default:
      return fail(`unsupported type ${type}`);
  }
}

/** Split the file into entries (logical lines, parentheses joined), each a list of tokens. */
function* tokenize(text: string, file: string): Generator<Entry> {
  let line = 1;
  let i = 0;
  let depth = 0;
  let entry: Entry | undefined;
  let parenLine = 0;
  const fail = (at: number, detail: string): never => {
    throw new ZoneFileError(file, at, detail);
  };
  const startEntry = (continuesOwner: boolean): Entry => ({ line, continuesOwner, tokens: [] });

  while (i <= text.length) {
    const atLineStart = i === 0 || text[i - 1] === '\n';
    const c = text[i];
    if (c === undefined || c === '\n') {
      if (c === undefined && depth > 0) fail(parenLine, 'unclosed "(": expected ")" before the end of the file');
      if (depth === 0 && entry) {
        if (entry.tokens.length > 0) yield entry;
        entry = undefined;
      }
      if (c === undefined) break;
      line++;
      i++;
      continue;
    }
    if (atLineStart && depth === 0) entry = startEntry(c === ' ' || c === '\t');
    entry ??= startEntry(false);
    if (/\s/.test(c)) {
      // Any white space separates, as the token reader below stops at any: a form feed or a
      // no-break space pasted into a file must not leave it stuck at one character for ever.
      i++;
    } else if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(') {
      if (depth === 0) parenLine = line;
      depth++;
      i++;
    } else if (c === ')') {
      if (depth === 0) fail(line, 'unexpected ")" with no "(" open');
      depth--;
      i++;
    } else if (c === '"') {
      const start = line;
      const bytes: number[] = [];
      i++;
      for (;;) {
        const d = text[i];
        if (d === undefined) fail(start, 'unterminated quoted string: expected a closing \'"\'');
        if (d === '"') break;
        if (d === '\n') line++;
        i = readChar(text, i, bytes, line, fail);
      }
      i++;
      entry.tokens.push({ text: Buffer.from(bytes).toString('utf8'), quoted: true, line: start });
    } else {
      const bytes: number[] = [];
      while (i < text.length && !/[\s;()"]/.test(text[i]!)) i = readChar(text, i, bytes, line, fail);
      entry.tokens.push({ text: Buffer.from(bytes).toString('utf8'), quoted: false, line });
    }
  }
}

/** Read one (possibly escaped) character at text[i] into bytes; returns the next index. */
function readChar(text: string, i: number, bytes: number[], line: number, fail: (at: number, d: string) => never): number {
  const c = String.fromCodePoint(text.codePointAt(i)!);
  if (c !== '\\') {
    bytes.push(...Buffer.from(c, 'utf8'));
    return i + c.length;
  }
  const digits = text.slice(i + 1, i + 4);
  if (/^\d{3}$/.test(digits)) {
    const value = Number(digits);
    if (value > 255) fail(line, `escape \\${digits} is not a byte (RFC 1035 \\DDD is decimal, 000-255)`);
    bytes.push(value);
    return i + 4;
  }
  const next = text[i + 1];
  if (next === undefined || next === '\n') fail(line, 'a backslash must escape a character');
  if (/\d/.test(next!)) fail(line, `escape \\${text.slice(i + 1, i + 4)}: expected three decimal digits (\\DDD)`);
  bytes.push(...Buffer.from(next!, 'utf8'));
  return i + 2;
}

function absoluteName(text: string, origin: string | undefined, fail: (detail: string) => never): string {
  if (text === '@') return origin ?? fail('"@" used before any $ORIGIN');
  if (text.endsWith('.') && !text.endsWith('\\.')) return normaliseName(text);
  if (origin === undefined) fail(`relative name "${text}" with no $ORIGIN in force`);
  return normaliseName(origin === '' ? text : `${text}.${origin}`);
}

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** A TTL: seconds, or BIND units ("1h30m"). */
export function parseTtl(text: string): number | undefined {
  if (/^\d+$/.test(text)) return parseUint(text, 0x7fffffff);
  const match = /^(?:\d+[smhdw])+$/i.test(text) ? text.toLowerCase().match(/\d+[smhdw]/g) : null;
  if (!match) return undefined;
  return match.reduce((sum, part) => sum + Number(part.slice(0, -1)) * TTL_UNITS[part.slice(-1)]!, 0);
}

function parseUint(text: string, max: number): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value <= max ? value : undefined;
}

/** Canonical IPv6 text, as dns-packet prints it, so zone files and the wire compare equal. */
export function canonicalIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}
