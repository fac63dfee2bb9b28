import type { Lookup } from '../dns/types.js';
import type { DkimKeyRecordResult } from './parse-key-record.js';

export interface DkimRecordFacts {
  /** The TXT record's character-strings joined (RFC 6376 §3.6.2.2). */
  value: string;
  parsed: DkimKeyRecordResult;
}

export interface DkimSelectorFacts {
  selector: string;
  /** <selector>._domainkey.<domain> */
  name: string;
  /**
   * TXT at `name`, CNAMEs followed: `lookup.cnames` keeps the chain (Easy DKIM points into SES's zone,
   * `<token>.dkim.amazonses.com`), `lookup.records` are the TXT at its end.
   */
  lookup: Lookup;
  /**
   * CNAME at `name`, asked only when the TXT lookup answered without one: a CNAME answer then means
   * the zone holds a CNAME and TXT at the same name (RFC 1034 §3.6.2 forbids it), which a server
   * that answered the TXT directly has let through.
   */
  cname?: Lookup;
  /** Every TXT record at the end of the chain, parsed; empty unless `lookup.status` is `answer`. */
  records: DkimRecordFacts[];
}
