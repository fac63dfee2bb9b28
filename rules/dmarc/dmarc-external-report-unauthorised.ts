import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { isIndeterminate } from '../../src/dns/types.js';
import { isWithin } from '../../src/dmarc/tree-walk.js';

export default defineRule({
  id: 'dmarc-external-report-unauthorised',
  area: 'dmarc',
  meta: {
    docs: {
      description: 'A report destination outside the organisational domain must authorise the domain',
      references: ['RFC 7489 §7.1', 'RFC 9990 §4'],
    },
    messages: {
      notAuthorised: {
        severity: 'warning',
        text: '{{tags}} destination "{{host}}" is outside "{{policyDomain}}" and "{{name}}" has no v=DMARC1 record, so receivers send it no reports.',
        fix: 'Ask the operator of "{{host}}" to publish {{name}}. TXT "v=DMARC1;" (report vendors do this when you register the domain).',
      },
      parentNotAuthorised: {
        severity: 'notice',
        text: '{{tags}} destination "{{host}}" is a parent of "{{policyDomain}}" without a DMARC record of its own, so for RFC 9989 receivers it is outside the organisational domain, and "{{name}}" has no v=DMARC1 record: they send it no reports. RFC 7489 receivers (public suffix list) count it as the same organisation and do.',
        fix: 'Publish a DMARC record at "_dmarc.{{host}}" (then the tree walk finds the organisation there), or publish {{name}}. TXT "v=DMARC1;".',
      },
      authorised: {
        severity: 'info',
        text: '{{tags}} destination "{{host}}" authorises reports for "{{policyDomain}}" at "{{name}}".',
      },
    },
  },
  check(facts, { report }) {
    const policy = facts.dmarc.policy;
    if (!policy) return;
    for (const destination of facts.dmarc.reportDestinations) {
      if (isIndeterminate(destination.lookup.status)) continue;
      // A parent of the policy domain is the same organisation under RFC 7489's public suffix list
      // (unless the parent is a public suffix, which no report address is), but outside it under RFC
      // 9989's tree walk when it publishes no DMARC record: only some receivers drop the reports.
      const parent = destination.host !== policy.domain && isWithin(policy.domain, destination.host);
      report({
        messageId: destination.authorised ? 'authorised' : parent ? 'parentNotAuthorised' : 'notAuthorised',
        subject: { name: destination.name, type: 'TXT', value: destination.lookup.records.map((r) => r.value).join(' | ') },
        data: { host: destination.host, name: destination.name, policyDomain: policy.domain, tags: destination.tags.join('/'), uris: destination.uris },
        evidence: [evidenceOf(destination.lookup), evidenceOf(policy.lookup)],
      });
    }
  },
});
