// Questions over TCP (RFC 7766): a 2-byte length prefix before each message, replies that may arrive
// in any number of pieces, several to a chunk, and in any order. Used after a truncated UDP reply,
// and for every question with `--transport tcp`.
//
// Questions to the same server at the same time share a connection (pipelining, RFC 7766 §6.2.1.1)
// and are told apart by id and question. No connection keeps the process alive by itself.

import { connect, type Socket } from 'node:net';
import type { Nameserver } from './nameservers.js';
import { DeadlineTimer, type Waiting } from './deadline-timer.js';
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

  /**
   * Bytes of an unfinished message, or undefined when the stream stopped between messages; `id`, once
   * its first two bytes are in, says which question the cut answer was for.
   */
  pending(): { have: number; want?: number; id?: number } | undefined {
    if (this.buffer.length === 0) return undefined;
    if (this.buffer.length < 2) return { have: this.buffer.length };
    const have = this.buffer.length - 2;
    const want = this.buffer.readUInt16BE(0);
    return have >= 2 ? { have, want, id: this.buffer.readUInt16BE(2) } : { have, want };
  }
}

/** `messages` as one buffer, each after its 2-byte length (RFC 1035 §4.2.2). */
export function frameMessages(messages: readonly Buffer[]): Buffer {
  let bytes = 0;
  for (const message of messages) bytes += 2 + message.length;
  const frames = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (const message of messages) {
    frames.writeUInt16BE(message.length, at);
    message.copy(frames, at + 2);
    at += 2 + message.length;
  }
  return frames;
}

/**
 * How long a connection with nothing waiting stays open for the next question, in `--transport tcp`
 * runs. RFC 7766 §6.2.1 asks clients to reuse connections and §6.2.3 to close idle ones; servers
 * close theirs after 10 s (Knot's tcp-idle-timeout) to 30 s (BIND, Unbound), so one second keeps a
 * batch's connections open between bursts and never outlives the server's patience.
 */
export const TCP_IDLE_MS = 1000;

/**
 * Queries written at once as soon as that many wait, instead of at the end of the event-loop turn.
 * A turn's queries come from the replies of the turn before, so writing them all at its end left the
 * server and this thread taking turns: the server idle while the replies were worked through, this
 * thread idle while the server answered. Writing the first 16 at once lets the server answer them
 * meanwhile: over a 10,000-domain run the main thread's idle time fell from 18 % to 5 % and the wall
 * time by 14 % (bench/README.md, seventh round), with twice the writes at no more CPU. 8 to 24 did
 * about as well; 4 less so.
 */
export const EARLY_WRITE_QUERIES = 16;

interface Waiter extends Waiting {
  question: Question;
  resolve(result: TransportResult | ClosedEarly): void;
}

/** Errors of a write or read on a connection the server has closed or reset. */
const SERVER_GONE = new Set(['ECONNRESET', 'EPIPE']);

/**
 * A question still waiting when the server closed or reset the connection: not an answer, and not
 * yet a failure either, since the question may not be what made the server hang up.
 */
interface ClosedEarly {
  kind: 'closed-early';
  /** The connection answered at least one question (progress): the server works, it just hung up. */
  answeredOthers: boolean;
  /** How many it answered: one, with more waiting, twice in a row, is a server that answers one question per connection. */
  answered: number;
  /** The connection, to tell two hang-ups from one seen by each of its questions. */
  connection: object;
  /** The question's deadline, which a second asking keeps: re-asks never extend a try. */
  deadline: number;
  /** What to report if the question ends here. */
  reason: string;
}

const CLOSED_WITHOUT_ANSWER = 'TCP connection closed without an answer';

/**
 * One connection to one server, carrying every question asked while it is open. Queries go out in
 * batches: at the end of the event-loop turn they were asked in, or as soon as EARLY_WRITE_QUERIES
 * wait. A write per query cost as much as the rest of the query together (15 % of a 10,000-domain
 * run's CPU in writeBuffer). Replies are matched by id and question, so the server may answer in any
 * order (RFC 7766 §7).
 */
