// A one-pass reader for the replies maildns gets nearly every time: straight from the wire bytes to
// the Reply the resolver classifies, without dns-packet's object per record, Buffer per string and
// second pass through decodeRecord.
//
// It is an accelerator, not a second judge. It accepts only messages it can read with certainty —
// every length in bounds and consistent, names plain ASCII or UTF-8 labels without dots inside,
// the header id, QR, opcode and the one echoed question exactly ours. For anything else (garbage,
// hostile compression, a foreign or odd question, records out of the common case) it
// answers `undefined` and checkReply decodes the message with dns-packet as before, so every
// hostile case keeps the status and reason it had. Records of types it does not read itself are
// handed, one by one, to dns-packet's own record decoder at the same offset, so what dns-packet
// would reject, this rejects too. test/dns/reply-reader.test.ts holds it to the dns-packet path
// on valid replies and on fuzzed ones.
//
// Why not a package: the cost was never dns-packet's decode alone (3.5-4 µs for a DKIM TXT or MX
// reply) but decode plus our second pass over its objects (13-18 µs together); this reader does both
// in 2.6-5 µs. @leichtgewicht/dns-packet 6 decodes in 1.8-4 µs but into the same objects, so the
// second pass would stay; dns2 3 took 420-770 µs and logs and skips a section it cannot parse,
// which would hide malformed replies. (Measured side by side, 200,000 decodes each, 2026-11-27.)

import * as dnsPacket from 'dns-packet';
import type { Question } from './message.js';
import type { DnsRecord, RRType } from './types.js';
import { decodeRecord, decodeText } from './wire-records.js';

/** A reply matched to our question, read once: what classifyReply needs and nothing more. */
export interface Reply {
  /** The rcode name, extended by the OPT record's upper bits (RFC 6891 §6.1.3). */
  rcode: string;
  aa: boolean;
  /** TC: the answer did not fit and is incomplete. */
  tc: boolean;
  /** The reply carried an OPT record (a server without EDNS answers FORMERR without one). */
  edns: boolean;
  /** Answer-section records of the types maildns models, in message order. */
  answers: DnsRecord[];
  /** Authority-section records of the types maildns models. */
  authority: DnsRecord[];
  /** Why a record of a type maildns models could not be read; answers and authority are then empty. */
  malformed?: string;
}

const TYPE_CODES: Record<RRType, number> = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, SPF: 99, CAA: 257,
};
const OPT = 41;
const MAX_LABEL = 63; // RFC 1035 §2.3.4
/** Where name() assembles an ASCII name: at most 254 bytes of labels and dots (dns-packet's limit). */
const NAME_SCRATCH = Buffer.allocUnsafe(256);
/** labels()' output: [start, stop) of each label; 254 bytes allow at most 127 labels. */
const LABEL_SPANS = new Int32Array(2 * 128);
const RCODES = [
  'NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET',
  'NOTAUTH', 'NOTZONE', 'RCODE_11', 'RCODE_12', 'RCODE_13', 'RCODE_14', 'RCODE_15',
];

/** dns-packet's record decoder (untyped in @types/dns-packet): the reference for types read here too. */
const recordCodec = (dnsPacket as unknown as {
  answer: { decode: ((buf: Buffer, offset: number) => Record<string, unknown> & { type: string }) & { bytes: number } };
}).answer;


/** Thrown inside the reader when it cannot be sure; caught at the top, never escapes. */
const UNSURE = Symbol('unsure');

type Section = 'answer' | 'authority' | 'additional';

/**
 * Read `message` as the reply to `question` with `id`. Returns the Reply, or undefined when the
 * message is not the plain case — then the caller must decode it the thorough way.
 */
export function readReply(message: Buffer, id: number, question: Question): Reply | undefined {
  try {
    return new ReplyReader(message).read(id, question);
  } catch {
    // UNSURE, or dns-packet / decodeRecord rejecting a delegated record: the slow path says why.
    return undefined;
  }
}

class ReplyReader {
  /** Offset just past the last name read (pointers not followed), like dns-packet's decode.bytes. */
  private nameEnd = 0;
  /** The echoed question's name, reused for owner names that point at it (0xc00c, nearly all). */
  private questionName: string | undefined;
  private rcodeHigh = -1;
  private edns = false;

