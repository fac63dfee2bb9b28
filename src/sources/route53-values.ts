// Route 53's presentation forms, decoded into maildns's record model.
//
// Route 53 writes every character outside a-z 0-9 - _ in names, and 0x00-0x20 / 0x7F-0xFF in TXT
// strings, as a backslash and three OCTAL digits (DomainNameFormat.md, ResourceRecordTypes.md):
// "\052.example.com." is "*.example.com", "caf\351" is "café". RFC 1035 master files use DECIMAL
// \DDD, so the zone-file parser's decoder must not be reused here.

import { normaliseName, type DnsRecord, type RRType } from '../dns/types.js';
import { escapeText } from '../report/escape.js';

/** A Route 53 value maildns cannot read; the message quotes it escaped and shortened. */
export class Route53ValueError extends Error {
  override readonly name = 'Route53ValueError';
}

/** Names: octal escapes decoded, then normalised (lower-case, no trailing dot). */
export function decodeRoute53Name(name: string): string {
  return normaliseName(bytesToText(unescapeOctal(name)));
}

/**
 * A TXT/SPF Value -> its character-strings: one or more double-quoted strings, with or without space
 * between them ("a""b" occurs), \" and \\ escapes, \ooo octal escapes; a bare word is one string.
 */
export function parseRoute53Txt(value: string): string[] {
  const strings: string[] = [];
  let i = 0;
  while (i < value.length) {
    const c = value[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const quoted = c === '"';
    if (quoted) i++;
    const bytes: number[] = [];
    let closed = !quoted;
    while (i < value.length) {
      const ch = value[i]!;
      if (quoted && ch === '"') {
        closed = true;
        i++;
        break;
      }
      if (!quoted && (ch === ' ' || ch === '\t')) break;
      if (ch === '\\') {
        const octal = /^[0-7]{3}/.exec(value.slice(i + 1, i + 4));
        if (octal) {
          bytes.push(parseInt(octal[0], 8));
          i += 4;
        } else {
          const next = value[i + 1];
          if (next === undefined) throw new Route53ValueError(`Route 53 TXT value ends in a lone backslash: "${escapeText(value, 200)}"`);
          bytes.push(...Buffer.from(next, 'utf8'));
          i += 2;
        }
        continue;
      }
      const code = value.codePointAt(i)!;
      const char = String.fromCodePoint(code);
      bytes.push(...Buffer.from(char, 'utf8'));
      i += char.length;
    }
    if (!closed) throw new Route53ValueError(`Route 53 TXT value has an unterminated quoted string: "${escapeText(value, 200)}"`);
    strings.push(bytesToText(bytes));
  }
  return strings;
}

/** One ResourceRecord Value of a record set -> DnsRecord (normalised like every other source). */
export function parseRoute53Value(name: string, type: RRType, ttl: number, value: string): DnsRecord {
  const record: DnsRecord = { name, type, ttl, value: value.trim() };
  switch (type) {
    case 'TXT':
    case 'SPF': {
      const strings = parseRoute53Txt(value);
      record.strings = strings;
      record.value = strings.join(''); // RFC 7208 §3.3, RFC 6376 §3.6.2.2
      break;
    }
    case 'MX': {
      const [preference, exchange = ''] = value.trim().split(/\s+/);
      record.preference = Number(preference);
      record.exchange = exchange === '.' ? '' : decodeRoute53Name(exchange);
      record.value = `${record.preference} ${record.exchange}`;
      break;
    }
    case 'CNAME':
    case 'NS':
    case 'PTR':
      record.target = decodeRoute53Name(value.trim());
      record.value = record.target;
      break;
    case 'SOA': {
      const [mname = '', rname = '', ...numbers] = value.trim().split(/\s+/);
      record.serial = Number(numbers[0]);
      record.value = [normaliseName(mname), normaliseName(rname), ...numbers].join(' ');
      break;
    }
    default:
      break;
  }
  return record;
}

function unescapeOctal(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; ) {
    const octal = text[i] === '\\' ? /^[0-7]{3}/.exec(text.slice(i + 1, i + 4)) : null;
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 4;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i)!);
    bytes.push(...Buffer.from(char, 'utf8'));
    i += char.length;
  }
  return bytes;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Octal escapes give bytes. The Route 53 guide shows "ä" as \344 (Latin-1), while UTF-8 input comes
 * back as several escapes; decode as UTF-8 when the bytes are valid UTF-8, else as Latin-1, so both
 * spellings give the same text.
 */
function bytesToText(bytes: number[]): string {
  const buffer = Buffer.from(bytes);
  try {
    // ignoreBOM: a leading EF BB BF is the record's data (U+FEFF), not a mark to strip.
    return strictUtf8.decode(buffer);
  } catch {
    return buffer.toString('latin1');
  }
}
