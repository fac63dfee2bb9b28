// Facts: everything the sources learned about one domain, gathered before any rule runs.
// Rules read facts and nothing else, so they stay pure and table-testable.

import type { Lookup } from '../dns/types.js';
import type { SpfFacts } from '../spf/facts.js';
import type { DmarcFacts } from '../dmarc/facts.js';
import type { DkimSelectorFacts } from '../dkim/facts.js';
import type { MxFacts } from './mx-facts.js';
import type { AuthoritativeFacts } from './authoritative.js';
import type { SesFacts } from '../sources/ses-facts.js';

export interface DomainFacts {
  domain: string;
  /** Every lookup made while gathering, in order; reports list their records. */
  lookups: Lookup[];
  /** Apex TXT: SPF candidates (and Sender ID records). */
  txt: Lookup;
  /** Apex RR type 99 (SPF), deprecated by RFC 7208 §3.1. */
  spfType99: Lookup;
  /** The SPF evaluation tree, walked statically (absent when the apex has no single v=spf1 record). */
  spf?: SpfFacts;
  mx: MxFacts;
  dmarc: DmarcFacts;
  dkim: DkimSelectorFacts[];
  /** SES identities of the domain and the DNS answers they depend on (check --ses only). */
  ses?: SesFacts;
  /** What each authoritative server answered for the mail names (check --authoritative only). */
  authoritative?: AuthoritativeFacts;
}
