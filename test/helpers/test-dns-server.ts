// An in-process DNS server (UDP and TCP on one free 127.0.0.1 port) for what real servers will not
// do on demand: drop, delay, truncate, lie about the id or question, answer from another port, send
// garbage, fail with any rcode, cut a TCP stream mid-message, pack several messages in one segment.
//
// Each query goes to a script that returns the actions to take; `answer()` builds the honest reply
// from the server's record list, so a script only describes how it deviates from it.

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import * as dnsPacket from 'dns-packet';

export interface ReceivedQuery {
  id: number;
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
  recursionDesired: boolean;
  /** EDNS0 UDP payload size advertised, if the query had an OPT record. */
  ednsUdpSize?: number;
  /** Source port of a UDP query. */
  sourcePort?: number;
  /** TCP: which connection (1, 2, …) carried the query. */
  connection?: number;
}

export type Action =
  /** Encode and send `packet`; over TCP in pieces of `chunkSize` bytes when given. */
  | { kind: 'reply'; packet: dnsPacket.Packet; delayMs?: number; fromOtherPort?: boolean; chunkSize?: number }
  /** Send bytes as they are (framed with a length prefix over TCP). */
  | { kind: 'raw'; bytes: Buffer; delayMs?: number; fromOtherPort?: boolean }
  /** TCP: send the length prefix and the first `keepBytes` bytes of the message, then close. */
  | { kind: 'cut'; packet: dnsPacket.Packet; keepBytes: number }
  /** TCP: close the connection. */
  | { kind: 'close' }
  /** TCP: reset the connection (RST), after `delayMs`. */
  | { kind: 'reset'; delayMs?: number };

export type Script = (query: ReceivedQuery, answer: () => dnsPacket.Packet) => Action[];

export interface TestDnsServer {
  host: string;
  port: number;
  /** "127.0.0.1:PORT" or "[::1]:PORT". */
  nameserver: string;
  /** Every query received, in order. */
  queries: ReceivedQuery[];
  /** Most queries ever waiting for a reply at once (a query waits until its script's last action ran). */
  maxOutstanding: number;
  /** TCP connections open now. */
  openConnections(): number;
  /** TCP connections accepted so far, with or without a query on them (numbered 1, 2, … as in `connection`). */
  acceptedConnections(): number;
  script: Script;
  close(): Promise<void>;
}

export interface TestDnsServerOptions {
  /** Records served by `answer()`; the first SOA is the zone's, used for negative answers. */
  records?: dnsPacket.Answer[];
  script?: Script;
  host?: string;
}

/** The honest answer: like an authoritative server, CNAMEs chased within the record list. */
export function answerFrom(records: dnsPacket.Answer[], query: dnsPacket.DecodedPacket): dnsPacket.Packet {
  const question = query.questions![0]!;
  const soa = records.find((r) => r.type === 'SOA');
  const same = (a: string, b: string): boolean => a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '');
  const answers: dnsPacket.Answer[] = [];
  let name = question.name;
  let rcode = 0;
  for (let hops = 0; hops < 20; hops += 1) {
    const own = records.filter((r) => same(r.name, name));
    const wanted = own.filter((r) => r.type === question.type);
    const cname = own.find((r) => r.type === 'CNAME');
    if (wanted.length > 0) answers.push(...wanted);
    else if (cname && question.type !== 'CNAME') {
      if (answers.includes(cname)) break; // loop: send what we have, as Knot does
      answers.push(cname);
      name = (cname as { data: string }).data;
      continue;
    } else if (!isKnownName(records, name)) rcode = 3;
    break;
  }
  return {
    type: 'response',
    id: query.id,
    flags: dnsPacket.AUTHORITATIVE_ANSWER | rcode,
    questions: query.questions,
    answers,
    authorities: answers.length === 0 && soa ? [soa] : [],
  };
}

function isKnownName(records: dnsPacket.Answer[], name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  // An empty non-terminal exists too (RFC 8020): any record below it makes it NODATA, not NXDOMAIN.
  return records.some((r) => {
    const owner = r.name.toLowerCase().replace(/\.$/, '');
    return owner === n || owner.endsWith(`.${n}`);
  });
}

/** A reply with another rcode and nothing else (SERVFAIL, REFUSED, NOTIMP, …). */
export function rcodeReply(query: ReceivedQuery, rcode: string, options: { echoQuestion?: boolean } = {}): dnsPacket.Packet {
  return {
    type: 'response',
    id: query.id,
    flags: dnsPacket.AUTHORITATIVE_ANSWER | rcodeNumber(rcode),
    questions: options.echoQuestion === false ? [] : [{ name: query.name, type: query.type as dnsPacket.RecordType, class: 'IN' }],
  };
}

function rcodeNumber(rcode: string): number {
  const codes: Record<string, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 };
  const code = codes[rcode];
  if (code === undefined) throw new Error(`unknown rcode ${rcode}`);
  return code;
}