class TcpChannel {
  private readonly socket: Socket;
  private readonly reader = new FrameReader();
  private readonly waiting = new Map<number, Waiter>();
  private readonly deadlines = new DeadlineTimer(this.waiting, (id, result) => this.finish(id, result));
  /** Queries encoded and waiting for the next flush(), in the order asked. */
  private outbox: Array<{ id: number; message: Buffer }> = [];
  private flushScheduled = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private answered = 0;
  private closed = false;
  /** Why the server's end came, when it said more than a plain close (a reset). */
  private goneReason = CLOSED_WITHOUT_ANSWER;

  /** `idleMs`: how long to stay open with nothing waiting (0: close at once). */
  constructor(server: Nameserver, private readonly idleMs: number, private readonly onClosed: () => void) {
    this.socket = connect({ host: server.host, port: server.port, noDelay: true });
    // Waiting queries hold the process open through their deadline timer; the connection alone must not.
    this.socket.unref();
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // A server may close a connection at any time (RFC 7766 §6.2.3), idle or not. Its FIN or reset
    // means "gone", not "broken": what it did not answer may be asked again (TcpChannels.reask()).
    // Any other error (ECONNREFUSED, EHOSTUNREACH, …) ends every question here at once.
    this.socket.on('end', () => this.shut(undefined));
    this.socket.on('error', (error: NodeJS.ErrnoException) => {
      if (SERVER_GONE.has(error.code ?? '')) {
        if (!this.closed) this.goneReason = `TCP: ${describe(error)}`;
        this.shut(undefined);
      } else {
        this.shut({ kind: 'error', reason: `TCP: ${describe(error)}` });
      }
    });
    this.socket.on('close', () => this.shut(undefined));
  }

  get open(): boolean {
    return !this.closed;
  }

  /** `deadline`: the Date.now() time after which the question ends as a timeout. */
  ask(question: Question, deadline: number): Promise<TransportResult | ClosedEarly> {
    let id = randomQueryId();
    while (this.waiting.has(id)) id = randomQueryId(); // ids must tell apart the questions on this connection
    const message = encodeQuery(question, id);
    return new Promise((resolve) => {
      this.waiting.set(id, { question, deadline, resolve });
      this.deadlines.expect(deadline);
      if (this.idleTimer) {
        clearTimeout(this.idleTimer);
        this.idleTimer = undefined;
      }
      this.outbox.push({ id, message });
      if (this.outbox.length >= EARLY_WRITE_QUERIES) {
        this.flush();
      } else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flushSoon);
      }
    });
  }

  /** End every waiting question with `reason` and close the connection. */
  fail(reason: string): void {
    this.shut({ kind: 'error', reason });
  }

  /** The end-of-turn flush; it writes what an early flush left, if anything. */
  private readonly flushSoon = (): void => {
    this.flushScheduled = false;
    this.flush();
  };

  /** Writes the queries asked since the last flush as one buffer of length-prefixed messages. */
  private flush(): void {
    const outbox = this.outbox;
    this.outbox = [];
    if (this.closed) return;
    const live: Buffer[] = [];
    for (const { id, message } of outbox) if (this.waiting.has(id)) live.push(message);
    if (live.length > 0) this.socket.write(frameMessages(live)); // buffered until connected
  }

  private finish(id: number, result: TransportResult | ClosedEarly): void {
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    this.waiting.delete(id);
    waiter.resolve(result);
    if (this.waiting.size > 0 || this.closed) return;
    this.deadlines.idle();
    if (this.idleMs === 0) this.shut(undefined);
    else this.idleTimer = setTimeout(() => this.shut(undefined), this.idleMs).unref();
  }

  private receive(chunk: Buffer): void {
    for (const reply of this.reader.push(chunk)) {
      const id = reply.length >= 2 ? reply.readUInt16BE(0) : -1;
      const waiter = this.waiting.get(id);
      if (!waiter) {
        // A reply for nobody waiting is late, stray or forged; if it is not even DNS, say so.
        const broken = whyUndecodable(reply);
        if (broken) this.markMalformed(broken);
        continue;
      }
      const verdict = checkReply(reply, id, waiter.question);
      if (verdict.kind === 'match') {
        this.answered += 1;
        // TC over TCP means even 65,535 bytes were not enough (RFC 1035 §4.1.1): the records are
        // incomplete, so an empty or partial answer must not pass for the zone's content.
        if (verdict.reply.tc) this.finish(id, { kind: 'malformed', reason: 'reply truncated (TC set) even over TCP: the answer is incomplete' });
        else this.finish(id, { kind: 'response', reply: verdict.reply });
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
      this.deadlines.stop();
      clearTimeout(this.idleTimer);
      this.onClosed();
    }
    const partial = this.reader.pending();
    const cut = partial && `TCP connection closed mid-message (got ${partial.have} of ${partial.want === undefined ? 'a length prefix' : `${partial.want} bytes`})`;
    for (const [id, waiter] of [...this.waiting]) {
      if (failure) this.finish(id, failure);
      // The answer that was being cut is its question's error; the others were not answered yet, and
      // are asked again like those of any hang-up (they were ended with it before: one broken answer
      // took every domain waiting on the connection).
      else if (cut !== undefined && partial!.id === id) this.finish(id, { kind: 'error', reason: cut });
      else if (waiter.malformed) this.finish(id, { kind: 'malformed', reason: waiter.malformed });
      // A server may close after answering some questions (RFC 7766 §6.2.3 lets it), or hang up on one
      // question with others in flight: TcpChannels decides which to ask again.
      else this.finish(id, { kind: 'closed-early', answeredOthers: this.answered > 0, answered: this.answered, connection: this, deadline: waiter.deadline, reason: cut ?? this.goneReason });
    }
  }
}

