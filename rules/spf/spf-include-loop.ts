import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject } from '../../src/spf/rule-helpers.js';

export default defineRule({
  id: 'spf-include-loop',
  area: 'spf',
  meta: {
    docs: { description: 'An include or redirect leads back to a record already being evaluated', references: ['RFC 7208 §4.6.4', 'RFC 7208 §5.2'] },
    messages: {
      includeLoop: {
        severity: 'error',
        text: 'SPF of "{{domain}}" loops: {{pathText}}; receivers run into the lookup limit and return permerror.',
        fix: 'Remove the include:/redirect= that points back to "{{repeated}}".',
      },
    },
  },
  check(facts, { report }) {
    const spf = facts.spf;
    if (!spf) return;
    const seen = new Set<string>();
    for (const path of spf.loops) {
      const key = path.join(' -> ');
      if (seen.has(key)) continue;
      seen.add(key);
      report({
        messageId: 'includeLoop',
        subject: nodeSubject(spf.root),
        data: { domain: facts.domain, path, pathText: key, repeated: path[path.length - 1] ?? '' },
      });
    }
  },
});
