// Whether a name can be put in a question at all. Names reach the resolver from records anyone
// publishes (SPF include:, DMARC report addresses), and dns-packet encodes whatever it is given: a
// 64-byte label's length octet reads as a label type, a longer one wraps, and an empty label ends the
// name early — the server would be asked something else, or nothing it can decode.

export const MAX_LABEL_OCTETS = 63; // RFC 1035 §2.3.4
export const MAX_NAME_OCTETS = 255; // RFC 1035 §2.3.4: on the wire, length octets and root included

/** Why `name` (normalised, "" the root) cannot be asked, or undefined when it can. */
export function invalidNameReason(name: string): string | undefined {
  if (name === '') return undefined;
  let octets = 1; // the root label's length octet
  for (const label of name.split('.')) {
    const length = Buffer.byteLength(label);
    if (length === 0) return 'it has an empty label';
    if (length > MAX_LABEL_OCTETS) return `a label is ${length} bytes, more than ${MAX_LABEL_OCTETS}`;
    octets += 1 + length;
  }
  if (octets > MAX_NAME_OCTETS) return `it is ${octets} bytes on the wire, more than ${MAX_NAME_OCTETS}`;
  return undefined;
}
