import { isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { checkQueryName } from '../dns/message.js';
import { escapeText } from '../report/escape.js';

/** A domain given by a user, as maildns will query it (IDNs to A-labels), or undefined if it is not one. */
export function toQueryName(input: string): string | undefined {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '' || /[\s/@:]/.test(trimmed)) return undefined;
  const converted = domainToASCII(trimmed);
  if (isNumberLike(trimmed, converted)) return undefined;
  const ascii = converted.toLowerCase() || (/^[\x21-\x7e]+$/.test(trimmed) ? trimmed.toLowerCase() : '');
  // Label and name lengths are the resolver's own rule (RFC 1035 §2.3.4); a user's domain also needs
  // two labels of letters, digits, "-" or "_".
  if (ascii === '' || checkQueryName(ascii) !== undefined) return undefined;
  const labels = ascii.split('.');
  return labels.length >= 2 && labels.every((label) => /^[a-z0-9_-]+$/.test(label)) ? ascii : undefined;
}

/** The usage error's text for an input toQueryName refused, with the reason when it is not obvious. */
export function notADomainName(input: string): string {
  const trimmed = input.trim().replace(/\.$/, '');
  let why = '';
  if (isIPv6(trimmed.replace(/^\[(.*)\]$/, '$1'))) why = ': it is an IP address';
  else if (trimmed !== '' && isNumberLike(trimmed, domainToASCII(trimmed))) {
    why = ': it ends in a number, so it is an IP address or a number (no top-level domain is all-numeric, RFC 3696 §2)';
  }
  // Quoted escaped: the input may hold control characters, a line break or a megabyte of junk.
  return `"${escapeText(input)}" is not a domain name${why}`;
}

/**
 * domainToASCII parses a URL host, and reads a name that ends in a number as an IPv4 address, which
 * it rewrites ("1.10" -> "1.0.0.10", "0x10" -> "0.0.0.16"): such a name would be checked under
 * another name. Asked of the input (full-width digits as digits) and of what domainToASCII makes
 * of it, since its own mapping can make a number ("1\u30021" with an ideographic full stop).
 */
function isNumberLike(trimmed: string, converted: string): boolean {
  return endsInNumber(trimmed.normalize('NFKC')) || endsInNumber(converted);
}

/**
 * A last label of digits, or a "0x" hex number: RFC 3696 §2 says a top-level label is never
 * all-numeric, and the WHATWG URL host parser reads such a name as an IPv4 address.
 */
function endsInNumber(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  return /^[0-9]+$/.test(last) || /^0x[0-9a-f]*$/i.test(last);
}

/** The wire length of "._domainkey." plus the shortest domain ("a.b") and the root label. */
const DKIM_NAME_OVERHEAD = 11 + 4 + 1;
const MAX_NAME_BYTES = 255; // RFC 1035 §2.3.4
const MAX_LABEL_BYTES = 63;

/**
 * Why `selector` cannot be a DKIM selector, or undefined when it can be one. RFC 6376 §3.1 makes a
 * selector a sub-domain: dot-separated labels of 1–63 octets. Letters, digits and "-" are the RFC's;
 * "_" is accepted too, since DNS names carry it and a selector that exists must not be refused. A
 * label may be all digits (Google's "20230601") or start with a digit.
 */
export function dkimSelectorProblem(selector: string): string | undefined {
  if (selector === '') return 'it is empty';
  let wireBytes = 0;
  for (const label of selector.split('.')) {
    if (label === '') return 'it has an empty label (a selector is labels joined by single dots)';
    const bad = /[^A-Za-z0-9_-]/u.exec(label);
    if (bad) return `${JSON.stringify(bad[0])} is not a letter, digit, "-" or "_"`;
    if (label.length > MAX_LABEL_BYTES) return `a label is ${label.length} characters; the limit is ${MAX_LABEL_BYTES} (RFC 1035 §2.3.4)`;
    wireBytes += 1 + label.length;
  }
  if (wireBytes + DKIM_NAME_OVERHEAD > MAX_NAME_BYTES) {
    return `<selector>._domainkey.<domain> would be over ${MAX_NAME_BYTES} bytes on the wire for any domain (RFC 1035 §2.3.4)`;
  }
  return undefined;
}
