import { defineRule } from '../../src/engine/define-rule.js';
import { definite, describeAbsence, evidence, SES_REFERENCES } from './_shared.js';

// Easy DKIM: SES signs with selector <token> and publishes the key at <token>.<SigningHostedZone>;
// the domain's part is one CNAME per token. Each failure mode has its own message because each has
// its own fix.
export default defineRule({
  id: 'ses-dkim-cname',
  area: 'ses',
  meta: {
    docs: {
      description: "Each Easy DKIM token needs a CNAME to SES's DKIM zone, with nothing else at the name, and the target must serve a key",
      references: [SES_REFERENCES.easyDkim, SES_REFERENCES.api, 'RFC 1034 §3.6.2', 'RFC 6376 §3.6.2'],
    },
    messages: {
      cnameMissing: {
        severity: 'error',
        text: 'SES ({{region}}) signs "{{domain}}" with selector "{{token}}", but "{{name}}" {{outcome}}; receivers find no key and DKIM fails.',
        fix: 'Publish: {{name}}. CNAME {{expected}}.',
      },
      cnameMispointed: {
        severity: 'error',
        text: '"{{name}}" is a CNAME to "{{actual}}"; SES ({{region}}) expects "{{expected}}".',
        fix: 'Change the record to: {{name}}. CNAME {{expected}}.',
      },
      notCname: {
        severity: 'error',
        text: '"{{name}}" holds TXT data instead of a CNAME to "{{expected}}"; SES ({{region}}) signs with a key only its own zone serves.',
        fix: 'Delete the TXT at "{{name}}" and publish: {{name}}. CNAME {{expected}}.',
      },
      targetWithoutKey: {
        severity: 'error',
        text: '"{{name}}" points at "{{expected}}", which {{outcome}}; signatures with selector "{{token}}" cannot be verified.',
        fix: 'Check that "{{token}}" is one of the current tokens of "{{domain}}" in the SES console for {{region}}; if the tokens were regenerated, publish the new CNAMEs.',
      },
      cnameOk: {
        severity: 'info',
        text: '"{{name}}" points at "{{expected}}", which serves a {{bits}}-bit key.',
      },
    },
  },
  check(facts, { report }) {
    for (const { identity, dkimCnames } of facts.ses?.identities ?? []) {
      for (const c of dkimCnames) {
        const { lookup } = c;
        const base = { domain: identity.name, region: identity.region, token: c.token, name: c.name, expected: c.expectedTarget };
        const subject = { name: c.name, type: 'CNAME', value: c.expectedTarget, source: 'ses' };
        const first = lookup.cnames[0];
        if (!first) {
          if (lookup.status === 'answer') {
            report({ messageId: 'notCname', subject, data: base, evidence: evidence(lookup) });
          } else if (definite(lookup)) {
            report({ messageId: 'cnameMissing', subject, data: { ...base, outcome: describeAbsence(lookup) }, evidence: evidence(lookup) });
          }
          continue; // indeterminate: dns-lookup-indeterminate says so
        }
        const actual = first.target ?? first.value;
        if (actual !== c.expectedTarget) {
          report({ messageId: 'cnameMispointed', subject, data: { ...base, actual }, evidence: evidence(lookup) });
          continue;
        }
        if (!definite(lookup)) continue;
        const usable = c.keys.find((k) => k.problems.length === 0 && !k.revoked && k.key);
        if (usable?.key) {
          report({ messageId: 'cnameOk', subject, data: { ...base, bits: usable.key.bits }, evidence: evidence(lookup) });
        } else {
          const outcome = lookup.status === 'answer' ? 'serves no usable DKIM key' : describeAbsence({ ...lookup, name: actual });
          report({ messageId: 'targetWithoutKey', subject, data: { ...base, outcome }, evidence: evidence(lookup) });
        }
      }
    }
  },
});
