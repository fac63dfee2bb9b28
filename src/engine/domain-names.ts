import { domainToASCII } from 'node:url';

export const MAX_NAME_LENGTH = 253; // RFC 1035 §2.3.4: 255 octets on the wire, 253 in text
export const MAX_LABEL_LENGTH = 63; // RFC 1035 §2.3.4

/** A domain given by a user, as maildns will query it (IDNs to A-labels), or undefined if it is not one. */
export function toQueryName(input: string): string | undefined {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '' || /[\s/@:]/.test(trimmed)) return undefined;
  const ascii = domainToASCII(trimmed).toLowerCase() || (/^[\x21-\x7e]+$/.test(trimmed) ? trimmed.toLowerCase() : '');
  if (ascii === '' || ascii.length > MAX_NAME_LENGTH) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2) return undefined;
  for (const label of labels) {
    if (label.length === 0 || label.length > MAX_LABEL_LENGTH || !/^[a-z0-9_-]+$/.test(label)) return undefined;
  }
  return ascii;
}
