import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { isIndeterminate } from '../../src/dns/types.js';

// Every other rule skips what it could not see; this one says so, once per question, so that a
// timeout is never mistaken for a missing record and the domain's status becomes `indeterminate`.
export default defineRule({
  id: 'dns-lookup-indeterminate',
  area: 'dns',
  meta: {
    docs: {
      description: 'A DNS lookup failed (timeout, SERVFAIL, REFUSED, malformed answer), so the checks that need it could not run',
      references: ['RFC 1035 §4.1.1', 'RFC 2308 §7'],
    },
    messages: {
      lookupFailed: {
        severity: 'error',
        text: 'Could not look up {{type}} "{{name}}": {{status}}{{detail}}; the checks that need it are indeterminate.',
        fix: 'Check that the nameservers answer ("dig {{type}} {{name}} @server", with +tcp if the evidence says tcp), then run maildns again.',
      },
    },
  },
  check(facts, { report }) {
    const seen = new Set<string>();
    for (const lookup of facts.lookups) {
      if (!isIndeterminate(lookup.status)) continue;
      const key = `${lookup.name}:${lookup.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report({
        messageId: 'lookupFailed',
        subject: { name: lookup.name, type: lookup.type, source: lookup.server },
        data: { name: lookup.name, type: lookup.type, status: lookup.status, detail: lookup.reason ? ` (${lookup.reason})` : '' },
        evidence: [evidenceOf(lookup)],
        indeterminate: true,
      });
    }
  },
});
