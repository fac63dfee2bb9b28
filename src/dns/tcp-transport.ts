// One question over TCP (RFC 7766): a 2-byte length prefix before each message, replies that may
// arrive in any number of pieces or several to a chunk. Used after a truncated UDP reply.

import { connect } from 'node:net';
import type { Nameserver } from './nameservers.js';
import { checkReply, describe, encodeQuery, randomQueryId, type Question, type TransportResult } from './message.js';

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

export function exchangeTcp(
  server: Nameserver,
  question: Question,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TransportResult> {
  const id = randomQueryId();
  const message = frameMessage(encodeQuery(question, id));
  return new Promise((resolve) => {
    const reader = new FrameReader();
    let malformed: string | undefined;
    let settled = false;
    const socket = connect({ host: server.host, port: server.port, noDelay: true });
    const finish = (result: TransportResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = (): void => finish({ kind: 'error', reason: 'resolver closed' });
    const timer = setTimeout(
      () => finish(malformed ? { kind: 'malformed', reason: malformed } : { kind: 'timeout' }),
      timeoutMs,
    );
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);

    socket.on('connect', () => socket.write(message));
    socket.on('data', (chunk: Buffer) => {
      for (const reply of reader.push(chunk)) {
        const verdict = checkReply(reply, id, question);
        if (verdict.kind === 'match') return finish({ kind: 'response', packet: verdict.packet });
        if (verdict.kind === 'malformed') malformed = verdict.reason;
      }
    });
    socket.on('error', (error) => finish({ kind: 'error', reason: `TCP: ${describe(error)}` }));
    socket.on('close', () => {
      const pending = reader.pending();
      if (pending) {
        const of = pending.want === undefined ? 'a length prefix' : `${pending.want} bytes`;
        finish({ kind: 'error', reason: `TCP connection closed mid-message (got ${pending.have} of ${of})` });
      } else if (malformed) {
        finish({ kind: 'malformed', reason: malformed });
      } else {
        finish({ kind: 'error', reason: 'TCP connection closed without an answer' });
      }
    });
  });
}
