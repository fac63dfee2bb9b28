// One question over UDP: a fresh connected socket on a random port per query (RFC 5452 §4.5: source
// port randomisation), EDNS0 advertising 1232 bytes, and a reply accepted only from the server we
// asked with our id and our question. Anything else is ignored and we keep waiting until the timeout.

import { createSocket } from 'node:dgram';
import { canonicalIpv6, type Nameserver } from './nameservers.js';
import { checkReply, describe, encodeQuery, randomQueryId, type Question, type TransportResult } from './message.js';

export function exchangeUdp(
  server: Nameserver,
  question: Question,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TransportResult> {
  const id = randomQueryId();
  const message = encodeQuery(question, id);
  return new Promise((resolve) => {
    const socket = createSocket(server.family === 6 ? 'udp6' : 'udp4');
    let malformed: string | undefined;
    let settled = false;
    const finish = (result: TransportResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.close();
      resolve(result);
    };
    const onAbort = (): void => finish({ kind: 'error', reason: 'resolver closed' });
    const timer = setTimeout(
      () => finish(malformed ? { kind: 'malformed', reason: malformed } : { kind: 'timeout' }),
      timeoutMs,
    );
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);

    socket.on('message', (reply, from) => {
      // Off-path spoofers and stray late replies come from elsewhere or carry another id: ignore.
      if (from.port !== server.port || !isServerAddress(from.address, server)) return;
      const verdict = checkReply(reply, id, question);
      if (verdict.kind === 'match') finish({ kind: 'response', packet: verdict.packet });
      else if (verdict.kind === 'malformed') malformed = verdict.reason;
    });
    socket.on('error', (error) => finish({ kind: 'error', reason: `UDP: ${describe(error)}` }));
    // connect() binds a random port and lets the kernel drop datagrams from any other peer; it also
    // reports ICMP port-unreachable as ECONNREFUSED, so a server that is down fails fast.
    socket.connect(server.port, server.host, () => {
      if (settled) return;
      socket.send(message, (error) => {
        if (error) finish({ kind: 'error', reason: `UDP send: ${describe(error)}` });
      });
    });
  });
}

function isServerAddress(address: string, server: Nameserver): boolean {
  if (server.family === 4) return address === server.host;
  try {
    return canonicalIpv6(address) === server.host;
  } catch {
    return false;
  }
}
