import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { isIndeterminate } from '../../src/dns/types.js';
import { apexSpfTexts } from '../../src/spf/rule-helpers.js';

// A domain without SPF lets anyone use it in MAIL FROM/HELO with result "none". An indeterminate TXT
// lookup says nothing about the record: dns-lookup-indeterminate reports it, this rule stays silent.
export default defineRule({
  id: 'spf-missing',
  area: 'spf',
  meta: {
    docs: { description: 'The domain publishes no SPF record', references: ['RFC 7208 §4.5', 'RFC 7208 §2.6.1'] },
    messages: {
      noSpfRecord: {
        severity: 'warning',
        text: '"{{domain}}" has no SPF record (no TXT record starting "v=spf1"); receivers get SPF result "none".',
        fix: 'Publish one TXT record at "{{domain}}", e.g. "v=spf1 include:amazonses.com ~all" if it sends through SES, or "v=spf1 -all" if it sends no mail.',
      },
    },
  },
  check(facts, { report }) {
    if (isIndeterminate(facts.txt.status) || apexSpfTexts(facts).length > 0) return;
    report({
      messageId: 'noSpfRecord',
      subject: { name: facts.domain, type: 'TXT', source: facts.txt.server },
      data: { domain: facts.domain, status: facts.txt.status },
      evidence: [evidenceOf(facts.txt)],
    });
  },
});
