import type { Lookup } from '../dns/types.js';
import type { Evidence } from './types.js';

/** The evidence a finding carries for one lookup: who answered what, and with which TTL. */
export function evidenceOf(lookup: Lookup): Evidence {
  const evidence: Evidence = { name: lookup.name, type: lookup.type, status: lookup.status, server: lookup.server };
  if (lookup.rcode !== undefined) evidence.rcode = lookup.rcode;
  if (lookup.aa !== undefined) evidence.aa = lookup.aa;
  if (lookup.tcp) evidence.tcp = true;
  const ttl = lookup.records[0]?.ttl ?? lookup.negativeTtl;
  if (ttl !== undefined) evidence.ttl = ttl;
  if (lookup.reason) evidence.reason = lookup.reason;
  return evidence;
}
