// toQueryName: the name a user typed, as maildns queries it, or refused; never another name.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dkimSelectorProblem, notADomainName, toQueryName } from '../../src/engine/domain-names.js';

test('a name that ends in a number is refused, not read as an IPv4 address', () => {
  // The URL host parser behind domainToASCII made "1.10" into "1.0.0.10" and "0x10" into "0.0.0.16".
  for (const input of ['1.10', '0x10', '1.2.3', '192.0.2.1', '192.0.2.1.', 'example.123', 'example.08', 'example.0x10', 'example.0X1f', 'example.0x', '10', '１.１０', '1\u300210']) {
    assert.equal(toQueryName(input), undefined, input);
    assert.match(notADomainName(input), /: it ends in a number, so it is an IP address or a number/, input);
  }
  assert.match(notADomainName('2001:db8::1'), /: it is an IP address$/);
  assert.doesNotMatch(notADomainName('exa mple.com'), /:/, 'no made-up reason for other bad names');
});

test('names with numbers elsewhere, and IDNs, are kept as typed (lower case; IDNs as A-labels)', () => {
  const cases: Array<[string, string]> = [
    ['12.34.com', '12.34.com'],
    ['0x.com', '0x.com'],
    ['example.1a', 'example.1a'],
    ['example.0xfoo', 'example.0xfoo'],
    ['123.example', '123.example'],
    ['EXAMPLE.com.', 'example.com'],
    ['_dmarc.example.com', '_dmarc.example.com'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['bücher.example', 'xn--bcher-kva.example'],
  ];
  for (const [input, expected] of cases) assert.equal(toQueryName(input), expected, input);
});

test('DKIM selectors: the ones providers publish are accepted; what DNS cannot ask for is refused', () => {
  const real = [
    'google', '20161025', '20230601', 'selector1', 's1024', 'k1', 'protonmail2', 'mte1', 'em1234', 'sel-2024-01', 'S1',
    '4hgftqyqadsl2pbs6tyw6wr2ef3hb4qs', // an SES Easy DKIM token
    'key_1', 'mail.sub', 'x'.repeat(63),
  ];
  for (const selector of real) assert.equal(dkimSelectorProblem(selector), undefined, selector);
  const bad = ['', 'a b', 'bad sel!', '../x', 'a..b', 's1.', '.s1', 'sélecteur', 'x'.repeat(64), ['a', 'b', 'c', 'd'].map((c) => c.repeat(60)).join('.')];
  for (const selector of bad) assert.equal(typeof dkimSelectorProblem(selector), 'string', selector);
});
