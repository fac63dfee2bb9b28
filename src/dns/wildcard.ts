// Wildcard synthesis as an authoritative server does it (RFC 1034 §4.3.3, RFC 4592): one answer for
// the zone-file resolver (`check --zone-file`) and for drift's zone and Route 53 sides, so the two
// cannot come to read the same zone differently.

/** What a zone holds, as the closest-encloser search needs it. */
export interface WildcardZone {
  apex: string;
  /** Every owner name and each of its ancestors within the zone: empty non-terminals exist too. */
  exists(name: string): boolean;
  /** A delegation point (NS below the apex): the child zone answers below it, not this one. */
  isDelegation(name: string): boolean;
}

/**
 * The wildcard that answers for `name`, a name the zone does not hold: `*.` + its closest encloser
 * (the nearest ancestor that exists), if that wildcard exists (RFC 4592 §2.2.1, §3.3.1). None for the
 * apex itself (with no records of its own it is still the top of its zone), a name outside the zone,
 * or when the encloser is a delegation.
 */
export function wildcardFor(zone: WildcardZone, name: string): string | undefined {
  if (name === zone.apex || !isAtOrBelow(name, zone.apex)) return undefined;
  let encloser = parentName(name);
  while (encloser !== undefined && encloser !== zone.apex && !zone.exists(encloser)) encloser = parentName(encloser);
  if (encloser === undefined) return undefined;
  if (encloser !== zone.apex && zone.isDelegation(encloser)) return undefined;
  const wildcard = encloser === '' ? '*' : `*.${encloser}`;
  return zone.exists(wildcard) ? wildcard : undefined;
}

/**
 * Marks `name` and each of its ancestors up to `apex` as existing: a name with records makes every name
 * between it and its zone's apex exist too, as empty non-terminals (RFC 4592 §2.2.2).
 */
export function addWithAncestors(existing: Set<string>, name: string, apex: string | undefined): void {
  for (let n: string | undefined = name; n !== undefined; n = parentName(n)) {
    existing.add(n);
    if (n === apex) break;
  }
}

export function isAtOrBelow(name: string, apex: string): boolean {
  return apex === '' || name === apex || name.endsWith(`.${apex}`);
}

/** The name one label up; the root's parent is undefined. */
export function parentName(name: string): string | undefined {
  if (name === '') return undefined;
  const dot = name.indexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1);
}
