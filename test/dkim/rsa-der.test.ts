// readRsaDer reads an RSA modulus length from DER without node:crypto. node:crypto is the reference:
// whatever readRsaDer answers, createPublicKey must accept with the same encoding and length; what
// it declines (undefined) goes to createPublicKey in readKey, so declining is always safe.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { readRsaDer } from '../../src/dkim/rsa-der.js';
import { RSA_1024, RSA_2048, RSA_512 } from './keys.js';

/** What node:crypto says of the bytes as the given encoding: the modulus length, or undefined. */
function referenceBits(bytes: Buffer, type: 'spki' | 'pkcs1'): number | undefined {
  try {
    const key = createPublicKey({ key: bytes, format: 'der', type });
    return key.asymmetricKeyType === 'rsa' ? key.asymmetricKeyDetails?.modulusLength : undefined;
  } catch {
    return undefined;
  }
}

function pkcs1Of(spki: Buffer): Buffer {
  return createPublicKey({ key: spki, format: 'der', type: 'spki' }).export({ format: 'der', type: 'pkcs1' });
}

const generated = [
  { bits: 1024, publicExponent: 3 },
  { bits: 2048, publicExponent: 65537 },
  { bits: 1031, publicExponent: 65537 }, // a length that is not a multiple of 8
].map(({ bits, publicExponent }) => ({
  bits,
  spki: generateKeyPairSync('rsa', { modulusLength: bits, publicExponent }).publicKey.export({ format: 'der', type: 'spki' }),
}));

const keys = [
  { bits: 512, spki: Buffer.from(RSA_512, 'base64') },
  { bits: 1024, spki: Buffer.from(RSA_1024, 'base64') },
  { bits: 2048, spki: Buffer.from(RSA_2048, 'base64') },
  ...generated,
];

test('canonical SPKI and PKCS#1 keys are read without node:crypto, with the length node:crypto gives', () => {
  for (const { bits, spki } of keys) {
    assert.deepEqual(readRsaDer(spki), { bits, encoding: 'spki' });
    assert.equal(referenceBits(spki, 'spki'), bits);
    const pkcs1 = pkcs1Of(spki);
    assert.deepEqual(readRsaDer(pkcs1), { bits, encoding: 'pkcs1' });
    assert.equal(referenceBits(pkcs1, 'pkcs1'), bits);
  }
});

test('trailing bytes, truncation and a non-RSA key are declined', () => {
  const spki = Buffer.from(RSA_1024, 'base64');
  assert.equal(readRsaDer(Buffer.concat([spki, Buffer.from([0])])), undefined);
  assert.equal(readRsaDer(spki.subarray(0, spki.length - 1)), undefined);
  assert.equal(readRsaDer(Buffer.alloc(0)), undefined);
  const ed25519 = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
  assert.equal(readRsaDer(ed25519), undefined);
});

test('on damaged keys, every answer given agrees with node:crypto', () => {
  const originals = keys.flatMap(({ spki }) => [spki, pkcs1Of(spki)]);
  const damage = fc.record({
    original: fc.integer({ min: 0, max: originals.length - 1 }),
    edits: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 3 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
  });
  fc.assert(
    fc.property(damage, ({ original, edits, cut }) => {
      const bytes = Buffer.from(originals[original]!);
      // Edits land in the first 40 bytes half the time: that is where the structure is.
      for (const { at, value } of edits) bytes[at % 2 === 0 ? at % Math.min(40, bytes.length) : at % bytes.length] = value;
      const damaged = cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
      const answer = readRsaDer(damaged);
      if (answer !== undefined) assert.equal(referenceBits(damaged, answer.encoding), answer.bits);
    }),
    { numRuns: 2000 },
  );
});