export async function startTestDnsServer(options: TestDnsServerOptions = {}): Promise<TestDnsServer> {
  const host = options.host ?? '127.0.0.1';
  const family = host.includes(':') ? 'udp6' : 'udp4';
  const records = options.records ?? [];
  for (let attempt = 0; ; attempt += 1) {
    const udp = createSocket(family);
    const other = createSocket(family);
    await new Promise<void>((resolve, reject) => { udp.once('error', reject); udp.bind(0, host, resolve); });
    await new Promise<void>((resolve, reject) => { other.once('error', reject); other.bind(0, host, resolve); });
    const port = udp.address().port;
    const tcp = createServer();
    const listening = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, host, () => resolve(true));
    });
    if (!listening) {
      udp.close();
      other.close();
      if (attempt < 10) continue; // the TCP side of this port was taken: try another
      throw new Error('no free port for the test DNS server');
    }
    return serve(host, port, udp, other, tcp, records, options.script ?? ((_q, answer) => [{ kind: 'reply', packet: answer() }]));
  }
}

function serve(
  host: string, port: number, udp: UdpSocket, other: UdpSocket, tcp: Server, records: dnsPacket.Answer[], script: Script,
): TestDnsServer {
  const connections = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let outstanding = 0;
  const server: TestDnsServer = {
    host,
    port,
    nameserver: host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`,
    queries: [],
    maxOutstanding: 0,
    openConnections: () => connections.size,
    acceptedConnections: () => connectionCount,
    script,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of connections) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => other.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };

  const later = (delayMs: number | undefined, run: () => void): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => { timers.delete(timer); run(); resolve(); }, delayMs ?? 0);
      timers.add(timer);
    });

  let connectionCount = 0;
  const receive = (
    message: Buffer, transport: 'udp' | 'tcp', from: { sourcePort?: number; connection?: number },
  ): { query: ReceivedQuery; actions: Action[] } | undefined => {
    let decoded: dnsPacket.DecodedPacket;
    try {
      decoded = dnsPacket.decode(message);
    } catch {
      return undefined;
    }
    const question = decoded.questions?.[0];
    if (!question) return undefined;
    const opt = decoded.additionals?.find((a) => a.type === 'OPT') as dnsPacket.OptAnswer | undefined;
    const query: ReceivedQuery = {
      id: decoded.id ?? 0, name: question.name, type: question.type, transport, recursionDesired: decoded.flag_rd,
    };
    if (opt) query.ednsUdpSize = opt.udpPayloadSize;
    if (from.sourcePort !== undefined) query.sourcePort = from.sourcePort;
    if (from.connection !== undefined) query.connection = from.connection;
    server.queries.push(query);
    return { query, actions: server.script(query, () => answerFrom(records, decoded)) };
  };

  const track = async (actions: Promise<void>[]): Promise<void> => {
    outstanding += 1;
    server.maxOutstanding = Math.max(server.maxOutstanding, outstanding);
    await Promise.all(actions);
    outstanding -= 1;
  };

  udp.on('message', (message, from) => {
    const received = receive(message, 'udp', { sourcePort: from.port });
    if (!received) return;
    void track(received.actions.map((action) => {
      if (action.kind !== 'reply' && action.kind !== 'raw') return Promise.resolve();
      const bytes = action.kind === 'reply' ? dnsPacket.encode(action.packet) : action.bytes;
      const socket = action.fromOtherPort ? other : udp;
      return later(action.delayMs, () => socket.send(bytes, from.port, from.address));
    }));
  });

  tcp.on('connection', (socket) => {
    connections.add(socket);
    connectionCount += 1;
    const connection = connectionCount;
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) {
        const message = buffer.subarray(2, 2 + buffer.readUInt16BE(0));
        buffer = buffer.subarray(2 + message.length);
        const received = receive(message, 'tcp', { connection });
        if (received) void track([sendOverTcp(socket, received.actions, later)]);
      }
    });
  });
  return server;
}

/** Run TCP actions in order; undelayed messages that follow each other go out in one write. */
async function sendOverTcp(
  socket: Socket, actions: Action[], later: (delayMs: number | undefined, run: () => void) => Promise<void>,
): Promise<void> {
  let batch: Buffer[] = [];
  const flush = (): void => {
    if (batch.length > 0 && !socket.destroyed) socket.write(Buffer.concat(batch));
    batch = [];
  };
  for (const action of actions) {
    if (action.kind === 'close') {
      flush();
      socket.end();
      continue;
    }
    if (action.kind === 'reset') {
      flush();
      await later(action.delayMs, () => { if (!socket.destroyed) socket.resetAndDestroy(); });
      continue;
    }
    if (action.kind === 'cut') {
      const framed = frame(dnsPacket.encode(action.packet));
      flush();
      socket.end(framed.subarray(0, 2 + action.keepBytes));
      continue;
    }
    const framed = frame(action.kind === 'reply' ? dnsPacket.encode(action.packet) : action.bytes);
    if (action.delayMs) {
      flush();
      await later(action.delayMs, () => undefined);
    }
    if (action.kind === 'reply' && action.chunkSize) {
      flush();
      for (let at = 0; at < framed.length; at += action.chunkSize) {
        const piece = framed.subarray(at, at + action.chunkSize);
        await later(1, () => { if (!socket.destroyed) socket.write(piece); });
      }
      continue;
    }
    batch.push(framed);
  }
  flush();
}

function frame(message: Buffer): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(message.length);
  return Buffer.concat([prefix, message]);
}
