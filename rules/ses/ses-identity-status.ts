import { defineRule } from '../../src/engine/define-rule.js';
import { SES_REFERENCES } from './_shared.js';

/** VerificationInfo.ErrorType values, in words (SESv2 API reference, VerificationError). */
const ERROR_TYPES: Record<string, string> = {
  SERVICE_ERROR: 'SES had an internal error while checking',
  DNS_SERVER_ERROR: "the domain's DNS servers failed to answer SES",
  HOST_NOT_FOUND: 'the record SES looked for does not exist',
  TYPE_NOT_FOUND: 'the name exists but has the wrong record type',
  INVALID_VALUE: 'the record exists with a wrong value',
  REPLICATION_ACCESS_DENIED: 'the replica region may not read the primary identity',
  REPLICATION_PRIMARY_NOT_FOUND: 'the primary identity of this replica does not exist',
  REPLICATION_PRIMARY_BYO_DKIM_NOT_SUPPORTED: 'the primary identity uses BYODKIM, which replicas do not support',
  REPLICATION_REPLICA_AS_PRIMARY_NOT_SUPPORTED: 'the named primary is itself a replica',
  REPLICATION_PRIMARY_INVALID_REGION: 'the primary region is not valid for replication',
};

// What SES itself says about the identity: its verdict on the DNS records, whether it signs at all, and
// the key it signs with. The DNS rules say what is wrong; this rule says what SES currently believes.
export default defineRule({
  id: 'ses-identity-status',
  area: 'ses',
  meta: {
    docs: {
      description: 'SES must know the identity, have verified its DKIM setup, and sign with it',
      references: [SES_REFERENCES.api, SES_REFERENCES.easyDkim, 'RFC 8301 §3.2'],
    },
    messages: {
      identityNotFound: {
        severity: 'error',
        text: 'SES has no identity "{{domain}}" in {{regions}}; SES will not send or sign for it there.',
        fix: 'Create the identity in SES (CreateEmailIdentity), or run with the --region it lives in.',
      },
      dkimFailed: {
        severity: 'error',
        text: 'SES ({{region}}) reports DKIM for "{{domain}}" as FAILED: it stopped looking for the records and does not sign.',
        fix: 'Fix the DNS records (see the other ses-* findings), then restart verification in SES.',
      },
      dkimNotVerified: {
        severity: 'warning',
        text: 'SES ({{region}}) reports DKIM for "{{domain}}" as {{status}}; until it is SUCCESS, mail is not signed with "{{domain}}".',
        fix: 'Publish the records SES asks for; SES keeps looking for 72 hours.',
      },
      signingDisabled: {
        severity: 'error',
        text: 'DKIM signing for "{{domain}}" is disabled in SES ({{region}}) although its DKIM status is {{status}}; mail leaves unsigned for DMARC.',
        fix: 'Enable signing: aws sesv2 put-email-identity-dkim-attributes --email-identity {{domain}} --signing-enabled --region {{region}}',
      },
      verificationError: {
        severity: 'error',
        text: 'SES ({{region}}) last failed to verify "{{domain}}" with {{errorType}}: {{explanation}}.',
        fix: 'Correct the record SES looks for, then wait for SES to check again.',
      },
      signingKey1024: {
        severity: 'warning',
        text: 'SES ({{region}}) signs "{{domain}}" with a 1024-bit key; RFC 8301 recommends 2048 bits.',
        fix: 'aws sesv2 put-email-identity-dkim-signing-attributes --email-identity {{domain}} --signing-attributes-origin AWS_SES --signing-attributes NextSigningKeyLength=RSA_2048_BIT --region {{region}}',
      },
      identityVerified: {
        severity: 'info',
        text: 'SES ({{region}}) has verified DKIM for "{{domain}}" and signs its mail.',
      },
    },
  },
  check(facts, { report }) {
    const ses = facts.ses;
    if (!ses) return;
    if (ses.notFoundInRegions && ses.identities.length === 0) {
      report({
        messageId: 'identityNotFound',
        subject: { name: facts.domain, source: 'ses' },
        data: { domain: facts.domain, regions: ses.notFoundInRegions },
      });
    }
    for (const { identity } of ses.identities) {
      const { dkim } = identity;
      const subject = { name: identity.name, source: `ses:${identity.region}` };
      const data = { domain: identity.name, region: identity.region, status: dkim.status ?? 'unknown' };
      let problem = false;
      if (dkim.status === 'FAILED') {
        report({ messageId: 'dkimFailed', subject, data });
        problem = true;
      } else if (dkim.status !== undefined && dkim.status !== 'SUCCESS') {
        report({ messageId: 'dkimNotVerified', subject, data });
        problem = true;
      }
      if (dkim.signingEnabled === false) {
        report({ messageId: 'signingDisabled', subject, data });
        problem = true;
      }
      if (identity.errorType) {
        const explanation = ERROR_TYPES[identity.errorType] ?? 'SES gave no further detail';
        report({ messageId: 'verificationError', subject, data: { ...data, errorType: identity.errorType, explanation } });
        problem = true;
      }
      if (dkim.method === 'easy' && dkim.currentKeyLength === 'RSA_1024_BIT') {
        report({ messageId: 'signingKey1024', subject, data });
      }
      if (!problem && dkim.status === 'SUCCESS') report({ messageId: 'identityVerified', subject, data });
    }
  },
});
