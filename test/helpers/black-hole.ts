// A nameserver that takes every datagram and answers none: the dead server of resolver tests.

import { createSocket } from 'node:dgram';

export interface BlackHole {
  /** "127.0.0.1:PORT", for a resolver's nameservers. */
  nameserver: string;
  /** Datagrams it has taken so far: the questions sent to it. */
  datagrams(): number;
  close(): void;
}

export async function startBlackHole(): Promise<BlackHole> {
  const socket = createSocket('udp4');
  let datagrams = 0;
  socket.on('message', () => { datagrams += 1; });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { nameserver: `127.0.0.1:${socket.address().port}`, datagrams: () => datagrams, close: () => socket.close() };
}