  constructor(private readonly buf: Buffer) {}

  read(id: number, question: Question): Reply | undefined {
    const buf = this.buf;
    if (buf.length < 12) return undefined;
    const flags = (buf[2]! << 8) | buf[3]!;
    if (((buf[0]! << 8) | buf[1]!) !== id || (flags & 0x8000) === 0 || ((flags >> 11) & 0xf) !== 0) return undefined;
    if (this.u16(4) !== 1) return undefined;
    let offset = this.echoedNameEnd(question.name);
    if (offset < 0) {
      if (this.name(12) !== question.name) return undefined;
      offset = this.nameEnd;
    }
    if (offset + 4 > buf.length) return undefined;
    if (this.u16(offset) !== TYPE_CODES[question.type] || this.u16(offset + 2) !== 1) return undefined;
    this.questionName = question.name;
    offset += 4;
    const answers: DnsRecord[] = [];
    const authority: DnsRecord[] = [];
    offset = this.section(offset, this.u16(6), 'answer', answers);
    offset = this.section(offset, this.u16(8), 'authority', authority);
    this.section(offset, this.u16(10), 'additional', undefined);
    const low = flags & 0xf;
    let rcode = RCODES[low]!;
    if (this.rcodeHigh > 0) {
      const full = (this.rcodeHigh << 4) | low;
      rcode = full === 16 ? 'BADVERS' : `RCODE_${full}`;
    }
    return { rcode, aa: (flags & 0x400) !== 0, tc: (flags & 0x200) !== 0, edns: this.edns, answers, authority };
  }

  private section(offset: number, count: number, section: Section, into: DnsRecord[] | undefined): number {
    for (let i = 0; i < count; i += 1) offset = this.record(offset, section, into);
    return offset;
  }

  /** One resource record at `offset`; returns the offset of the next. */
  private record(offset: number, section: Section, into: DnsRecord[] | undefined): number {
    const buf = this.buf;
    const owner = this.name(offset);
    const fixed = this.nameEnd;
    if (fixed + 10 > buf.length) throw UNSURE;
    const type = this.u16(fixed);
    const rdStart = fixed + 10;
    const rdEnd = rdStart + this.u16(fixed + 8);
    if (rdEnd > buf.length) throw UNSURE;
    if (type === OPT) {
      if (rdEnd !== rdStart) return this.delegate(offset, section, into);
      if (section === 'additional') this.noteOpt(buf[fixed + 4]!);
      return rdEnd;
    }
    const rawTtl = buf.readUInt32BE(fixed + 4);
    // RFC 2181 §8: a TTL with the most significant bit set is to be treated as zero.
    const ttl = rawTtl > 0x7fffffff ? 0 : rawTtl;
    let record: DnsRecord;
    switch (type) {
      case 1: { // A
        if (rdEnd - rdStart !== 4) throw UNSURE;
        record = { name: owner, type: 'A', ttl, value: `${buf[rdStart]}.${buf[rdStart + 1]}.${buf[rdStart + 2]}.${buf[rdStart + 3]}` };
        break;
      }
      case 2: case 5: case 12: { // NS, CNAME, PTR
        const target = this.name(rdStart);
        if (this.nameEnd !== rdEnd) throw UNSURE;
        record = { name: owner, type: type === 2 ? 'NS' : type === 5 ? 'CNAME' : 'PTR', ttl, value: target, target };
        break;
      }
      case 15: { // MX
        if (rdStart + 2 > rdEnd) throw UNSURE;
        const preference = this.u16(rdStart);
        const exchange = this.name(rdStart + 2); // the null MX "." becomes ""
        if (this.nameEnd !== rdEnd) throw UNSURE;
        record = { name: owner, type: 'MX', ttl, value: `${preference} ${exchange || '.'}`, preference, exchange };
        break;
      }
      case 16: { // TXT: dns-packet accepts an empty rdata as no strings at all
        const strings = this.characterStrings(rdStart, rdEnd);
        record = { name: owner, type: 'TXT', ttl, value: joined(strings), strings }; // RFC 7208 §3.3
        break;
      }
      case 99: { // SPF: wire-records.ts calls an empty rdata malformed; leave that to the slow path
        if (rdEnd === rdStart) throw UNSURE;
        const strings = this.characterStrings(rdStart, rdEnd);
        record = { name: owner, type: 'SPF', ttl, value: joined(strings), strings };
        break;
      }
      case 6: { // SOA
        const mname = this.name(rdStart);
        const rname = this.name(this.nameEnd); // dns-packet escapes dots in its labels; name() refuses them
        const numbers = this.nameEnd;
        if (numbers + 20 !== rdEnd) throw UNSURE;
        const serial = buf.readUInt32BE(numbers);
        const value = `${mname} ${rname} ${serial} ${buf.readUInt32BE(numbers + 4)} ${buf.readUInt32BE(numbers + 8)} ${buf.readUInt32BE(numbers + 12)} ${buf.readUInt32BE(numbers + 16)}`;
        record = { name: owner, type: 'SOA', ttl, value, serial };
        break;
      }
      case 28: // AAAA: glue beside MX answers is not kept, so it need not be formatted
        if (section !== 'additional' || rdEnd - rdStart !== 16) return this.delegate(offset, section, into);
        return rdEnd;
      default:
        return this.delegate(offset, section, into);
    }
    if (into) into.push(record);
    return rdEnd;
  }

