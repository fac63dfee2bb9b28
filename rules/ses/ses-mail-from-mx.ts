import { defineRule } from '../../src/engine/define-rule.js';
import type { Finding } from '../../src/engine/types.js';
import { feedbackRegionOf } from '../../src/sources/ses-regions.js';
import { definite, describeAbsence, evidence, SES_REFERENCES } from './_shared.js';

// A custom MAIL FROM domain works only with exactly one MX, `10 feedback-smtp.<region>.amazonses.com`
// (SES: "If the MAIL FROM domain has multiple MX records, the custom MAIL FROM setup … will fail").
// What happens while it is wrong depends on BehaviorOnMxFailure: USE_DEFAULT_VALUE silently falls back
// to an amazonses.com MAIL FROM (SPF stops aligning), REJECT_MESSAGE makes sending fail.
export default defineRule({
  id: 'ses-mail-from-mx',
  area: 'ses',
  meta: {
    docs: {
      description: 'A custom MAIL FROM domain needs exactly one MX, 10 feedback-smtp.<region>.amazonses.com, and SES must have found it',
      references: [SES_REFERENCES.mailFrom, SES_REFERENCES.api, 'RFC 7505 §3'],
    },
    messages: {
      notSubdomain: {
        severity: 'error',
        text: 'The MAIL FROM domain "{{mailFrom}}" of "{{domain}}" is not a subdomain of it; SES requires one.',
        fix: 'Use a subdomain such as "mail.{{domain}}" as MAIL FROM.',
      },
      mxMissing: {
        severity: 'error',
        text: 'The MAIL FROM domain "{{mailFrom}}" {{outcome}}; SES ({{region}}) needs its MX there.',
        fix: 'Publish: {{mailFrom}}. MX 10 {{expected}}.',
      },
      nullMx: {
        severity: 'error',
        text: 'The MAIL FROM domain "{{mailFrom}}" publishes a null MX ("0 ."), which refuses all mail, including the bounces SES must receive.',
        fix: 'Replace it with: {{mailFrom}}. MX 10 {{expected}}.',
      },
      mxNotSingle: {
        severity: 'error',
        text: 'The MAIL FROM domain "{{mailFrom}}" has {{count}} MX records ({{exchanges}}); SES requires exactly one.',
        fix: 'Keep only: {{mailFrom}}. MX 10 {{expected}}.',
      },
      mxNotFeedback: {
        severity: 'error',
        text: 'The MX of the MAIL FROM domain "{{mailFrom}}" is "{{actual}}", not "{{expected}}"; a MAIL FROM domain must not receive mail.',
        fix: 'Replace it with: {{mailFrom}}. MX 10 {{expected}}.',
      },
      mxOtherRegion: {
        severity: 'warning',
        text: 'The MX of "{{mailFrom}}" points at SES in {{mxRegion}}, while this identity is in {{region}}; bounces go to {{mxRegion}} and SES forwards them.',
        fix: 'Nothing, if one MAIL FROM domain serves several regions on purpose; otherwise publish: {{mailFrom}}. MX 10 {{expected}}.',
      },
      mxPreference: {
        severity: 'warning',
        text: 'The MX of "{{mailFrom}}" has preference {{preference}}; SES documents {{expectedPreference}}.',
        fix: 'Publish: {{mailFrom}}. MX 10 {{expected}}.',
      },
      fallbackUnaligned: {
        severity: 'warning',
        text: 'While the MX of "{{mailFrom}}" is wrong, SES ({{region}}) sends "{{domain}}" mail with its own amazonses.com MAIL FROM (BehaviorOnMxFailure USE_DEFAULT_VALUE): no bounce reaches you and SPF does not align for DMARC.',
        fix: 'Fix the MX; until then, mail depends on DKIM alone for DMARC.',
      },
      rejectOnMxFailure: {
        severity: 'error',
        text: 'While the MX of "{{mailFrom}}" is wrong, SES ({{region}}) rejects every send from "{{domain}}" (BehaviorOnMxFailure REJECT_MESSAGE).',
        fix: 'Fix the MX, or set BehaviorOnMxFailure to USE_DEFAULT_VALUE until it is fixed.',
      },
      statusFailed: {
        severity: 'error',
        text: 'SES ({{region}}) reports the MAIL FROM domain "{{mailFrom}}" as FAILED: it stopped checking and uses its fallback.',
        fix: 'Fix the MX, then set the MAIL FROM domain again in SES to restart the check.',
      },
      statusNotSuccess: {
        severity: 'warning',
        text: 'SES ({{region}}) reports the MAIL FROM domain "{{mailFrom}}" as {{status}}; until it is SUCCESS, SES uses its fallback.',
        fix: 'Publish: {{mailFrom}}. MX 10 {{expected}}. SES retries for 72 hours.',
      },
      mxOk: { severity: 'info', text: 'The MAIL FROM domain "{{mailFrom}}" has the one MX SES needs: 10 {{expected}}.' },
    },
  },
  check(facts, { report }) {
    for (const { identity, mailFrom } of facts.ses?.identities ?? []) {
      if (!mailFrom || !identity.mailFrom) continue;
      const data = {
        domain: identity.name, region: identity.region, mailFrom: mailFrom.domain,
        expected: mailFrom.expectedExchange, expectedPreference: mailFrom.expectedPreference,
      };
      const subject = { name: mailFrom.domain, type: 'MX', value: `${mailFrom.expectedPreference} ${mailFrom.expectedExchange}`, source: 'ses' };
      const ev = evidence(mailFrom.mx);
      const say = (messageId: string, extra: Finding['data'] = {}): void => report({ messageId, subject, data: { ...data, ...extra }, evidence: ev });

      if (!mailFrom.domain.endsWith(`.${identity.name}`)) say('notSubdomain');
      const status = identity.mailFrom.status;
      if (status === 'FAILED') say('statusFailed', { status });
      else if (status !== undefined && status !== 'SUCCESS') say('statusNotSuccess', { status });

      if (!definite(mailFrom.mx)) continue;
      const records = mailFrom.mx.status === 'answer' ? mailFrom.mx.records : [];
      let wrong = true;
      if (records.length === 0) say('mxMissing', { outcome: describeAbsence(mailFrom.mx) });
      else if (records.some((r) => r.exchange === '')) say('nullMx');
      else if (records.length > 1) {
        say('mxNotSingle', { count: records.length, exchanges: records.map((r) => `${r.preference} ${r.exchange}`).sort() });
      } else {
        const only = records[0]!;
        const region = feedbackRegionOf(only.exchange ?? '');
        wrong = false;
        if (!region) {
          say('mxNotFeedback', { actual: only.exchange ?? '' });
          wrong = true;
        } else if (only.exchange !== mailFrom.expectedExchange) {
          say('mxOtherRegion', { mxRegion: region });
        }
        if (!wrong && only.preference !== mailFrom.expectedPreference) say('mxPreference', { preference: only.preference ?? 0 });
        if (!wrong && only.exchange === mailFrom.expectedExchange && only.preference === mailFrom.expectedPreference) say('mxOk');
      }
      if (wrong) {
        say(identity.mailFrom.behaviorOnMxFailure === 'REJECT_MESSAGE' ? 'rejectOnMxFailure' : 'fallbackUnaligned');
      }
    }
  },
});
