// Every record of shared/conformance/dkim/dkim-key-record-vectors.json, with the verdict we hold and
// why. Each source's verdict ("valid"/"invalid") must equal ours; the problem code is ours.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { parseDkimKeyRecord, type DkimProblemCode } from '../../src/dkim/parse-key-record.js';
import { readSharedJson } from './vectors.js';
import { RSA_1024 } from './keys.js';

interface Vector { record: string; expect: 'valid' | 'invalid'; detail: string; name?: string }
type Vectors = Record<'mox' | 'dkimpy' | 'arc_test_suite', Vector[]>;

/** Our reading of each vector, in file order: a problem code, or the key we must find. */
type Expected = { problem: DkimProblemCode } | { key: string; revoked?: boolean } | { revoked: true };

const EXPECTED: Record<keyof Vectors, Expected[]> = {
  mox: [
    { problem: 'empty' },
    { problem: 'missingKey' },
    { problem: 'versionNotFirst' },
    { problem: 'syntax' }, // "p=; " — nothing may follow the final ";" (RFC 6376 §3.2 tag-list)
    { problem: 'syntax' }, // same trailing space; v=dkim1 would also be badVersion
    { problem: 'keyTypeMismatch' }, // no k= means rsa, p= is a raw ed25519 key
    { problem: 'duplicateTag' },
    { problem: 'badKey' }, // 16 bytes is no ed25519 key (RFC 8463: 32)
    { problem: 'unknownKeyType' },
    { revoked: true }, // "V" is not "v" (tag names are case-sensitive), so V=DKIM2 is an ignored tag
    { key: 'ed25519/256' }, // whitespace everywhere the ABNF allows it, unknown hash and flag ignored
    { key: 'rsa/2048' },
  ],
  dkimpy: [
    { key: 'rsa/1024' }, // g= is a DomainKeys leftover: an unknown tag, ignored
    { key: 'rsa/1024' },
    { problem: 'badVersion' }, // "v=DKIM1: g=*" — the value runs to the next ";"
    { problem: 'unknownKeyType' }, // ed25519-sha256 is an algorithm, not a key type
    { problem: 'badKey' },
    { problem: 'notForEmail' }, // s=tlsrpt: a valid record, but one e-mail verifiers must ignore
    { key: 'ed25519/256' },
    { key: 'ed25519/256' },
  ],
  arc_test_suite: [
    { key: 'rsa/1024' }, // whitespace inside p= is FWS, allowed
    { key: 'rsa/1024' },
    { key: 'rsa/512' }, // valid syntax; dkim-key-strength reports it (RFC 8301)
    { key: 'rsa/1024' },
    { key: 'rsa/2048' },
    { key: 'rsa/1024' },
    { problem: 'syntax' },
  ],
};

const vectors = readSharedJson<Vectors>('dkim/dkim-key-record-vectors.json');

test('the DKIM vector file holds the 27 records this table covers', () => {
  const counts = Object.fromEntries(Object.entries(vectors).map(([k, v]) => [k, v.length]));
  assert.deepEqual(counts, { mox: 12, dkimpy: 8, arc_test_suite: 7 });
});

for (const source of Object.keys(EXPECTED) as Array<keyof Vectors>) {
  vectors[source].forEach((vector, i) => {
    const expected = EXPECTED[source][i]!;
    test(`${source} #${i} ${vector.expect}: ${JSON.stringify(vector.record.slice(0, 60))}`, () => {
      const result = parseDkimKeyRecord(vector.record);
      // The sources judge the record; notForEmail is a well-formed record that a mail verifier ignores
      // (dkimpy accepts it only when verifying TLSRPT), so it does not change their verdict.
      const verdict = result.problems.every((p) => p.code === 'notForEmail') ? 'valid' : 'invalid';
      assert.equal(verdict, vector.expect, `source verdict (${vector.detail})`);
      if ('problem' in expected) assert.equal(result.problems[0]?.code, expected.problem);
      if ('key' in expected) assert.equal(`${result.key?.type}/${result.key?.bits}`, expected.key);
      assert.equal(result.revoked, 'revoked' in expected && expected.revoked === true);
    });
  });
}

test('a bare PKCS#1 RSAPublicKey is read too (RFC 6376 §3.6.1 names that structure)', () => {
  const pkcs1 = createPublicKey({ key: Buffer.from(RSA_1024, 'base64'), format: 'der', type: 'spki' })
    .export({ format: 'der', type: 'pkcs1' })
    .toString('base64');
  const result = parseDkimKeyRecord(`v=DKIM1; p=${pkcs1}`);
  assert.deepEqual(result.key, { type: 'rsa', bits: 1024, encoding: 'pkcs1' });
  assert.deepEqual(result.problems, []);
});

test('k=ed25519 with an RSA key is a mismatch, and the key is still described', () => {
  const result = parseDkimKeyRecord(`v=DKIM1; k=ed25519; p=${RSA_1024}`);
  assert.equal(result.problems[0]?.code, 'keyTypeMismatch');
  assert.equal(result.key?.type, 'rsa');
});

test('tags, flags and hashes come out typed', () => {
  const result = parseDkimKeyRecord(`v=DKIM1; h=sha1 : SHA256; t=y:s; s=email; n=note; p=${RSA_1024};`);
  assert.deepEqual(result.record?.hashes, ['sha1', 'sha256']);
  assert.deepEqual(result.record?.flags, ['y', 's']);
  assert.deepEqual(result.record?.services, ['email']);
  assert.equal(result.record?.notes, 'note');
  assert.equal(result.record?.keyType, 'rsa');
});

test('s= must list email or * for the key to serve mail; unknown services are ignored (RFC 6376 §3.6.1)', () => {
  const code = (s: string): DkimProblemCode | undefined => parseDkimKeyRecord(`v=DKIM1; s=${s}; p=${RSA_1024}`).problems[0]?.code;
  assert.deepEqual(['email', '*', 'Email', 'tlsrpt:email', ' * '].map(code), [undefined, undefined, undefined, undefined, undefined]);
  assert.deepEqual(['tlsrpt', 'tlsrpt:other', ''].map(code), ['notForEmail', 'notForEmail', 'notForEmail']);
});

test('p= that is not base64 is a bad key, not a crash', () => {
  assert.equal(parseDkimKeyRecord('v=DKIM1; p=abc$').problems[0]?.code, 'badKey');
});
