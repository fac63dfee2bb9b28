// Questions over UDP through a small pool of sockets per server: EDNS0 advertising 1232 bytes, and a
// reply accepted only from the server we asked, with our id and our question. Anything else is
// ignored and we keep waiting until the timeout.
//
// Why a pool and not a fresh socket per query: profiling a 2,000-domain batch showed socket
// creation, bind and close per query costing more than half of the UDP time, and one reused socket
// sent about 3.7 times as many queries per second (bench/RESULTS.md). c-ares (Node's own resolver)
// reuses one socket indefinitely; we keep most of the spoofing resistance of per-query ports
// (RFC 5452 §4.5, §10) instead: SOCKETS_PER_SERVER sockets on kernel-chosen random ports take queries
// in turn, each retires after QUERIES_PER_SOCKET queries for a new one on a new port, ids come from
// the CSPRNG and are never shared by two outstanding queries on a socket, and each socket is
// connect()ed, so the kernel drops datagrams from any other source.

import { createSocket, type Socket } from 'node:dgram';
import { canonicalIpv6, type Nameserver } from './nameservers.js';
import { DeadlineTimer, type Waiting } from './deadline-timer.js';
import { checkReply, describe, encodeQuery, randomQueryId, type Question, type TransportResult } from './message.js';

/** Sockets open per server at once; queries take them in turn. */
export const SOCKETS_PER_SERVER = 8;
/** Queries one socket carries before it is retired for a socket on a fresh random port. */
export const QUERIES_PER_SOCKET = 64;

interface Pending extends Waiting {
  question: Question;
  resolve: (result: TransportResult) => void;
}

/** One connected socket and the queries waiting on it, keyed by id. */
class PooledSocket {
  readonly pending = new Map<number, Pending>();
  used = 0;
  retired = false;
  /** Queries encoded and waiting for the next flush(), in the order asked. */
  private outbox: Array<{ id: number; message: Buffer }> = [];
  private readonly socket: Socket;
  private readonly ready: Promise<string | undefined>;
  /** connect() succeeded: queries go straight to the outbox, without waiting on `ready`. */
  private connected = false;
  /** Ends the queries whose deadline has passed (deadline-timer.ts): one timer per socket, not per query. */
  private readonly deadlines = new DeadlineTimer(this.pending, (id, result) => this.settle(id, result));

  constructor(private readonly server: Nameserver) {
    this.socket = createSocket(server.family === 6 ? 'udp6' : 'udp4');
    // Pending timers keep the process alive while queries wait; an idle socket must not.
    this.socket.unref();
    this.socket.on('message', (reply, from) => this.receive(reply, from.address, from.port));
    // connect() also reports ICMP port-unreachable as ECONNREFUSED: a server that is down fails fast.
    this.socket.on('error', (error) => this.failAll(`UDP: ${describe(error)}`));
    this.ready = new Promise((resolve) => {
      this.socket.once('error', (error) => resolve(`UDP: ${describe(error)}`));
      this.socket.connect(server.port, server.host, () => {
        this.connected = true;
        resolve(undefined);
      });
    });
  }

  exchange(question: Question, timeoutMs: number): Promise<TransportResult> {
    this.used += 1;
    let id = randomQueryId();
    while (this.pending.has(id)) id = randomQueryId();
    const message = encodeQuery(question, id);
    return new Promise((resolve) => {
      const deadline = Date.now() + timeoutMs;
      this.pending.set(id, { question, resolve, deadline });
      this.deadlines.expect(deadline);
      if (this.connected) return this.post(id, message);
      void this.ready.then((problem) => {
        if (!this.pending.has(id)) return;
        if (problem) return this.settle(id, { kind: 'error', reason: problem });
        this.post(id, message);
      });
    });
  }

  private post(id: number, message: Buffer): void {
    this.outbox.push({ id, message });
    if (this.outbox.length === 1) setImmediate(this.flushSoon);
  }

  private readonly flushSoon = (): void => this.flush();

