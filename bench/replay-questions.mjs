// The two steps between dnsperf's ceiling and a full `maildns check`: every distinct question of the
// check's audit run sent once more, with no checks around it.
//   node bench/replay-questions.mjs raw      QUERY_FILE HOST:PORT IN_FLIGHT
//   node bench/replay-questions.mjs resolver QUERY_FILE HOST:PORT IN_FLIGHT MODULE [TRANSPORT]
// raw: the least a Node.js client can do — queries encoded before the clock starts, 8 connected
//   dgram sockets, the next query sent as each reply arrives, replies matched by id and not decoded.
// resolver: maildns's StubResolver (MODULE = dist/src/index.js or src/index.ts), one lookup per
//   question without following CNAMEs, so each lookup is exactly one query on the wire. TRANSPORT is
//   the StubResolver's `transport`: udp (the default) or tcp (one pipelined connection).
// QUERY_FILE is dnsperf's format ("name TYPE" per line). Prints JSON: queries, answered, seconds, qps,
// and in resolver mode the resolver's udp and tcp exchange counters.

import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import dnsPacket from 'dns-packet';

const [mode, queryFile, server, inFlightText, modulePath, transport = 'udp'] = process.argv.slice(2);
const questions = readFileSync(queryFile, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => {
  const [name, type] = line.trim().split(/\s+/);
  return { name, type };
});
const inFlight = Number(inFlightText);
const [host, portText] = server.split(/:(?=\d+$)/);
const port = Number(portText);

async function raw() {
  const SOCKETS = 8;
  // The same message shape maildns sends: RD set, EDNS0 advertising 1232 bytes.
  const messages = questions.map((q, i) => dnsPacket.encode({
    id: i & 0xffff, type: 'query', flags: dnsPacket.RECURSION_DESIRED, questions: [q],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232 }],
  }));
  const sockets = await Promise.all(Array.from({ length: SOCKETS }, () => new Promise((resolve, reject) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', reject);
    socket.connect(port, host, () => resolve(socket));
  })));
  let next = 0;
  let answered = 0;
  const started = process.hrtime.bigint();
  await new Promise((done) => {
    const send = (socket) => {
      if (next < messages.length) socket.send(messages[next++]);
    };
    for (const socket of sockets) {
      socket.on('message', () => {
        answered += 1;
        if (answered === messages.length) done();
        else send(socket);
      });
    }
    for (let i = 0; i < Math.min(inFlight, messages.length); i += 1) send(sockets[i % SOCKETS]);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const socket of sockets) socket.close();
  return { answered, seconds };
}

async function resolver() {
  const { StubResolver } = await import(pathToFileURL(modulePath).href);
  const stub = new StubResolver({ nameservers: [server], timeoutMs: 2000, retries: 2, maxInFlight: inFlight, transport });
  let next = 0;
  let answered = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < questions.length) {
      const { name, type } = questions[next++];
      const lookup = await stub.lookup(name, type, { followCnames: false });
      if (lookup.status === 'answer' || lookup.status === 'nodata' || lookup.status === 'nxdomain') answered += 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { udp, tcp } = stub.stats();
  stub.close();
  return { answered, seconds, udp, tcp };
}

if (mode !== 'raw' && mode !== 'resolver') throw new Error(`mode is raw or resolver, got ${mode}`);
const { answered, seconds, ...exchanges } = mode === 'raw' ? await raw() : await resolver();
process.stdout.write(`${JSON.stringify({ queries: questions.length, answered, seconds, qps: questions.length / seconds, ...exchanges })}\n`);
