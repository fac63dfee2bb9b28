import type { Lookup } from '../dns/types.js';

export interface DmarcFacts {
  /** TXT at _dmarc.<domain>. */
  lookup: Lookup;
}
