// Every rule's message and fix, rendered for a ticket with hostile values in every placeholder: the
// values must come out as code, never as a link, a ping, HTML or emphasis, and the rules' own prose
// (examples like "mailto:reports@example.com") must not turn live either.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from '../../rules/index.js';
import { markdownMessage } from '../../src/report/markdown-inline.js';
import { assertInertMarkdown, codeTexts } from '../helpers/markdown.js';

// The second holds quotes, as values that are pieces of prose (", the policy of "x" through …") do.
const HOSTILES = ['@team http://evil.test/`x` *y* <b>z</b> #1', 'a "@team" http://evil.test "b'];

for (const rule of allRules) {
  test(`markdown: ${rule.id}'s messages keep every value in code`, () => {
    for (const [id, message] of Object.entries(rule.meta.messages)) {
      for (const template of [message.text, message.fix].filter((t): t is string => t !== undefined)) {
        for (const hostile of HOSTILES) {
          const keys = [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
          const data = Object.fromEntries(keys.map((key) => [key, hostile]));
          const markdown = markdownMessage(template, data);
          const codes = codeTexts(assertInertMarkdown(markdown));
          if (keys.length > 0) assert.ok(codes.some((code) => code.includes(hostile)), `${id}: ${markdown}`);
        }
      }
    }
  });
}

test('markdown: a placeholder holding a piece of prose reads as prose, its quoted names in code; an empty one adds nothing', () => {
  const neutral = 'The SPF record of "{{domain}}"{{via}} ends in "{{term}}": hosts not listed get "neutral".';
  assert.equal(markdownMessage(neutral, { domain: '_spf.r1.test', via: ', the policy of "r1.test" through "redirect=_spf.r1.test",', term: '?all' }),
    'The SPF record of `_spf.r1.test`, the policy of `r1.test` through `redirect=_spf.r1.test`, ends in `?all`: hosts not listed get `neutral`.');
  assert.equal(markdownMessage(neutral, { domain: 'r6.test', via: '', term: '?all' }),
    'The SPF record of `r6.test` ends in `?all`: hosts not listed get `neutral`.');
  assert.equal(markdownMessage('every host passes SPF{{via}}.', { via: ' through "redirect=_spf2.r5.test"' }),
    'every host passes SPF through `redirect=_spf2.r5.test`.');
});
