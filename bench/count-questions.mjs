// Preloaded into a maildns run (`node --import ./bench/count-questions.mjs …`): counts every DNS
// question sent over UDP or TCP as a (name, type) pair, and at exit writes to $MAILDNS_QUESTIONS_FILE
// how many were sent, how many distinct, which were sent more than once, and the distinct pairs in
// the order first sent (the benchmark turns those into dnsperf's query file).
//
// It reads the question straight from the wire message, independently of maildns's own counters.

import dgram from 'node:dgram';
import net from 'node:net';
import { writeFileSync } from 'node:fs';

const out = process.env.MAILDNS_QUESTIONS_FILE;
const TYPES = { 1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 15: 'MX', 16: 'TXT', 28: 'AAAA', 33: 'SRV', 99: 'SPF', 257: 'CAA' };
const counts = new Map();
let udp = 0;
let tcp = 0;

/** The first question of a DNS message starting at `offset` (RFC 1035 §4.1.2), as "name TYPE". */
function questionOf(message, offset) {
  let at = offset + 12;
  const labels = [];
  while (at < message.length && message[at] !== 0) {
    const length = message[at];
    labels.push(message.toString('latin1', at + 1, at + 1 + length).toLowerCase());
    at += 1 + length;
  }
  const code = message.readUInt16BE(at + 1);
  return `${labels.join('.')} ${TYPES[code] ?? `TYPE${code}`}`;
}

function count(key) {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

const udpSend = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function send(message, ...rest) {
  if (Buffer.isBuffer(message) && message.length > 12) {
    udp += 1;
    count(questionOf(message, 0));
  }
  return udpSend.call(this, message, ...rest);
};

/**
 * Where each DNS message of a TCP write starts, when the write is nothing but length-prefixed DNS
 * messages (RFC 1035 §4.2.2); otherwise none. maildns writes the queries of one event-loop turn to a
 * connection as one buffer, so a write holds one message or many.
 */
function framesOf(data) {
  const starts = [];
  let at = 0;
  while (at + 2 <= data.length) {
    const length = data.readUInt16BE(at);
    if (length <= 12 || at + 2 + length > data.length) return [];
    starts.push(at + 2);
    at += 2 + length;
  }
  return at === data.length ? starts : [];
}

const tcpWrite = net.Socket.prototype.write;
net.Socket.prototype.write = function write(data, ...rest) {
  if (Buffer.isBuffer(data)) {
    for (const start of framesOf(data)) {
      tcp += 1;
      count(questionOf(data, start));
    }
  }
  return tcpWrite.call(this, data, ...rest);
};

process.on('exit', () => {
  if (!out) return;
  const repeated = [...counts].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]);
  writeFileSync(out, JSON.stringify({
    sent: udp + tcp,
    udp,
    tcp,
    distinct: counts.size,
    duplicates: repeated.reduce((sum, [, n]) => sum + n - 1, 0),
    repeated: repeated.slice(0, 20),
    questions: [...counts.keys()],
  }));
});