  /** A record of a type not read here: dns-packet decodes it exactly as its full decode would. */
  private delegate(offset: number, section: Section, into: DnsRecord[] | undefined): number {
    const entry = recordCodec.decode(this.buf, offset); // may throw: the slow path then says why
    const next = offset + recordCodec.decode.bytes;
    if (!Number.isInteger(next) || next > this.buf.length) throw UNSURE;
    if (entry.type === 'OPT') {
      if (section === 'additional') this.noteOpt(entry.extendedRcode as number);
      return next;
    }
    if (into) {
      const record = decodeRecord(entry); // throws MalformedRecordError: the slow path reports it
      if (record) into.push(record);
    }
    return next;
  }

  private noteOpt(extendedRcode: number): void {
    if (!this.edns) this.rcodeHigh = extendedRcode; // the first OPT speaks, as in classify.ts
    this.edns = true;
  }

  /** RFC 1035 §3.3 character-strings filling [start, end) exactly. */
  private characterStrings(start: number, end: number): string[] {
    const buf = this.buf;
    const strings: string[] = [];
    let offset = start;
    while (offset < end) {
      const stop = offset + 1 + buf[offset]!;
      if (stop > end) throw UNSURE;
      strings.push(isAscii(buf, offset + 1, stop) ? buf.toString('latin1', offset + 1, stop) : decodeText(buf.subarray(offset + 1, stop)));
      offset = stop;
    }
    return strings;
  }

  /**
   * Where the echoed question's name (at offset 12) ends when it spells `name` in plain ASCII labels
   * without pointers, folding case as name() does; -1 when it does not, or is anything but plain
   * (name() then reads it the thorough way). The echoed name is nearly always ours: comparing its
   * bytes builds no string (the echoed name was ~30 MB of a 10,000-domain run's allocation).
   */
  private echoedNameEnd(name: string): number {
    const buf = this.buf;
    let offset = 12;
    let at = 0; // where in `name` the next label must be
    let total = 0;
    for (;;) {
      if (offset >= buf.length) return -1;
      const length = buf[offset++]!;
      if (length === 0) return at === name.length ? offset : -1;
      if (length > MAX_LABEL) return -1; // a pointer, or a reserved label type
      if (at > 0) {
        if (name.charCodeAt(at) !== 0x2e) return -1;
        at += 1;
      }
      const stop = offset + length;
      total += length + 1;
      if (stop > buf.length || total > 254 || at + length > name.length) return -1;
      for (let i = offset; i < stop; i += 1) {
        const byte = buf[i]!;
        if (byte >= 0x80 || byte === 0x2e) return -1;
        if ((byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte) !== name.charCodeAt(at)) return -1;
        at += 1;
      }
      offset = stop;
    }
  }

