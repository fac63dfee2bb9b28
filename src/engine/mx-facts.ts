import type { DnsRecord, Lookup } from '../dns/types.js';

export interface MxHostFacts {
  exchange: string;
  preference: number;
  /** A lookup of the exchange, CNAMEs followed: `a.cnames` non-empty means the MX points at an alias. */
  a: Lookup;
  aaaa: Lookup;
}

export interface MxFacts {
  lookup: Lookup;
  /** One entry per distinct exchange (the null MX "." has none). */
  hosts: MxHostFacts[];
}

/** RFC 7505 null MX: exchange "." (normalised to ""). Its preference is checked separately. */
export function isNullMx(record: DnsRecord): boolean {
  return record.type === 'MX' && (record.exchange ?? '') === '';
}

/** An exchange written as an address: "192.0.2.1", "[192.0.2.1]", "2001:db8::1". */
export function isIpLiteral(exchange: string): boolean {
  return /^\[.*\]$/.test(exchange) || /^\d{1,3}(\.\d{1,3}){3}$/.test(exchange) || exchange.includes(':');
}

// SES receiving endpoint (project reference §5): the host ends in amazonaws.com, not amazonses.com.
const SES_INBOUND = /^inbound-smtp\.([a-z0-9-]+)\.amazonaws\.com$/;
// SES custom MAIL FROM: "10 feedback-smtp.<region>.amazonses.com" (project reference §3).
const SES_FEEDBACK = /^feedback-smtp\.([a-z0-9-]+)\.amazonses\.com$/;

/** The SES region of an SES receiving MX host, or undefined. */
export function sesInboundRegion(exchange: string): string | undefined {
  return SES_INBOUND.exec(exchange)?.[1];
}

/** The SES region of an SES MAIL FROM feedback host, or undefined. */
export function sesFeedbackRegion(exchange: string): string | undefined {
  return SES_FEEDBACK.exec(exchange)?.[1];
}

/** AWS-managed hosts whose DNS shape is not ours to judge (they are checked to resolve, nothing more). */
export function isSesManagedHost(exchange: string): boolean {
  return sesInboundRegion(exchange) !== undefined || sesFeedbackRegion(exchange) !== undefined;
}