  /**
   * Sends the queries asked since the last flush, back to back. Why not send each at once: a
   * datagram that wakes an idle server costs the sender ~40 µs in sendto on a 2-core VM (the
   * wake-up), one sent while the server is still busy ~5 µs. Replies arrive in bursts and each
   * asks the next question; sending once per event-loop turn, after the burst is read, cut the
   * time spent in sendto from 37 to 15 µs per query at 5,000 domains.
   */
  private flush(): void {
    const outbox = this.outbox;
    this.outbox = [];
    for (const { id, message } of outbox) {
      if (!this.pending.has(id)) continue;
      this.socket.send(message, (error) => {
        if (error) this.settle(id, { kind: 'error', reason: `UDP send: ${describe(error)}` });
      });
    }
  }

  /** End every waiting query with `reason` (resolver closed, socket error). */
  failAll(reason: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, { kind: 'error', reason });
    this.retire();
  }

  /** Take no more queries; close once the last waiting one is settled. */
  retire(): void {
    this.retired = true;
    if (this.pending.size === 0) this.close();
  }

  private receive(reply: Buffer, address: string, port: number): void {
    // connect() already filters by source; the check stays for platforms that do not.
    if (port !== this.server.port || !isServerAddress(address, this.server)) return;
    const entry = reply.length >= 2 ? this.pending.get(reply.readUInt16BE(0)) : undefined;
    if (entry) {
      const verdict = checkReply(reply, reply.readUInt16BE(0), entry.question);
      if (verdict.kind === 'match') return this.settle(reply.readUInt16BE(0), { kind: 'response', reply: verdict.reply });
      if (verdict.kind === 'malformed') entry.malformed = verdict.reason;
      return;
    }
    // Not one of our ids. Undecodable bytes may still have been meant for the query waiting on this
    // socket (its id garbled) — but only when it waits alone: with several waiting, the garbage is
    // about at most one of them, and must not turn the others' timeouts into "malformed" (a hostile
    // answer for one domain would otherwise relabel every domain whose query shared the socket).
    if (this.pending.size !== 1) return;
    const verdict = checkReply(reply, -1, { name: '', type: 'A', recursionDesired: false });
    if (verdict.kind === 'malformed') for (const waiting of this.pending.values()) waiting.malformed = verdict.reason;
  }

  private settle(id: number, result: TransportResult): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    entry.resolve(result);
    if (this.pending.size === 0) {
      if (this.retired) this.close();
      else this.deadlines.idle();
    }
  }

  private close(): void {
    this.deadlines.stop();
    try {
      this.socket.close();
    } catch {
      // already closed after an error
    }
  }
}

/** The UDP side of a resolver: a pool of sockets per server, closed together by close(). */
export class UdpTransport {
  private readonly pools = new Map<string, PooledSocket[]>();
  private readonly turn = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly socketsPerServer = SOCKETS_PER_SERVER,
    private readonly queriesPerSocket = QUERIES_PER_SOCKET,
  ) {}

  exchange(server: Nameserver, question: Question, timeoutMs: number): Promise<TransportResult> {
    if (this.closed) return Promise.resolve({ kind: 'error', reason: 'resolver closed' });
    return this.socketFor(server).exchange(question, timeoutMs);
  }

  /** End queries in flight as `error` ("resolver closed") and close every socket. */
  close(): void {
    this.closed = true;
    for (const pool of this.pools.values()) for (const socket of pool) socket.failAll('resolver closed');
    this.pools.clear();
  }

  private socketFor(server: Nameserver): PooledSocket {
    const pool = this.pools.get(server.label) ?? [];
    this.pools.set(server.label, pool);
    const slot = (this.turn.get(server.label) ?? 0) % this.socketsPerServer;
    this.turn.set(server.label, slot + 1);
    let socket = pool[slot];
    if (!socket || socket.retired || socket.used >= this.queriesPerSocket) {
      socket?.retire();
      socket = new PooledSocket(server);
      pool[slot] = socket;
    }
    return socket;
  }
}

function isServerAddress(address: string, server: Nameserver): boolean {
  if (server.family === 4) return address === server.host;
  try {
    return canonicalIpv6(address) === server.host;
  } catch {
    return false;
  }
}
