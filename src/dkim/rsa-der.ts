// The modulus length of an RSA public key read straight from its DER bytes, without building a
// KeyObject. At scale `createPublicKey` was the largest single cost of a check (a profile of 5,000
// domains: 17 % of the time, one key per SES DKIM token), and all a DKIM rule needs is the length.
//
// Only the canonical shapes deployed keys have are read here: a SubjectPublicKeyInfo (RFC 5280
// §4.1, algorithm rsaEncryption with NULL parameters, RFC 3279 §2.3.1) or a bare PKCS#1
// RSAPublicKey (RFC 8017 §A.1.1), with definite minimal lengths, positive minimal integers and no
// trailing bytes. Anything else returns undefined, and the caller asks node:crypto, which stays the
// judge of every unusual encoding.

export interface RsaDerKey {
  /** Bit length of the modulus. */
  bits: number;
  encoding: 'spki' | 'pkcs1';
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OBJECT_IDENTIFIER = 0x06;
const NULL = 0x05;
// 1.2.840.113549.1.1.1 rsaEncryption (RFC 8017 §A.1), its DER contents octets.
const RSA_ENCRYPTION_OID = Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]);
// Moduli read here; outside this range node:crypto decides (16384 is OpenSSL's OPENSSL_RSA_MAX_MODULUS_BITS).
const MIN_FAST_BITS = 512;
const MAX_FAST_BITS = 16_384;

interface Element {
  tag: number;
  /** Offset of the contents octets. */
  start: number;
  /** Offset just past the contents octets. */
  end: number;
}

/** One DER element at `offset` inside bytes[..limit]; undefined unless its length is definite and minimal. */
function readElement(bytes: Buffer, offset: number, limit: number): Element | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = bytes[offset]!;
  const first = bytes[offset + 1]!;
  let length: number;
  let start: number;
  if (first < 0x80) {
    length = first;
    start = offset + 2;
  } else {
    const count = first & 0x7f;
    // Keys fit in 3 length octets; 0x80 (indefinite) and longer forms are left to node:crypto.
    if (count === 0 || count > 3 || offset + 2 + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + bytes[offset + 2 + i]!;
    // DER (X.690 §10.1): the long form only for lengths ≥ 128, without leading zero octets.
    if (length < 0x80 || bytes[offset + 2] === 0) return undefined;
    start = offset + 2 + count;
  }
  const end = start + length;
  return end <= limit ? { tag, start, end } : undefined;
}

/** Bit length of a positive, minimally encoded INTEGER's contents; undefined otherwise. */
function positiveIntegerBits(bytes: Buffer, element: Element): number | undefined {
  let start = element.start;
  if (element.tag !== INTEGER || element.end === start) return undefined;
  if (bytes[start]! >= 0x80) return undefined; // negative
  if (bytes[start] === 0) {
    if (element.end - start === 1 || bytes[start + 1]! < 0x80) return undefined; // zero, or not minimal
    start += 1;
  }
  return (element.end - start - 1) * 8 + (32 - Math.clz32(bytes[start]!));
}

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } filling bytes[offset..limit]. */
function readRsaPublicKey(bytes: Buffer, offset: number, limit: number): number | undefined {
  const sequence = readElement(bytes, offset, limit);
  if (sequence?.tag !== SEQUENCE || sequence.end !== limit) return undefined;
  const modulus = readElement(bytes, sequence.start, sequence.end);
  if (!modulus) return undefined;
  const exponent = readElement(bytes, modulus.end, sequence.end);
  if (!exponent || exponent.end !== sequence.end) return undefined;
  const bits = positiveIntegerBits(bytes, modulus);
  const exponentBits = positiveIntegerBits(bytes, exponent);
  // An even modulus or an exponent below 3 is no RSA key anyone issues: let node:crypto judge it.
  if (bits === undefined || exponentBits === undefined || exponentBits < 2) return undefined;
  if ((bytes[modulus.end - 1]! & 1) === 0 || (bytes[exponent.end - 1]! & 1) === 0) return undefined;
  return bits >= MIN_FAST_BITS && bits <= MAX_FAST_BITS ? bits : undefined;
}

/** SubjectPublicKeyInfo with rsaEncryption and NULL parameters, around an RSAPublicKey. */
function readSpki(bytes: Buffer): number | undefined {
  const outer = readElement(bytes, 0, bytes.length);
  if (outer?.tag !== SEQUENCE || outer.end !== bytes.length) return undefined;
  const algorithm = readElement(bytes, outer.start, outer.end);
  if (algorithm?.tag !== SEQUENCE) return undefined;
  const oid = readElement(bytes, algorithm.start, algorithm.end);
  if (oid?.tag !== OBJECT_IDENTIFIER || !bytes.subarray(oid.start, oid.end).equals(RSA_ENCRYPTION_OID)) return undefined;
  const parameters = readElement(bytes, oid.end, algorithm.end);
  if (parameters?.tag !== NULL || parameters.start !== parameters.end || parameters.end !== algorithm.end) return undefined;
  const key = readElement(bytes, algorithm.end, outer.end);
  // The BIT STRING's first octet counts unused bits: 0 for a DER-encoded key inside.
  if (key?.tag !== BIT_STRING || key.end !== outer.end || key.end === key.start || bytes[key.start] !== 0) return undefined;
  return readRsaPublicKey(bytes, key.start + 1, key.end);
}

/** The modulus length of a canonical SPKI or PKCS#1 RSA key; undefined means "ask node:crypto". */
export function readRsaDer(bytes: Buffer): RsaDerKey | undefined {
  const spki = readSpki(bytes);
  if (spki !== undefined) return { bits: spki, encoding: 'spki' };
  const pkcs1 = readRsaPublicKey(bytes, 0, bytes.length);
  if (pkcs1 !== undefined) return { bits: pkcs1, encoding: 'pkcs1' };
  return undefined;
}
