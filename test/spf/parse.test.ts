import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpf } from '../../src/spf/parse.js';
import { printSpf } from '../../src/spf/print.js';

test('every mechanism and modifier, with qualifiers, dual CIDR and macros', () => {
  const r = parseSpf('v=spf1 +a -mx:mail.example.com/24//64 ~ptr ?ip4:192.0.2.0/24 ip6:2001:db8::/32 exists:%{ir}.%{l1r+-}.bl.example.com include:_spf.example.net redirect=%{d2} exp=why.%{d} note=%%%_%- all');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.terms.map((t) => t.kind), ['a', 'mx', 'ptr', 'ip4', 'ip6', 'exists', 'include', 'redirect', 'exp', 'unknown-modifier', 'all']);
  const mx = r.terms[1];
  assert.ok(mx?.kind === 'mx');
  assert.equal(mx.qualifier, '-');
  assert.equal(mx.domain?.text, 'mail.example.com');
  assert.equal(mx.cidr4, 24);
  assert.equal(mx.cidr6, 64);
  const exists = r.terms[5];
  assert.ok(exists?.kind === 'exists');
  assert.deepEqual(exists.domain.parts[2], { kind: 'macro', letter: 'l', urlEscape: false, reverse: true, digits: 1, delimiters: '+-' });
  const note = r.terms[9];
  assert.ok(note?.kind === 'unknown-modifier');
  assert.deepEqual(note.value.parts, [{ kind: 'escape', char: '%' }, { kind: 'escape', char: '_' }, { kind: 'escape', char: '-' }]);
});

test('all errors are reported, each with the term and its offset', () => {
  const text = 'v=spf1 a:museum ip4:1.2.3 -all/8 foo=%x ip6::CAFE::BABE mx//129 exists:%{a}.example.com redirect=-all';
  const r = parseSpf(text);
  assert.deepEqual(r.errors.map((e) => [e.code, e.term, e.offset]), [
    ['invalid-domain-spec', 'a:museum', 7],
    ['invalid-ip4', 'ip4:1.2.3', 16],
    ['unexpected-argument', '-all/8', 26],
    ['invalid-macro', 'foo=%x', 33],
    ['invalid-ip6', 'ip6::CAFE::BABE', 40],
    ['invalid-cidr', 'mx//129', 56],
    ['invalid-macro', 'exists:%{a}.example.com', 64],
    ['invalid-domain-spec', 'redirect=-all', 88],
  ]);
  for (const e of r.errors) assert.equal(text.slice(e.offset, e.offset + e.term.length), e.term);
});

test('record selection: v=spf1 then a space or the end, case-insensitive', () => {
  assert.equal(parseSpf('V=SpF1 -all').errors.length, 0);
  assert.equal(parseSpf('v=spf1').terms.length, 0);
  assert.equal(parseSpf('v=spf10 -all').errors[0]?.code, 'not-spf1');
});

test('spaces only separate terms; other whitespace and non-ASCII are errors', () => {
  assert.deepEqual(parseSpf('v=spf1  a   -all ').errors, []);
  assert.equal(parseSpf('v=spf1 a:ctrl.example.com\rptr -all').errors[0]?.code, 'invalid-character');
  assert.equal(parseSpf('v=spf1 a:\u00efgarbage.example.net -all').errors[0]?.code, 'invalid-character');
});

test('CIDR lengths: no leading zeros, within 32 and 128', () => {
  assert.equal(parseSpf('v=spf1 ip4:192.0.2.1/032').errors[0]?.code, 'invalid-cidr');
  assert.equal(parseSpf('v=spf1 a/33').errors[0]?.code, 'invalid-cidr');
  assert.equal(parseSpf('v=spf1 a/24/64').errors[0]?.code, 'invalid-cidr');
  assert.deepEqual(parseSpf('v=spf1 a//128 ip6:::1/0').errors, []);
});

test('duplicate redirect and exp are errors', () => {
  assert.deepEqual(parseSpf('v=spf1 exp=a.example.com exp=b.example.com').errors.map((e) => e.code), ['duplicate-modifier']);
});

test('print gives back a record that parses to the same terms', () => {
  const text = 'v=spf1 +a -mx:mail.example.com/24//64 ?ip4:192.0.2.0/24 exists:%{IR}.x.example.com redirect=%{d2}';
  const printed = printSpf(parseSpf(text));
  assert.equal(printed, 'v=spf1 a -mx:mail.example.com/24//64 ?ip4:192.0.2.0/24 exists:%{Ir}.x.example.com redirect=%{d2}');
  assert.deepEqual(parseSpf(printed).errors, []);
});
