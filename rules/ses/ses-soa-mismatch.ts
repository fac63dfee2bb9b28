import { defineRule } from '../../src/engine/define-rule.js';
import { normaliseName } from '../../src/dns/types.js';
import { evidence, SES_REFERENCES } from './_shared.js';

// VerificationInfo.SOARecord is the SOA SES saw when it last checked the domain. If its primary name
// server is not the one DNS names now, SES was looking at another zone: typically the old provider's,
// mid-migration, so records edited in the new zone are not what SES verifies.
export default defineRule({
  id: 'ses-soa-mismatch',
  area: 'ses',
  meta: {
    docs: {
      description: 'The SOA SES last saw for the domain should be the SOA DNS serves now',
      references: [SES_REFERENCES.api, 'RFC 1035 §3.3.13'],
    },
    messages: {
      primaryDiffers: {
        severity: 'warning',
        text: 'SES ({{region}}) last checked "{{domain}}" in a zone whose SOA names "{{sesPrimary}}" (serial {{sesSerial}}); DNS now serves an SOA naming "{{servedPrimary}}" (serial {{servedSerial}}).',
        fix: 'If the domain moved DNS provider, SES will see the new zone at its next check; make sure the SES records exist in the zone that is delegated.',
      },
      serialBehind: {
        severity: 'info',
        text: 'SES ({{region}}) last checked "{{domain}}" at SOA serial {{sesSerial}}; the zone is at {{servedSerial}} now, so SES has not seen the latest changes yet.',
      },
    },
  },
  check(facts, { report }) {
    const ses = facts.ses;
    const served = ses?.soa.status === 'answer' ? ses.soa.records.find((r) => r.type === 'SOA') : undefined;
    if (!ses || !served) return;
    const servedPrimary = normaliseName(served.value.split(' ')[0] ?? '');
    const servedSerial = served.serial ?? Number(served.value.split(' ')[2]);
    for (const { identity } of ses.identities) {
      const soa = identity.soa;
      if (!soa?.primaryNameServer) continue;
      const data = {
        domain: identity.name, region: identity.region, sesPrimary: soa.primaryNameServer, sesSerial: soa.serial ?? null,
        servedPrimary, servedSerial,
      };
      const subject = { name: served.name, type: 'SOA', value: served.value, source: ses.soa.server };
      if (soa.primaryNameServer !== servedPrimary) {
        report({ messageId: 'primaryDiffers', subject, data, evidence: evidence(ses.soa) });
      } else if (soa.serial !== undefined && soa.serial !== servedSerial) {
        report({ messageId: 'serialBehind', subject, data, evidence: evidence(ses.soa) });
      }
    }
  },
});