  /**
   * The name at `offset`, normalised (lower-case, "" for the root), with dns-packet's limits: 254
   * bytes of labels, pointers only backwards. Sets nameEnd. Labels holding a dot are left to the
   * slow path (dns-packet would join them ambiguously, and escape them in an SOA rname).
   */
  private name(offset: number): string {
    const buf = this.buf;
    if (this.questionName !== undefined && buf[offset] === 0xc0 && buf[offset + 1] === 12) {
      this.nameEnd = offset + 2;
      return this.questionName;
    }
    // ASCII labels are copied, lower-cased, into one scratch buffer and made one string: a string
    // per label and per join was ~20 MB of a 10,000-domain run. Other names go the general way.
    const count = this.labels(offset);
    let written = 0;
    for (let l = 0; l < count; l += 1) {
      if (written > 0) NAME_SCRATCH[written++] = 0x2e;
      for (let i = LABEL_SPANS[2 * l]!; i < LABEL_SPANS[2 * l + 1]!; i += 1) {
        const byte = buf[i]!;
        if (byte === 0x2e) throw UNSURE;
        if (byte >= 0x80) return this.unicodeName(count);
        NAME_SCRATCH[written++] = byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
      }
    }
    return NAME_SCRATCH.toString('latin1', 0, written);
  }

  /** name() for a name with a label beyond ASCII: the `count` labels labels() found, as UTF-8, joined, then lower-cased. */
  private unicodeName(count: number): string {
    const buf = this.buf;
    let name = '';
    let folded = false;
    for (let l = 0; l < count; l += 1) {
      const from = LABEL_SPANS[2 * l]!;
      const stop = LABEL_SPANS[2 * l + 1]!;
      let ascii = true;
      for (let i = from; i < stop; i += 1) {
        const byte = buf[i]!;
        if (byte === 0x2e) throw UNSURE;
        if (byte >= 0x80) ascii = false;
        else if (byte >= 0x41 && byte <= 0x5a) folded = true;
      }
      if (!ascii) folded = true;
      const label = ascii ? buf.toString('latin1', from, stop) : buf.toString('utf-8', from, stop);
      name = name === '' ? label : `${name}.${label}`;
    }
    // normaliseName lower-cases the joined name (toLowerCase is context-sensitive beyond ASCII).
    return folded ? name.toLowerCase() : name;
  }

  /**
   * Walks the labels of the name at `offset`, following compression pointers (backwards only), into
   * LABEL_SPANS as [start, stop) pairs; returns how many. Sets nameEnd. At most 254 bytes of labels.
   */
  private labels(offset: number): number {
    const buf = this.buf;
    let count = 0;
    let end = -1;
    let segment = offset;
    let total = 0;
    for (;;) {
      if (offset >= buf.length) throw UNSURE;
      const length = buf[offset++]!;
      if (length === 0) break;
      if ((length & 0xc0) === 0) {
        const stop = offset + length;
        if (stop > buf.length) throw UNSURE;
        total += length + 1;
        if (total > 254) throw UNSURE;
        LABEL_SPANS[2 * count] = offset;
        LABEL_SPANS[2 * count + 1] = stop;
        count += 1;
        offset = stop;
      } else if ((length & 0xc0) === 0xc0) {
        if (offset + 1 > buf.length) throw UNSURE;
        const jump = ((length & 0x3f) << 8) | buf[offset]!;
        if (jump >= segment) throw UNSURE;
        if (end < 0) end = offset + 1;
        offset = jump;
        segment = jump;
      } else {
        throw UNSURE;
      }
    }
    this.nameEnd = end < 0 ? offset : end;
    return count;
  }

  private u16(offset: number): number {
    return (this.buf[offset]! << 8) | this.buf[offset + 1]!;
  }
}

/** TXT/SPF data is its strings joined (RFC 7208 §3.3); one string is itself, with no copy. */
function joined(strings: string[]): string {
  return strings.length === 1 ? strings[0]! : strings.join('');
}

function isAscii(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) if (buf[i]! >= 0x80) return false;
  return true;
}
