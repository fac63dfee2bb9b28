import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDkimKeyRecord } from '../../src/dkim/parse-key-record.js';
import { PARSED_KEY_RECORDS_KEPT, parsedKeyRecord } from '../../src/dkim/key-record-cache.js';
import { ED25519, RSA_1024, RSA_2048, RSA_512 } from './keys.js';

const TEXTS = [
  `v=DKIM1; k=rsa; p=${RSA_2048}`,
  `p=${RSA_1024}`,
  `v=DKIM1; p=${RSA_512}; t=y:s; h=sha256; n=note`,
  `v=DKIM1; k=ed25519; p=${ED25519}`,
  `k=ed25519; p=${RSA_2048}`, // keyTypeMismatch
  'v=DKIM1; p=',
  'v=DKIM1; p=not base64!',
  'p=a; p=b',
  '',
];

test('a cached parse is the parse: same result as parseDkimKeyRecord for every shape of record', () => {
  for (const text of TEXTS) assert.deepEqual(parsedKeyRecord(text), parseDkimKeyRecord(text), text);
});

test('the same text gives the same shared result, frozen all the way down', () => {
  const text = `v=DKIM1; p=${RSA_512}; t=y:s`;
  const first = parsedKeyRecord(text);
  assert.equal(parsedKeyRecord(`${text}`), first);
  assert.throws(() => { (first as { revoked: boolean }).revoked = true; }, TypeError);
  assert.throws(() => first.problems.push({ code: 'empty', detail: '' }), TypeError);
  assert.throws(() => first.record!.flags.push('x'), TypeError);
  assert.throws(() => { first.record!.tags[0]!.value = 'x'; }, TypeError);
  assert.throws(() => { (first.key as { bits: number }).bits = 1; }, TypeError);
});

test('the cache is bounded: the oldest text is parsed again once PARSED_KEY_RECORDS_KEPT newer ones came after it', () => {
  const oldest = parsedKeyRecord('p=; n=oldest');
  for (let i = 0; i < PARSED_KEY_RECORDS_KEPT; i++) parsedKeyRecord(`p=; n=filler${i}`);
  const again = parsedKeyRecord('p=; n=oldest');
  assert.notEqual(again, oldest);
  assert.deepEqual(again, oldest);
});
