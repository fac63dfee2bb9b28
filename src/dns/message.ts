// Building queries and deciding whether a reply answers them. Both transports share this, so UDP
// and TCP apply exactly the same anti-spoofing test (RFC 5452 §9.1: id, question and source).

import { randomInt } from 'node:crypto';
import * as dnsPacket from 'dns-packet';
import { normaliseName, type RRType } from './types.js';
import { readReply, type Reply } from './reply-reader.js';
import { replyFromPacket } from './classify.js';

/** EDNS0 UDP payload size we advertise: the DNS Flag Day 2020 value, safe from IP fragmentation. */
export const EDNS_UDP_SIZE = 1232;
export const MAX_LABEL_BYTES = 63; // RFC 1035 §2.3.4
export const MAX_NAME_BYTES = 255; // RFC 1035 §2.3.4, on the wire (length octets included)

/**
 * Why `name` (normalised) cannot be asked, or undefined when it can. dns-packet would silently write a
 * label over 63 bytes as a compression pointer, so names are checked before they reach the encoder.
 */
export function checkQueryName(name: string): string | undefined {
  if (name === '') return undefined; // the root
  if (isPlainAsciiName(name)) return undefined;
  let wireBytes = 1; // the root label's zero octet
  for (const label of name.split('.')) {
    const bytes = Buffer.byteLength(label);
    if (bytes === 0) return `"${name}" has an empty label`;
    if (bytes > MAX_LABEL_BYTES) return `"${name}" has a label of ${bytes} bytes; the limit is ${MAX_LABEL_BYTES} (RFC 1035 §2.3.4)`;
    wireBytes += 1 + bytes;
  }
  if (wireBytes > MAX_NAME_BYTES) return `"${name}" is ${wireBytes} bytes on the wire; the limit is ${MAX_NAME_BYTES} (RFC 1035 §2.3.4)`;
  return undefined;
}

/**
 * The common case of checkQueryName in one pass over the characters, without splitting: ASCII, no
 * empty label, labels of at most 63 bytes, at most 255 bytes on the wire. False means "look closer".
 */
function isPlainAsciiName(name: string): boolean {
  // ASCII: one byte per character; the wire form is a length octet per label plus the root's zero.
  if (name.length + 2 > MAX_NAME_BYTES) return false;
  let label = 0;
  for (let i = 0; i < name.length; i += 1) {
    const code = name.charCodeAt(i);
    if (code >= 0x80) return false;
    if (code !== 0x2e) label += 1;
    else if (label === 0 || label > MAX_LABEL_BYTES) return false;
    else label = 0;
  }
  return label > 0 && label <= MAX_LABEL_BYTES;
}

export interface Question {
  name: string;
  type: RRType;
  /** RD flag: true for a recursive resolver, false when asking an authoritative server directly. */
  recursionDesired: boolean;
  /** Send an EDNS0 OPT record (default true); false only to retry a server that rejects EDNS. */
  edns?: boolean;
}

export type TransportResult =
  | { kind: 'response'; reply: Reply }
  | { kind: 'timeout' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'error'; reason: string };

/** A query id from the CSPRNG: predictable ids make cache poisoning easy (RFC 5452 §4.3). */
export function randomQueryId(): number {
  return randomInt(0, 0x10000);
}

const TYPE_CODES: Record<RRType, number> = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, SPF: 99, CAA: 257,
};
/** The EDNS0 OPT record we send: root owner, type 41, our payload size, no extended rcode, no flags or options. */
const OPT_RECORD = Buffer.from([0, 0, 41, EDNS_UDP_SIZE >> 8, EDNS_UDP_SIZE & 0xff, 0, 0, 0, 0, 0, 0]);

/**
 * The query message, byte for byte what dns-packet's encoder writes (test/dns/reply-reader.test.ts
 * compares them). Written here for the common case, a name of printable ASCII, because a query is
 * encoded per question and dns-packet's general encoder cost ~3 µs of it; any other name goes
 * through dns-packet.
 */
