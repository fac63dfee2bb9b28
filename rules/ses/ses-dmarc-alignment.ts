import { defineRule } from '../../src/engine/define-rule.js';
import { feedbackRegionOf } from '../../src/sources/ses-regions.js';
import type { SesIdentityFacts } from '../../src/sources/ses-facts.js';
import { definite, SES_REFERENCES } from './_shared.js';

interface Verdict {
  aligned: boolean;
  reason: string;
}

// A forecast, stated plainly: for mail SES sends with From "<domain>", which of DMARC's two paths will
// align. DKIM aligns through Easy DKIM/BYODKIM (d=<domain>); SPF only through a working custom MAIL FROM
// under the domain with relaxed aspf. SES's own d=amazonses.com signature never aligns.
export default defineRule({
  id: 'ses-dmarc-alignment',
  area: 'ses',
  meta: {
    docs: {
      description: 'Forecast, per SES identity, whether its mail will pass DMARC alignment through DKIM, SPF, both or neither',
      references: [SES_REFERENCES.dmarc, SES_REFERENCES.mailFrom, 'RFC 7489 §3.1', 'RFC 7489 §4.2'],
    },
    messages: {
      alignsBoth: {
        severity: 'info',
        text: 'Mail SES ({{region}}) sends as "{{domain}}" aligns through DKIM ({{dkim}}) and SPF ({{spf}}).',
      },
      alignsDkimOnly: {
        severity: 'info',
        text: 'Mail SES ({{region}}) sends as "{{domain}}" aligns through DKIM only ({{dkim}}); SPF does not align ({{spf}}). DMARC passes, but a message whose signature breaks in transit will fail it.',
      },
      alignsSpfOnly: {
        severity: 'warning',
        text: 'Mail SES ({{region}}) sends as "{{domain}}" aligns through SPF only ({{spf}}); DKIM does not ({{dkim}}), so forwarded mail fails DMARC.',
        fix: 'Get Easy DKIM to SUCCESS with signing enabled for "{{domain}}" (see ses-dkim-cname and ses-identity-status).',
      },
      alignsNothing: {
        severity: 'warning',
        text: 'Mail SES ({{region}}) sends as "{{domain}}" aligns through neither DKIM ({{dkim}}) nor SPF ({{spf}}): it fails DMARC, and Gmail shows it as sent "via amazonses.com".',
        fix: 'Make Easy DKIM work for "{{domain}}" first; a custom MAIL FROM domain adds SPF alignment.',
      },
    },
  },
  check(facts, { report }) {
    const aspf = facts.dmarc.policy?.parsed.record?.aspf ?? 'r';
    for (const identityFacts of facts.ses?.identities ?? []) {
      const { identity } = identityFacts;
      const dkim = dkimVerdict(identityFacts);
      const spf = spfVerdict(identityFacts, aspf);
      if (!spf) continue; // a lookup it needs failed: no forecast rather than a wrong one
      const messageId = dkim.aligned ? (spf.aligned ? 'alignsBoth' : 'alignsDkimOnly') : spf.aligned ? 'alignsSpfOnly' : 'alignsNothing';
      report({
        messageId,
        subject: { name: identity.name, source: `ses:${identity.region}` },
        data: {
          domain: identity.name, region: identity.region,
          dkimAligned: dkim.aligned, spfAligned: spf.aligned, dkim: dkim.reason, spf: spf.reason, aspf,
        },
      });
    }
  },
});

function dkimVerdict({ identity }: SesIdentityFacts): Verdict {
  const { dkim } = identity;
  if (dkim.signingEnabled === false) return { aligned: false, reason: 'signing is disabled' };
  if (dkim.status !== 'SUCCESS') return { aligned: false, reason: `DKIM status is ${dkim.status ?? 'unknown'}, so SES does not sign with d=${identity.name}` };
  return { aligned: true, reason: `d=${identity.name}` };
}

function spfVerdict({ identity, mailFrom }: SesIdentityFacts, aspf: 'r' | 's'): Verdict | undefined {
  if (!identity.mailFrom || !mailFrom) return { aligned: false, reason: 'no custom MAIL FROM, so the envelope sender is under amazonses.com' };
  if (!definite(mailFrom.mx) || !definite(mailFrom.txt)) return undefined;
  const mx = mailFrom.mx.status === 'answer' ? mailFrom.mx.records : [];
  const mxWorks = mx.length === 1 && feedbackRegionOf(mx[0]!.exchange ?? '') !== undefined;
  if (identity.mailFrom.status !== 'SUCCESS' || !mxWorks) {
    return { aligned: false, reason: `MAIL FROM "${mailFrom.domain}" is not working, so SES falls back to amazonses.com` };
  }
  // The same decision as ses-mail-from-spf: check_host() for SES's addresses over the gathered tree.
  const ses = mailFrom.spf.kind === 'one' ? mailFrom.sesSpf : undefined;
  if (ses?.kind === 'indeterminate') return undefined;
  if (ses?.kind === 'permerror') return { aligned: false, reason: `the SPF record of "${mailFrom.domain}" is a permerror for SES's addresses (${ses.problem})` };
  if (ses?.kind !== 'pass') return { aligned: false, reason: `the SPF record of "${mailFrom.domain}" does not authorise SES` };
  if (aspf === 's') {
    return { aligned: false, reason: `aspf=s requires the MAIL FROM to equal "${identity.name}", and "${mailFrom.domain}" is a subdomain` };
  }
  return { aligned: true, reason: `MAIL FROM "${mailFrom.domain}"` };
}
