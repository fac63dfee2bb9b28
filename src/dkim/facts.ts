import type { Lookup } from '../dns/types.js';

export interface DkimSelectorFacts {
  selector: string;
  /** TXT at <selector>._domainkey.<domain>, CNAMEs followed (Easy DKIM points into SES's zone). */
  lookup: Lookup;
}
