// DKIM key records (RFC 6376 §3.6.1, RFC 8463): text in, typed result out, no I/O.

import { createPublicKey, type KeyObject } from 'node:crypto';
import { readRsaDer } from './rsa-der.js';
import { parseTagList, splitColonList } from './tag-list.js';

export type DkimKeyType = 'rsa' | 'ed25519';

/** Why a key record cannot be used. Each code is also the messageId of dkim-record-invalid or a sibling rule. */
export type DkimProblemCode =
  | 'empty'
  | 'syntax'
  | 'duplicateTag'
  | 'versionNotFirst'
  | 'badVersion'
  | 'missingKey'
  | 'unknownKeyType'
  | 'badKey'
  | 'keyTypeMismatch'
  | 'notForEmail';

export interface DkimProblem {
  code: DkimProblemCode;
  detail: string;
}

export interface DkimPublicKey {
  type: DkimKeyType;
  /** RSA modulus length; 256 for ed25519. */
  bits: number;
  /** How p= was encoded: SubjectPublicKeyInfo (what is deployed), bare PKCS#1 RSAPublicKey, or raw ed25519. */
  encoding: 'spki' | 'pkcs1' | 'raw';
}

export interface DkimKeyRecord {
  /** v=, when present (then it is "DKIM1" and first). */
  version?: string;
  /** h=: acceptable hash algorithms, lower-cased; undefined means "all". */
  hashes?: string[];
  /** k=, default "rsa". */
  keyType: string;
  notes?: string;
  /** p= with whitespace removed; "" means the key was revoked. */
  publicKey: string;
  /** s=, default ["*"]. */
  services: string[];
  /** t= flags, lower-cased ("y" testing, "s" strict). */
  flags: string[];
  /** Every tag as published, in order (unknown tags included; they are ignored, §3.6.1). */
  tags: Array<{ name: string; value: string }>;
}

export interface DkimKeyRecordResult {
  text: string;
  /** The tag-list parsed; absent only when the text is not a tag-list at all. */
  record?: DkimKeyRecord;
  /** p= is empty: the key is revoked (RFC 6376 §3.6.1). */
  revoked: boolean;
  /** The decoded key, when p= held one of the type k= names (or of the other known type). */
  key?: DkimPublicKey;
  /** Empty when a verifier can use the record (a revoked record is usable: it says "fail"). */
  problems: DkimProblem[];
}

export const DKIM_VERSION = 'DKIM1'; // RFC 6376 §3.6.1 "v=": case-sensitive
export const ED25519_KEY_BYTES = 32; // RFC 8463 §4.2: the raw public key, not DER
const KNOWN_KEY_TYPES: readonly DkimKeyType[] = ['rsa', 'ed25519'];
// RFC 6376 §3.6.1 s=: the service types that cover e-mail (ABNF literals, so case-insensitive, RFC 5234 §2.3).
const EMAIL_SERVICES: readonly string[] = ['email', '*'];
// RFC 6376 §3.6.1: p= is base64 and may contain FWS; "=" padding only at the end.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function parseDkimKeyRecord(text: string): DkimKeyRecordResult {
  const result: DkimKeyRecordResult = { text, revoked: false, problems: [] };
  const fail = (code: DkimProblemCode, detail: string): DkimKeyRecordResult => {
    result.problems.push({ code, detail });
    return result;
  };
  if (text.trim() === '') return fail('empty', 'the record is empty');
  const parsed = parseTagList(text);
  if (!parsed.ok) return fail(parsed.problem, parsed.detail);

  const tags = parsed.tags;
  const get = (name: string): string | undefined => tags.find((t) => t.name === name)?.value;
  const record: DkimKeyRecord = {
    keyType: get('k') ?? 'rsa',
    publicKey: (get('p') ?? '').replace(/[ \t\r\n]/g, ''),
    services: get('s') !== undefined ? splitColonList(get('s')!).map((s) => s.toLowerCase()) : ['*'],
    flags: get('t') !== undefined ? splitColonList(get('t')!).map((f) => f.toLowerCase()) : [],
    tags,
  };
  const version = get('v');
  if (version !== undefined) record.version = version;
  const h = get('h');
  if (h !== undefined) record.hashes = splitColonList(h).map((x) => x.toLowerCase());
  const notes = get('n');
  if (notes !== undefined) record.notes = notes;
  result.record = record;

  // RFC 6376 §3.6.1 v=: "if present, MUST be the first tag"; records with another version are discarded.
  const versionIndex = tags.findIndex((t) => t.name === 'v');
  if (versionIndex > 0) return fail('versionNotFirst', `v= is tag ${versionIndex + 1}, it must come first`);
  if (version !== undefined && version !== DKIM_VERSION) return fail('badVersion', `v=${version} is not v=${DKIM_VERSION}`);
  // s= lists the services the key is for; an e-mail verifier MUST ignore a record that lists neither
  // "email" nor "*" (unknown types are skipped, not errors), so for mail the key is not there at all.
  if (!record.services.some((s) => EMAIL_SERVICES.includes(s))) {
    return fail('notForEmail', `s=${get('s')!.trim()} lists neither "email" nor "*"`);
  }
  if (get('p') === undefined) return fail('missingKey', 'there is no p= tag');
  // Unrecognised key types MUST be ignored (§3.6.1 k=), so such a record never verifies.
  if (!KNOWN_KEY_TYPES.includes(record.keyType as DkimKeyType)) {
    return fail('unknownKeyType', `k=${record.keyType} is not a DKIM key type (rsa, ed25519)`);
  }
  if (record.publicKey === '') {
    result.revoked = true;
    return result;
  }
  if (!BASE64.test(record.publicKey)) return fail('badKey', 'p= is not valid base64');

  const declared = record.keyType as DkimKeyType;
  const bytes = Buffer.from(record.publicKey, 'base64');
  const key = readKey(bytes, declared);
  if (key) {
    result.key = key;
    return result;
  }
  const other = readKey(bytes, declared === 'rsa' ? 'ed25519' : 'rsa');
  if (other) {
    result.key = other;
    return fail('keyTypeMismatch', `k=${declared}${get('k') === undefined ? ' (the default)' : ''} but p= holds an ${other.type} key`);
  }
  return fail('badKey', `p= does not hold a valid ${declared} public key`);
}

/** Decodes p= as the given type; undefined when the bytes are not such a key. */
export function readKey(bytes: Buffer, type: DkimKeyType): DkimPublicKey | undefined {
  if (type === 'ed25519') {
    if (bytes.length !== ED25519_KEY_BYTES) return undefined;
    const key = tryKey(() => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: bytes.toString('base64url') }, format: 'jwk' }));
    return key ? { type, bits: 256, encoding: 'raw' } : undefined;
  }
  // The common shapes are read from the DER bytes (createPublicKey dominated checks at scale);
  // node:crypto judges everything else.
  const fast = readRsaDer(bytes);
  if (fast) return { type, ...fast };
  // Deployed records carry a SubjectPublicKeyInfo; RFC 6376 §3.6.1 names the bare RSAPublicKey. Accept both.
  for (const encoding of ['spki', 'pkcs1'] as const) {
    const key = tryKey(() => createPublicKey({ key: bytes, format: 'der', type: encoding }));
    if (key?.asymmetricKeyType === 'rsa') {
      const bits = key.asymmetricKeyDetails?.modulusLength;
      if (bits !== undefined) return { type, bits, encoding };
    }
  }
  return undefined;
}

function tryKey(make: () => KeyObject): KeyObject | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}
