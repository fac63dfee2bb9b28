// Domain-name checks SPF needs before it may query a name (RFC 7208 §4.3, §7.3).

export const MAX_DOMAIN_LENGTH = 253; // RFC 7208 §7.3 (RFC 1035 §2.3.4 minus the root)
export const MAX_LABEL_LENGTH = 63; // RFC 1035 §2.3.4

/** Strip one trailing dot: "example.com." and "example.com" are the same name (RFC 7208 §7.3). */
export function stripTrailingDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/**
 * RFC 7208 §4.3: a <domain> that is malformed (label over 63 octets, an empty label) or not a
 * multi-label name cannot be checked. An address literal such as "[192.0.2.1]" is not a domain.
 */
export function isCheckableDomain(name: string): boolean {
  const bare = stripTrailingDot(name);
  if (bare.startsWith('[') || Buffer.byteLength(bare) > MAX_DOMAIN_LENGTH) return false;
  const labels = bare.split('.');
  if (labels.length < 2) return false;
  return labels.every((label) => label.length > 0 && Buffer.byteLength(label) <= MAX_LABEL_LENGTH);
}

/** RFC 7208 §7.3: an expanded name over 253 octets loses labels from the left until it fits. */
export function truncateDomain(name: string): string {
  let out = stripTrailingDot(name);
  while (Buffer.byteLength(out) > MAX_DOMAIN_LENGTH && out.includes('.')) out = out.slice(out.indexOf('.') + 1);
  return out;
}

/** True when `name` is `parent` or a name under it (case-insensitive). */
export function isAtOrBelow(name: string, parent: string): boolean {
  const n = stripTrailingDot(name).toLowerCase();
  const p = stripTrailingDot(parent).toLowerCase();
  return n === p || n.endsWith(`.${p}`);
}
