// Turn the records dns-packet decoded into maildns's DnsRecord: names normalised, a stable
// presentation `value`, TXT and SPF kept as their character-strings and joined.
//
// dns-packet trusts the wire more than we do: it decodes type 99 (SPF) as raw bytes, and a hostile
// server can hand over data of any shape. Everything here is checked; a record that does not have
// the shape its type promises raises MalformedRecordError, which the resolver reports as `malformed`.

import { normaliseName, type DnsRecord, type RRType } from './types.js';

export class MalformedRecordError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'MalformedRecordError';
  }
}

const KNOWN_TYPES: ReadonlySet<string> = new Set<RRType>([
  'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SPF', 'NS', 'SOA', 'PTR', 'CAA', 'SRV',
]);

export function isRRType(type: unknown): type is RRType {
  return typeof type === 'string' && KNOWN_TYPES.has(type);
}

// Not fatal: invalid bytes become U+FFFD and the record survives. ignoreBOM keeps a leading EF BB BF
// as U+FEFF: it is the record's data, not a byte-order mark to strip.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** A character-string's bytes as text (RFC 1035 gives them no encoding; UTF-8 is what TXT users write). */
export function decodeText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * Decode one answer/authority entry. Returns undefined for types maildns does not model (RRSIG, OPT, …),
 * throws MalformedRecordError for a known type whose data has the wrong shape.
 */
export function decodeRecord(entry: unknown): DnsRecord | undefined {
  if (!isObject(entry)) throw new MalformedRecordError('record is not an object');
  const { type, name, ttl, data } = entry;
  if (!isRRType(type)) return undefined;
  if (typeof name !== 'string') throw new MalformedRecordError(`${type} record without an owner name`);
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0) {
    throw new MalformedRecordError(`${type} record for "${name}" has no valid TTL`);
  }
  // RFC 2181 §8: a TTL with the most significant bit set is to be treated as zero.
  const base = { name: normaliseName(name), type, ttl: ttl > 0x7fffffff ? 0 : ttl };
  const where = `${type} record for "${base.name}"`;
  switch (type) {
    case 'A':
    case 'AAAA': {
      const address = expectString(data, where);
      return { ...base, value: type === 'AAAA' ? address.toLowerCase() : address };
    }
    case 'CNAME':
    case 'NS':
    case 'PTR': {
      const target = normaliseName(expectString(data, where));
      return { ...base, value: target, target };
    }
    case 'MX': {
      if (!isObject(data)) throw new MalformedRecordError(`${where} has no MX data`);
      const preference = expectUint16(data.preference, where);
      const exchange = normaliseName(expectString(data.exchange, where)); // the null MX "." becomes ""
      return { ...base, value: `${preference} ${exchange || '.'}`, preference, exchange };
    }
    case 'TXT': {
      const chunks: unknown[] = Array.isArray(data) ? data : [data];
      const strings = chunks.map((chunk) => {
        if (Buffer.isBuffer(chunk)) return decodeText(chunk);
        if (typeof chunk === 'string') return chunk;
        throw new MalformedRecordError(`${where} has a character-string that is not bytes`);
      });
      return { ...base, value: strings.join(''), strings }; // RFC 7208 §3.3: joined without spaces
    }
    case 'SPF': {
      if (!Buffer.isBuffer(data)) throw new MalformedRecordError(`${where} has no raw data`);
      const strings = decodeCharacterStrings(data, where);
      return { ...base, value: strings.join(''), strings };
    }
    case 'SOA': {
      if (!isObject(data)) throw new MalformedRecordError(`${where} has no SOA data`);
      const mname = normaliseName(expectString(data.mname, where));
      const rname = normaliseName(expectString(data.rname, where));
      const numbers = [data.serial, data.refresh, data.retry, data.expire, data.minimum].map((n) => expectUint32(n, where));
      return { ...base, value: [mname, rname, ...numbers].join(' '), serial: numbers[0]! };
    }
    case 'SRV': {
      if (!isObject(data)) throw new MalformedRecordError(`${where} has no SRV data`);
      const numbers = [data.priority, data.weight, data.port].map((n) => expectUint16(n, where));
      const target = normaliseName(expectString(data.target, where));
      return { ...base, value: `${numbers.join(' ')} ${target}`, target };
    }
    case 'CAA': {
      if (!isObject(data)) throw new MalformedRecordError(`${where} has no CAA data`);
      const flags = expectUint16(data.flags, where);
      return { ...base, value: `${flags} ${expectString(data.tag, where)} "${expectString(data.value, where)}"` };
    }
  }
}

/** SOA minimum of an SOA record decoded by decodeRecord (its last field). */
export function soaMinimum(soa: DnsRecord): number | undefined {
  const minimum = Number(soa.value.split(' ').at(-1));
  return Number.isInteger(minimum) ? minimum : undefined;
}

/**
 * RFC 1035 §3.3.14 TXT-DATA: one or more <character-string>s, each a length octet and that many
 * octets (§3.3). Used for type 99, which dns-packet leaves raw. Every length is checked against
 * what is left, so a lying length byte is an error, not a read past the end.
 */
export function decodeCharacterStrings(rdata: Buffer, where = 'record'): string[] {
  if (rdata.length === 0) throw new MalformedRecordError(`${where} has no character-string`);
  const strings: string[] = [];
  let offset = 0;
  while (offset < rdata.length) {
    const length = rdata[offset]!;
    const end = offset + 1 + length;
    if (end > rdata.length) {
      throw new MalformedRecordError(
        `${where}: character-string at byte ${offset} claims ${length} bytes, only ${rdata.length - offset - 1} left`,
      );
    }
    strings.push(decodeText(rdata.subarray(offset + 1, end)));
    offset = end;
  }
  return strings;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Buffer.isBuffer(value);
}

function expectString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new MalformedRecordError(`${where} is missing a text field`);
  return value;
}

function expectUint16(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new MalformedRecordError(`${where} has a bad 16-bit field`);
  }
  return value;
}

function expectUint32(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new MalformedRecordError(`${where} has a bad 32-bit field`);
  }
  return value;
}