/**
 * At most this many connections of one question each at once (reask()): after a server hung up on a
 * full pipeline, 64 questions would otherwise open 64 connections at once to the server that just
 * misbehaved, where RFC 7766 §6.2.2 asks for one; the rest wait their turn within their deadline.
 */
export const MAX_ALONE_CONNECTIONS = 4;

/**
 * The open TCP connections of one resolver, one per server: RFC 7766 §6.2.2 recommends no more for
 * regular queries, and two or four measured no faster on the bench (bench/README.md, sixth round).
 * After a truncated UDP reply the connection closes as soon as nothing waits on it; `--transport tcp`
 * keeps it open for `idleMs` between bursts. The one exception is a fault path: after a server hung up
 * without answering anything, each question it left waiting gets a short-lived connection of its own
 * (reask()), at most MAX_ALONE_CONNECTIONS of them at once.
 */
export class TcpChannels {
  private readonly channels = new Map<string, TcpChannel>();
  /** Connections of one question each, open while that question waits (reask()). */
  private readonly alone = new Set<TcpChannel>();
  /** Questions sent again on another connection after a hang-up: on the wire, so in the run's stats. */
  reasked = 0;
  /** Questions waiting for one of those to end, as MAX_ALONE_CONNECTIONS allows no more at once. */
  private readonly waitingAlone: Array<() => void> = [];
  /**
   * Servers seen answering one question per connection and hanging up with more waiting, on two
   * connections (systemd-resolved before v242 did). Pipelining to them only repeats the whole pipeline on every connection
   * (K(K+1)/2 queries for K questions), so their questions get a connection each, as many at once as
   * MAX_ALONE_CONNECTIONS allows.
   */
  private readonly onePerConnection = new Set<string>();
  /** Per server, the last connection that answered one question and hung up with more waiting. */
  private readonly answeredOne = new Map<string, object>();
  private closed = false;

  constructor(private readonly idleMs = 0) {}

  /**
   * Ask `question` over TCP on the shared connection to `server`; if the server hangs up before
   * answering it, ask again as reask() says, all within the one `timeoutMs`.
   */
  exchange(server: Nameserver, question: Question, timeoutMs: number): Promise<TransportResult> {
    if (this.closed) return Promise.resolve({ kind: 'error', reason: 'resolver closed' });
    const deadline = Date.now() + timeoutMs;
    // (size first: every question of a run passes here, and the set is empty but for broken servers)
    if (this.onePerConnection.size !== 0 && this.onePerConnection.has(server.label)) return this.askAlone(server, question, deadline);
    return this.channelTo(server).ask(question, deadline).then((first) =>
      first.kind === 'closed-early' ? this.reask(server, question, first) : first);
  }

