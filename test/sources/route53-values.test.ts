import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRoute53Name, parseRoute53Txt, parseRoute53Value } from '../../src/sources/route53-values.js';

describe('Route 53 presentation values', () => {
  it('decodes TXT octal escapes as octal, not RFC 1035 decimal', () => {
    assert.deepEqual(parseRoute53Txt('"caf\\351"'), ['café']); // \351 octal = 0xE9; decimal 351 is no byte
    assert.deepEqual(parseRoute53Txt('"\\303\\244"'), ['ä'], 'UTF-8 bytes escaped one by one');
    assert.deepEqual(parseRoute53Txt('"a\\040b"'), ['a b']);
  });

  it('splits quoted strings, with or without space between them, and keeps escaped quotes and backslashes', () => {
    assert.deepEqual(parseRoute53Txt('"v=spf1 include:a.test " "-all"'), ['v=spf1 include:a.test ', '-all']);
    assert.deepEqual(parseRoute53Txt('"a""b"'), ['a', 'b']);
    assert.deepEqual(parseRoute53Txt('"say \\"hi\\" c:\\\\x"'), ['say "hi" c:\\x']);
    assert.deepEqual(parseRoute53Txt('bare'), ['bare']);
    assert.deepEqual(parseRoute53Txt('""'), ['']);
  });

  it('keeps a leading U+FEFF (bytes EF BB BF): it is data, not a byte-order mark (found by the fuzz test)', () => {
    assert.deepEqual(parseRoute53Txt('"\\357\\273\\277"'), ['\uFEFF']);
    assert.deepEqual(parseRoute53Txt('"\uFEFFv=spf1 -all"'), ['\uFEFFv=spf1 -all']);
  });

  it('refuses an unterminated string instead of guessing', () => {
    assert.throws(() => parseRoute53Txt('"open'), /unterminated/);
  });

  it('joins TXT strings with nothing between them for the record value', () => {
    const record = parseRoute53Value('example.test', 'TXT', 300, '"v=DKIM1; p=MIIB" "IjAN"');
    assert.equal(record.value, 'v=DKIM1; p=MIIBIjAN');
    assert.deepEqual(record.strings, ['v=DKIM1; p=MIIB', 'IjAN']);
  });

  it('normalises names and targets: octal escapes, case, trailing dot', () => {
    assert.equal(decodeRoute53Name('\\052.Example.TEST.'), '*.example.test');
    const mx = parseRoute53Value('mail.example.test', 'MX', 300, '10 Feedback-SMTP.us-east-1.amazonses.com.');
    assert.deepEqual([mx.preference, mx.exchange, mx.value], [10, 'feedback-smtp.us-east-1.amazonses.com', '10 feedback-smtp.us-east-1.amazonses.com']);
    assert.equal(parseRoute53Value('x.example.test', 'CNAME', 300, 'T.dkim.amazonses.com').value, 't.dkim.amazonses.com');
    assert.equal(parseRoute53Value('example.test', 'MX', 300, '0 .').exchange, '');
  });
});
