import type { Lookup } from '../dns/types.js';

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