  /**
   * The server hung up with `question` unanswered. Which question made it (if any did) is unknown,
   * so none is blamed at once:
   *
   * - the connection answered others (progress: the server works and closes when it likes, as
   *   dnsmasq does after 100 queries, or after each answer as systemd-resolved before v242 did):
   *   ask again on the next shared connection, as often as connections keep answering something;
   * - it answered nothing (the server may hang up on one question, with every other one in flight
   *   on that connection): ask again on a connection of the question's own, so that one question
   *   cannot take the others with it;
   * - that connection too closed unanswered: the question is the likely cause, and ends indeterminate.
   *
   * Bounded: each asking keeps the first one's deadline, so re-asks never outlast the try's timeout;
   * a question is on at most two connections that answered nothing; each other re-ask needs an answer
   * on the connection before it. A refused connection or a stall is no hang-up and is never re-asked.
   */
  private async reask(server: Nameserver, question: Question, closed: ClosedEarly): Promise<TransportResult> {
    for (;;) {
      if (this.closed) return { kind: 'error', reason: 'resolver closed' };
      if (Date.now() >= closed.deadline) return { kind: 'timeout' };
      // Once may be a server closing when it likes (right after an answer); twice in a row is a habit.
      if (closed.answered === 1) {
        const before = this.answeredOne.get(server.label);
        if (before !== undefined && before !== closed.connection) this.onePerConnection.add(server.label);
        this.answeredOne.set(server.label, closed.connection);
      } else if (closed.answered > 1) {
        this.answeredOne.delete(server.label);
      }
      this.reasked += 1;
      if (!closed.answeredOthers || this.onePerConnection.has(server.label)) return this.askAlone(server, question, closed.deadline);
      const result = await this.channelTo(server).ask(question, closed.deadline);
      if (result.kind !== 'closed-early') return result;
      closed = result;
    }
  }

  /**
   * `question` on a connection of its own, once fewer than MAX_ALONE_CONNECTIONS are open; if that
   * connection too closes without answering, the question is the likely cause, and ends as an error.
   */
  private async askAlone(server: Nameserver, question: Question, deadline: number): Promise<TransportResult> {
    while (this.alone.size >= MAX_ALONE_CONNECTIONS) {
      if (this.closed) return { kind: 'error', reason: 'resolver closed' };
      if (Date.now() >= deadline) return { kind: 'timeout' };
      await this.aloneEnds(deadline);
    }
    if (this.closed) return { kind: 'error', reason: 'resolver closed' };
    const result = await this.ownChannel(server).ask(question, deadline);
    return result.kind === 'closed-early' ? { kind: 'error', reason: result.reason } : result;
  }

  /** Resolves when a connection of one question ends, or at `deadline`, whichever comes first. */
  private aloneEnds(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        const i = this.waitingAlone.indexOf(done);
        if (i >= 0) this.waitingAlone.splice(i, 1);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
      this.waitingAlone.push(done);
    });
  }

  /** End questions in flight as `error` ("resolver closed") and close every connection. */
  close(): void {
    this.closed = true;
    for (const wake of [...this.waitingAlone]) wake();
    for (const channel of this.channels.values()) channel.fail('resolver closed');
    for (const channel of [...this.alone]) channel.fail('resolver closed');
    this.channels.clear();
    this.alone.clear();
  }

  /** A new connection to `server` for one question, closed once that question ends. */
  private ownChannel(server: Nameserver): TcpChannel {
    const channel: TcpChannel = new TcpChannel(server, 0, () => {
      this.alone.delete(channel);
      this.waitingAlone[0]?.();
    });
    this.alone.add(channel);
    return channel;
  }

  private channelTo(server: Nameserver): TcpChannel {
    const existing = this.channels.get(server.label);
    if (existing?.open) return existing;
    const channel: TcpChannel = new TcpChannel(server, this.idleMs, () => {
      if (this.channels.get(server.label) === channel) this.channels.delete(server.label);
    });
    this.channels.set(server.label, channel);
    return channel;
  }
}
