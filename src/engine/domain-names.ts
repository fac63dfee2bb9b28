import { domainToASCII } from 'node:url';
import { checkQueryName } from '../dns/message.js';

/** A domain given by a user, as maildns will query it (IDNs to A-labels), or undefined if it is not one. */
export function toQueryName(input: string): string | undefined {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '' || /[\s/@:]/.test(trimmed)) return undefined;
  const ascii = domainToASCII(trimmed).toLowerCase() || (/^[\x21-\x7e]+$/.test(trimmed) ? trimmed.toLowerCase() : '');
  // Label and name lengths are the resolver's own rule (RFC 1035 §2.3.4); a user's domain also needs
  // two labels of letters, digits, "-" or "_".
  if (ascii === '' || checkQueryName(ascii) !== undefined) return undefined;
  const labels = ascii.split('.');
  return labels.length >= 2 && labels.every((label) => /^[a-z0-9_-]+$/.test(label)) ? ascii : undefined;
}
