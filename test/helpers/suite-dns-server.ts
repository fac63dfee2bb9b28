// A tiny authoritative DNS server for the OpenSPF suite's zone data, on a free 127.0.0.1 port, UDP and
// TCP. It answers like an authoritative server: CNAME chains followed inside the zone, NXDOMAIN vs
// NODATA, TC set when a UDP answer does not fit, and silence for the suite's TIMEOUT entries.

import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import dnsPacket from 'dns-packet';
import type { DnsRecord, RRType } from '../../src/dns/types.js';
import { answerSuiteQuestion, type SuiteZone } from '../spf/suite-zone.js';

export interface SuiteDnsServer {
  /** "127.0.0.1:port", as checkHost's `nameservers` takes it. */
  address: string;
  port: number;
  close(): Promise<void>;
}

const CLASSIC_UDP_LIMIT = 512; // RFC 1035 §4.2.1, when the query carries no EDNS0 OPT record

type Answer = dnsPacket.Answer;

const RCODES = { NOERROR: 0, FORMERR: 1, NXDOMAIN: 3 } as const; // RFC 1035 §4.1.1

function toAnswer(owner: string, record: DnsRecord): Answer {
  const base = { name: owner, ttl: record.ttl, class: 'IN' as const };
  switch (record.type) {
    case 'TXT':
    case 'SPF':
      return { ...base, type: record.type, data: (record.strings ?? [record.value]).map((s) => Buffer.from(s, 'utf8')) } as Answer;
    case 'MX':
      return { ...base, type: 'MX', data: { preference: record.preference ?? 0, exchange: record.exchange || '.' } };
    case 'CNAME':
    case 'PTR':
      return { ...base, type: record.type, data: record.target ?? record.value };
    case 'A':
    case 'AAAA':
      return { ...base, type: record.type, data: record.value };
    default:
      throw new Error(`suite DNS server: cannot encode ${record.type}`);
  }
}

/** The response to one query, or undefined for the suite's TIMEOUT (no answer at all). */
export function respond(zone: SuiteZone, query: dnsPacket.Packet): dnsPacket.Packet | undefined {
  const question = query.questions?.[0];
  const base = { id: query.id ?? 0, type: 'response' as const, questions: query.questions ?? [] };
  if (!question) return { ...base, flags: dnsPacket.AUTHORITATIVE_ANSWER | RCODES.FORMERR };
  const answers: Answer[] = [];
  const seen = new Set<string>();
  let owner = question.name;
  for (;;) {
    const answer = answerSuiteQuestion(zone, owner, question.type as RRType);
    if (answer.kind === 'timeout') return answers.length ? reply('NOERROR') : undefined;
    if (answer.kind === 'nxdomain') return reply('NXDOMAIN');
    if (answer.kind === 'nodata') return reply('NOERROR');
    if (answer.kind === 'records') {
      answers.push(...answer.records.map((r) => toAnswer(owner, r)));
      return reply('NOERROR');
    }
    answers.push(toAnswer(owner, answer.record));
    seen.add(owner.toLowerCase());
    owner = answer.record.target ?? '';
    if (seen.has(owner)) return reply('NOERROR'); // a loop: hand the chain over, the resolver notices
  }
  function reply(rcode: keyof typeof RCODES): dnsPacket.Packet {
    // dns-packet writes the RCODE from the low bits of `flags`, not from `rcode`.
    return { ...base, flags: dnsPacket.AUTHORITATIVE_ANSWER | RCODES[rcode], answers };
  }
}

function udpLimit(query: dnsPacket.Packet): number {
  const opt = query.additionals?.find((a) => a.type === 'OPT') as { udpPayloadSize?: number } | undefined;
  return Math.max(CLASSIC_UDP_LIMIT, opt?.udpPayloadSize ?? CLASSIC_UDP_LIMIT);
}

export async function startSuiteDnsServer(zone: SuiteZone): Promise<SuiteDnsServer> {
  for (let attempt = 0; ; attempt++) {
    const udp = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => resolve());
    });
    const port = udp.address().port;
    const sockets = new Set<TcpSocket>();
    const tcp = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      serveTcp(zone, socket);
    });
    const listening = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!listening) {
      udp.close();
      if (attempt > 20) throw new Error('suite DNS server: no free port for UDP and TCP');
      continue;
    }
    serveUdp(zone, udp);
    return { address: `127.0.0.1:${port}`, port, close: () => closeBoth(udp, tcp, sockets) };
  }
}

function serveUdp(zone: SuiteZone, udp: Socket): void {
  udp.on('message', (message, remote) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const response = respond(zone, query);
    if (!response) return;
    let wire = dnsPacket.encode(response);
    if (wire.length > udpLimit(query)) {
      wire = dnsPacket.encode({ ...response, answers: [], flags: (response.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE });
    }
    udp.send(wire, remote.port, remote.address);
  });
}

function serveTcp(zone: SuiteZone, socket: TcpSocket): void {
  let buffer = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 2) {
      const length = buffer.readUInt16BE(0);
      if (buffer.length < 2 + length) return;
      const message = buffer.subarray(2, 2 + length);
      buffer = buffer.subarray(2 + length);
      let response: dnsPacket.Packet | undefined;
      try {
        response = respond(zone, dnsPacket.decode(message));
      } catch {
        socket.destroy();
        return;
      }
      if (!response) continue; // TIMEOUT: keep the connection open and say nothing
      const wire = dnsPacket.encode(response);
      const framed = Buffer.alloc(2 + wire.length);
      framed.writeUInt16BE(wire.length, 0);
      wire.copy(framed, 2);
      socket.write(framed);
    }
  });
}

async function closeBoth(udp: Socket, tcp: Server, sockets: Set<TcpSocket>): Promise<void> {
  await new Promise<void>((resolve) => udp.close(() => resolve()));
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => tcp.close(() => resolve()));
}
