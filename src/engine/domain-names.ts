import { isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { checkQueryName } from '../dns/message.js';

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
  return `"${input}" is not a domain name${why}`;
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
