// Every rule's message and fix, rendered for a ticket with hostile values in every placeholder: the
// values must come out as code, never as a link, a ping, HTML or emphasis, and the rules' own prose
// (examples like "mailto:reports@example.com") must not turn live either.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from '../../rules/index.js';
import { markdownMessage } from '../../src/report/markdown-inline.js';
import { assertInertMarkdown, codeTexts } from '../helpers/markdown.js';

const HOSTILE = '@team http://evil.test/`x` *y* <b>z</b> #1';

for (const rule of allRules) {
  test(`markdown: ${rule.id}'s messages keep every value in code`, () => {
    for (const [id, message] of Object.entries(rule.meta.messages)) {
      for (const template of [message.text, message.fix].filter((t): t is string => t !== undefined)) {
        const keys = [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
        const data = Object.fromEntries(keys.map((key) => [key, HOSTILE]));
        const markdown = markdownMessage(template, data);
        const codes = codeTexts(assertInertMarkdown(markdown));
        if (keys.length > 0) assert.ok(codes.some((code) => code.includes(HOSTILE)), `${id}: ${markdown}`);
      }
    }
  });
}
