// Helpers shared by the SES rules (files starting with "_" are not rules).

import { isIndeterminate, type Lookup } from '../../src/dns/types.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import type { Evidence } from '../../src/engine/types.js';

export function evidence(...lookups: Lookup[]): Evidence[] {
  return lookups.map(evidenceOf);
}

/** "does not exist" / "has no TXT record" — what a definite negative answer said. */
export function describeAbsence(lookup: Lookup): string {
  return lookup.status === 'nxdomain' ? 'does not exist (NXDOMAIN)' : `has no ${lookup.type} record`;
}

export function definite(lookup: Lookup): boolean {
  return !isIndeterminate(lookup.status);
}

export const SES_REFERENCES = {
  easyDkim: 'Amazon SES Developer Guide: Easy DKIM (send-email-authentication-dkim-easy)',
  byodkim: 'Amazon SES Developer Guide: Bring your own DKIM (send-email-authentication-dkim-bring-your-own)',
  mailFrom: 'Amazon SES Developer Guide: Using a custom MAIL FROM domain (mail-from)',
  api: 'SESv2 API: GetEmailIdentity (DkimAttributes, MailFromAttributes, VerificationInfo)',
  dmarc: 'Amazon SES Developer Guide: Complying with DMARC (send-email-authentication-dmarc)',
} as const;
