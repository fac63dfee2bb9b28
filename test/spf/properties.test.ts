// Property tests (fast-check): random valid records parse without errors, print, and re-parse to the
// same AST; evaluation of random (often invalid) records never throws. Runs: MAILDNS_FUZZ_RUNS.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSpf } from '../../src/spf/parse.js';
import { printSpf } from '../../src/spf/print.js';
import { checkHost } from '../../src/spf/check-host.js';
import type { SpfRecord } from '../../src/spf/ast.js';
import { buildSuiteZone, SuiteZoneResolver } from './suite-zone.js';

const RUNS = Number(process.env.MAILDNS_FUZZ_RUNS ?? 200);

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?$/);
const toplabel = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
const macro = fc
  .record({
    letter: fc.constantFrom(...'slodiphvSLODIPHV'),
    digits: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
    reverse: fc.boolean(),
    delimiters: fc.subarray([...'.-+,/_=']),
  })
  .map((m) => `%{${m.letter}${m.digits ?? ''}${m.reverse ? 'r' : ''}${m.delimiters.join('')}}`);
const escape = fc.constantFrom('%%', '%_', '%-');
// domain-spec: macro-string ending in "." toplabel or in a macro-expand (RFC 7208 §7.1)
const domainSpec = fc.oneof(
  fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), toplabel, fc.boolean()).map(([ls, tl, dot]) => `${ls.join('.')}.${tl}${dot ? '.' : ''}`),
  fc.tuple(fc.array(fc.oneof(label, macro, escape), { minLength: 1, maxLength: 4 }), fc.oneof(macro, toplabel.map((t) => `.${t}`))).map(([parts, end]) => parts.join('.') + end),
);
const qualifier = fc.constantFrom('', '+', '-', '~', '?');
const cidr = (max: number): fc.Arbitrary<string> => fc.option(fc.integer({ min: 0, max }), { nil: undefined }).map((n) => (n === undefined ? '' : `/${n}`));
const dualCidr = fc.tuple(cidr(32), cidr(128)).map(([a, b]) => `${a}${b ? `/${b}` : ''}`);
const mechanism = fc.tuple(
  qualifier,
  fc.oneof(
    fc.constant('all'),
    domainSpec.map((d) => `include:${d}`),
    domainSpec.map((d) => `exists:${d}`),
    fc.option(domainSpec, { nil: undefined }).map((d) => (d ? `ptr:${d}` : 'ptr')),
    fc.tuple(fc.constantFrom('a', 'mx', 'A', 'MX'), fc.option(domainSpec, { nil: undefined }), dualCidr).map(([n, d, c]) => `${n}${d ? `:${d}` : ''}${c}`),
    fc.tuple(fc.ipV4(), cidr(32)).map(([ip, c]) => `ip4:${ip}${c}`),
    fc.tuple(fc.ipV6(), cidr(128)).map(([ip, c]) => `ip6:${ip}${c}`),
  ),
).map(([q, m]) => q + m);
const unknownModifier = fc
  .tuple(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9._-]{0,8}$/), fc.array(fc.oneof(label, macro, escape), { maxLength: 3 }))
  .filter(([name]) => !['redirect', 'exp'].includes(name.toLowerCase()))
  .map(([name, parts]) => `${name}=${parts.join('')}`);
const record = fc
  .tuple(
    fc.array(fc.oneof({ weight: 4, arbitrary: mechanism }, { weight: 1, arbitrary: unknownModifier }), { maxLength: 8 }),
    fc.option(domainSpec.map((d) => `redirect=${d}`), { nil: undefined }),
    fc.option(domainSpec.map((d) => `exp=${d}`), { nil: undefined }),
    fc.constantFrom(' ', '  '),
  )
  .map(([terms, redirect, exp, sep]) => ['v=spf1', ...terms, ...(redirect ? [redirect] : []), ...(exp ? [exp] : [])].join(sep));

/** The AST without positions and source text, which printing is free to change. */
function shape(r: SpfRecord): unknown {
  return r.terms.map(({ text: _text, offset: _offset, ...rest }) => rest);
}

test('random valid records parse, print and re-parse to the same AST', () => {
  fc.assert(
    fc.property(record, (text) => {
      const first = parseSpf(text);
      assert.deepEqual(first.errors, [], text);
      const printed = printSpf(first);
      const second = parseSpf(printed);
      assert.deepEqual(second.errors, [], printed);
      assert.deepEqual(shape(second), shape(first));
      assert.equal(printSpf(second), printed);
    }),
    { numRuns: RUNS },
  );
});

const junkTerm = fc.oneof(mechanism, unknownModifier, fc.string({ maxLength: 12 }), fc.constantFrom('redirect=b.example.com', 'include:a.example.com', 'a:gone.example.com', 'mx:b.example.com', 'ptr', 'exists:%{i}.a.example.com'));
const junkRecord = fc.array(junkTerm, { maxLength: 8 }).map((terms) => ['v=spf1', ...terms].join(' '));

test('evaluation never throws, whatever the records', async () => {
  await fc.assert(
    fc.asyncProperty(junkRecord, junkRecord, fc.oneof(fc.ipV4(), fc.ipV6()), fc.constantFrom('', 'u@example.com', '@example.com', 'x y@a.example.com'), async (root, other, ip, sender) => {
      const zone = buildSuiteZone({
        'example.com': [{ TXT: root }, { MX: [10, 'b.example.com'] }],
        'a.example.com': [{ TXT: other }, { A: '192.0.2.1' }],
        'b.example.com': [{ TXT: root }, { AAAA: '2001:db8::1' }, { A: '192.0.2.2' }],
      });
      const r = await checkHost({ ip, sender, helo: 'example.com' }, { resolver: new SuiteZoneResolver(zone) });
      assert.ok(['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror', 'temperror'].includes(r.result));
      assert.ok(r.lookups <= 11 && r.voidLookups <= 3);
    }),
    { numRuns: RUNS },
  );
});
