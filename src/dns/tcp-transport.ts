// Questions over TCP (RFC 7766): a 2-byte length prefix before each message, replies that may arrive
// in any number of pieces, several to a chunk, and in any order. Used after a truncated UDP reply.
//
// Questions to the same server at the same time share one connection (pipelining, RFC 7766
// §6.2.1.1) and are told apart by id and question. The connection closes as soon as nothing is
// waiting on it, so no idle socket keeps the process alive.

import { connect, type Socket } from 'node:net';
import type { Nameserver } from './nameservers.js';
import {
  checkReply, describe, encodeQuery, randomQueryId, whyUndecodable, type Question, type TransportResult,
} from './message.js';

/** Reassembles length-prefixed DNS messages (RFC 1035 §4.2.2) from a byte stream. */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);

  /** Feed bytes; returns every message completed by them, in order. */
  push(chunk: Buffer): Buffer[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const messages: Buffer[] = [];
    while (this.buffer.length >= 2) {
      const length = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + length) break;
      messages.push(this.buffer.subarray(2, 2 + length));
      this.buffer = this.buffer.subarray(2 + length);
    }
    return messages;
  }

  /** Bytes of an unfinished message, or undefined when the stream stopped between messages. */
  pending(): { have: number; want?: number } | undefined {
    if (this.buffer.length === 0) return undefined;
    if (this.buffer.length < 2) return { have: this.buffer.length };
    return { have: this.buffer.length - 2, want: this.buffer.readUInt16BE(0) };
  }
}

export function frameMessage(message: Buffer): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(message.length);
  return Buffer.concat([prefix, message]);
}

interface Waiter {
  question: Question;
  malformed?: string;
  finish(result: TransportResult | ClosedEarly): void;
}

/** A result the channel could not give because the server closed it after answering others. */
interface ClosedEarly {
  kind: 'closed-early';
}

/** One connection to one server, carrying every question asked while it is open. */
class TcpChannel {
  private readonly socket: Socket;
  private readonly reader = new FrameReader();
  private readonly waiting = new Map<number, Waiter>();
  private answered = 0;
  private closed = false;

  constructor(server: Nameserver, private readonly onClosed: () => void) {
    this.socket = connect({ host: server.host, port: server.port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', (error) => this.shut({ kind: 'error', reason: `TCP: ${describe(error)}` }));
    this.socket.on('close', () => this.shut(undefined));
  }

  get open(): boolean {
    return !this.closed;
  }

  ask(question: Question, timeoutMs: number, signal?: AbortSignal): Promise<TransportResult | ClosedEarly> {
    let id = randomQueryId();
    while (this.waiting.has(id)) id = randomQueryId(); // ids must tell apart the questions on this connection
    return new Promise((resolve) => {
      const finish = (result: TransportResult | ClosedEarly): void => {
        if (this.waiting.get(id) !== waiter) return;
        this.waiting.delete(id);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (this.waiting.size === 0) this.shut(undefined);
        resolve(result);
      };
      const waiter: Waiter = { question, finish };
      const onAbort = (): void => finish({ kind: 'error', reason: 'resolver closed' });
      const timer = setTimeout(
        () => finish(waiter.malformed ? { kind: 'malformed', reason: waiter.malformed } : { kind: 'timeout' }),
        timeoutMs,
      );
      this.waiting.set(id, waiter);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort);
      this.socket.write(frameMessage(encodeQuery(question, id))); // buffered until connected
    });
  }

  private receive(chunk: Buffer): void {
    for (const reply of this.reader.push(chunk)) {
      const waiter = reply.length >= 2 ? this.waiting.get(reply.readUInt16BE(0)) : undefined;
      if (!waiter) {
        // A reply for nobody waiting is late, stray or forged; if it is not even DNS, say so.
        const broken = whyUndecodable(reply);
        if (broken) this.markMalformed(broken);
        continue;
      }
      const verdict = checkReply(reply, reply.readUInt16BE(0), waiter.question);
      if (verdict.kind === 'match') {
        this.answered += 1;
        // TC over TCP means even 65,535 bytes were not enough (RFC 1035 §4.1.1): the records are
        // incomplete, so an empty or partial answer must not pass for the zone's content.
        if (verdict.reply.tc) waiter.finish({ kind: 'malformed', reason: 'reply truncated (TC set) even over TCP: the answer is incomplete' });
        else waiter.finish({ kind: 'response', reply: verdict.reply });
      } else if (verdict.kind === 'malformed') {
        waiter.malformed = verdict.reason;
      }
    }
  }

  private markMalformed(reason: string): void {
    for (const waiter of this.waiting.values()) waiter.malformed ??= reason;
  }

  /** Close the connection; anyone still waiting gets `failure`, or what the stream state says. */
  private shut(failure: TransportResult | undefined): void {
    if (!this.closed) {
      this.closed = true;
      this.socket.destroy();
      this.onClosed();
    }
    const partial = this.reader.pending();
    for (const waiter of [...this.waiting.values()]) {
      if (failure) waiter.finish(failure);
      else if (partial) {
        const of = partial.want === undefined ? 'a length prefix' : `${partial.want} bytes`;
        waiter.finish({ kind: 'error', reason: `TCP connection closed mid-message (got ${partial.have} of ${of})` });
      } else if (waiter.malformed) waiter.finish({ kind: 'malformed', reason: waiter.malformed });
      // A server may close after answering some questions (RFC 7766 §6.2.3 lets it): ask the rest again.
      else if (this.answered > 0) waiter.finish({ kind: 'closed-early' });
      else waiter.finish({ kind: 'error', reason: 'TCP connection closed without an answer' });
    }
  }
}

/** The open TCP connections of one resolver, one per server. */
export class TcpChannels {
  private readonly channels = new Map<string, TcpChannel>();

  /** Ask `question` over TCP, on the connection already open to `server` if there is one. */
  async exchange(server: Nameserver, question: Question, timeoutMs: number, signal?: AbortSignal): Promise<TransportResult> {
    const first = await this.channelTo(server).ask(question, timeoutMs, signal);
    if (first.kind !== 'closed-early') return first;
    const second = await this.channelTo(server).ask(question, timeoutMs, signal);
    return second.kind === 'closed-early' ? { kind: 'error', reason: 'TCP connection closed without an answer' } : second;
  }

  private channelTo(server: Nameserver): TcpChannel {
    const existing = this.channels.get(server.label);
    if (existing?.open) return existing;
    const channel: TcpChannel = new TcpChannel(server, () => {
      if (this.channels.get(server.label) === channel) this.channels.delete(server.label);
    });
    this.channels.set(server.label, channel);
    return channel;
  }
}

