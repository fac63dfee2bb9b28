import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject, spfNodes } from '../../src/spf/rule-helpers.js';

export default defineRule({
  id: 'spf-redirect-with-all',
  area: 'spf',
  meta: {
    docs: { description: 'A redirect beside an "all" mechanism is never followed', references: ['RFC 7208 §6.1', 'RFC 7208 §5.1'] },
    messages: {
      redirectBesideAll: {
        severity: 'warning',
        text: 'The SPF record of "{{domain}}" has "{{term}}" beside an "all" mechanism; "all" always matches first, so the redirect is ignored.',
        fix: 'Remove either "{{term}}" or the "all" mechanism, whichever is not meant.',
      },
    },
  },
  check(facts, { report }) {
    for (const node of spfNodes(facts)) {
      for (const term of node.terms) {
        if (term.ignored !== 'redirect-beside-all') continue;
        report({ messageId: 'redirectBesideAll', subject: nodeSubject(node), data: { domain: node.domain, term: term.text } });
      }
    }
  },
});
