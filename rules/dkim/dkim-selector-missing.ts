import { defineRule } from '../../src/engine/define-rule.js';
import { describeChain, selectorEvidence, selectorSubject } from '../../src/dkim/subject.js';

// A selector the user told us they sign with must publish a key. Only a definite NXDOMAIN or NODATA
// counts: a lookup that failed is reported once by dns-lookup-indeterminate and skipped here.
export default defineRule({
  id: 'dkim-selector-missing',
  area: 'dkim',
  meta: {
    docs: {
      description: 'A configured DKIM selector must publish a key record at <selector>._domainkey.<domain>',
      references: ['RFC 6376 §3.6.2.1', 'RFC 6376 §6.1.2'],
    },
    messages: {
      selectorMissing: {
        severity: 'error',
        text: 'DKIM selector "{{selector}}" has no key record: "{{name}}" answered {{status}}; every signature with s={{selector}} fails.',
        fix: 'Publish the key at "{{name}}" (for SES Easy DKIM: the CNAME SES lists for this token), or stop signing with "{{selector}}".',
      },
      cnameTargetMissing: {
        severity: 'error',
        text: 'DKIM selector "{{selector}}" is a CNAME chain ({{chain}}) that ends in {{status}}; every signature with s={{selector}} fails.',
        fix: 'Point "{{name}}" at the target your DKIM provider lists (for SES: "<token>.<SigningHostedZone>"), and check the token for typos.',
      },
    },
  },
  check(facts, { report }) {
    for (const selector of facts.dkim) {
      const { status } = selector.lookup;
      if (status !== 'nxdomain' && status !== 'nodata') continue;
      const chain = describeChain(selector);
      report({
        messageId: chain ? 'cnameTargetMissing' : 'selectorMissing',
        subject: selectorSubject(selector),
        data: { selector: selector.selector, name: selector.name, status: status === 'nxdomain' ? 'NXDOMAIN' : 'NODATA', chain },
        evidence: selectorEvidence(selector),
      });
    }
  },
});
