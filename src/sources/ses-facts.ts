// SES facts: one domain's SES identities (one per region) next to the DNS answers for what each
// expects. Filled by gather-ses.ts; read by rules/ses/*.

import type { Lookup } from '../dns/types.js';
import type { DkimKeyRecordResult } from '../dkim/parse-key-record.js';
import type { SpfSelection } from '../spf/select.js';
import type { SpfFacts } from '../spf/facts.js';
import type { SesSpfVerdict } from './ses-spf.js';
import type { SesIdentity } from './ses.js';

export interface SesDkimCnameFacts {
  token: string;
  /** <token>._domainkey.<domain> */
  name: string;
  /** <token>.<SigningHostedZone> */
  expectedTarget: string;
  /** TXT at `name`, CNAMEs followed: cnames[0] is what the name points at, records the key at the end. */
  lookup: Lookup;
  /** The TXT records at the end of the chain, parsed as DKIM keys. */
  keys: DkimKeyRecordResult[];
}

export interface SesByodkimKeyFacts {
  selector: string;
  name: string;
  lookup: Lookup;
  keys: DkimKeyRecordResult[];
}

export interface SesMailFromFacts {
  domain: string;
  /** feedback-smtp.<region>.amazonses.com for the identity's region. */
  expectedExchange: string;
  expectedPreference: number;
  mx: Lookup;
  txt: Lookup;
  spf: SpfSelection;
  /** The SPF tree of `domain` (as the apex's is gathered); absent unless `spf` is one record and `txt` definite. */
  spfTree?: SpfFacts;
  /** Whether that policy lets SES's addresses pass, evaluated over the tree's answers; absent with spfTree. */
  sesSpf?: SesSpfVerdict;
}

export interface SesIdentityFacts {
  identity: SesIdentity;
  /** Easy DKIM (and DEED replicas): one per token; empty when SES's DKIM zone is unknown. */
  dkimCnames: SesDkimCnameFacts[];
  /** BYODKIM: the selector(s) SES returned. */
  byodkimKeys: SesByodkimKeyFacts[];
  mailFrom?: SesMailFromFacts;
}

export interface SesFacts {
  /** Sorted by region. Empty when SES has no identity for the domain. */
  identities: SesIdentityFacts[];
  /** Set when the domain was asked for by name and SES has it in none of these regions. */
  notFoundInRegions?: string[];
  /** SOA served now for the domain's zone (walking up from the domain to the first SOA answer). */
  soa: Lookup;
}