export function encodeQuery(question: Question, id: number): Buffer {
  const name = question.name;
  if (!isPrintableAscii(name)) return encodeWithDnsPacket(question, id);
  const edns = question.edns !== false;
  const nameBytes = name === '' ? 1 : name.length + 2;
  const message = Buffer.allocUnsafe(12 + nameBytes + 4 + (edns ? OPT_RECORD.length : 0));
  message.writeUInt16BE(id, 0);
  message.writeUInt16BE(question.recursionDesired ? dnsPacket.RECURSION_DESIRED : 0, 2);
  message.writeUInt32BE(0x00010000, 4); // one question, no answers
  message.writeUInt32BE(edns ? 1 : 0, 8); // no authority, the OPT record (or nothing) as additional
  let offset = 12;
  if (name !== '') {
    let lengthAt = offset;
    offset += 1;
    for (let i = 0; i < name.length; i += 1) {
      const code = name.charCodeAt(i);
      if (code === 0x2e) {
        message[lengthAt] = offset - lengthAt - 1;
        lengthAt = offset;
      } else {
        message[offset] = code;
      }
      offset += 1;
    }
    message[lengthAt] = offset - lengthAt - 1;
  }
  message[offset] = 0;
  message.writeUInt16BE(TYPE_CODES[question.type], offset + 1);
  message.writeUInt16BE(1, offset + 3); // class IN
  if (edns) OPT_RECORD.copy(message, offset + 5);
  return message;
}

/** Printable ASCII without empty labels or a dot at either end: what encodeQuery writes itself. */
function isPrintableAscii(name: string): boolean {
  let previous = 0x2e;
  for (let i = 0; i < name.length; i += 1) {
    const code = name.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f || (code === 0x2e && previous === 0x2e)) return false;
    previous = code;
  }
  return name === '' || previous !== 0x2e;
}

export function encodeWithDnsPacket(question: Question, id: number): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id,
    flags: question.recursionDesired ? dnsPacket.RECURSION_DESIRED : 0,
    // dns-packet's typings omit SPF, but its encoder knows type 99 by that name.
    questions: [{ name: question.name || '.', type: question.type as dnsPacket.RecordType, class: 'IN' }],
    additionals: question.edns === false ? [] : [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
  });
}

export type ReplyVerdict =
  | { kind: 'match'; reply: Reply }
  /** Decoded, but not an answer to our question (wrong id, question, or not a response): ignore it. */
  | { kind: 'foreign' }
  /** Could not be decoded at all. */
  | { kind: 'malformed'; reason: string };

/** Decide whether `message` (already known to come from the server we asked) answers our query. */
export function checkReply(message: Buffer, id: number, question: Question): ReplyVerdict {
  // The common reply is read in one pass; anything out of the ordinary goes through dns-packet.
  const reply = readReply(message, id, question);
  return reply ? { kind: 'match', reply } : decodeReply(message, id, question);
}

/** checkReply the thorough way: dns-packet decodes the whole message, then every check. */
export function decodeReply(message: Buffer, id: number, question: Question): ReplyVerdict {
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(message);
  } catch (error) {
    return { kind: 'malformed', reason: undecodable(message, error) };
  }
  if (packet.id !== id || !packet.flag_qr || (packet as { opcode?: unknown }).opcode !== 'QUERY') return { kind: 'foreign' };
  const questions: unknown = packet.questions;
  if (!Array.isArray(questions)) return { kind: 'malformed', reason: 'reply without a question section' };
  const rcode = (packet as { rcode?: unknown }).rcode;
  // A server refusing or not understanding the query may echo no question at all (RFC 1035 leaves
  // it open); accept that only for error codes, never for data.
  if (questions.length === 0) {
    return rcode !== 'NOERROR' && rcode !== 'NXDOMAIN' && isEmptyReply(packet) ? { kind: 'match', reply: replyFromPacket(packet) } : { kind: 'foreign' };
  }
  if (questions.length !== 1) return { kind: 'foreign' };
  const echoed: unknown = questions[0];
  if (typeof echoed !== 'object' || echoed === null) return { kind: 'foreign' };
  const { name, type, class: klass } = echoed as { name?: unknown; type?: unknown; class?: unknown };
  if (typeof name !== 'string' || normaliseName(name === '.' ? '' : name) !== normaliseName(question.name)) return { kind: 'foreign' };
  if (type !== question.type || klass !== 'IN') return { kind: 'foreign' };
  return { kind: 'match', reply: replyFromPacket(packet) };
}

/** Why `message` cannot be decoded at all, or undefined when it can. */
export function whyUndecodable(message: Buffer): string | undefined {
  try {
    dnsPacket.decode(message);
    return undefined;
  } catch (error) {
    return undecodable(message, error);
  }
}

function undecodable(message: Buffer, error: unknown): string {
  return `undecodable reply of ${message.length} bytes (${describe(error)})`;
}

function isEmptyReply(packet: dnsPacket.DecodedPacket): boolean {
  return (packet.answers?.length ?? 0) === 0 && (packet.authorities?.length ?? 0) === 0;
}

export function describe(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}
