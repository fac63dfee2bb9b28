// mailauth's SPF check over a list of domains, the Node peer maildns is compared with. Usage:
//   node bench/mailauth-spf.mjs DOMAINS_FILE HOST:PORT CONCURRENCY
// Each domain is evaluated for a client address it does not authorise (192.0.2.1, TEST-NET-1), so
// mailauth walks the whole SPF tree as far as its limits let it, through node's dns.Resolver (c-ares)
// pointed at the given server. Prints the count of each SPF result as JSON.

import { readFileSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import { spf } from 'mailauth/lib/spf/index.js';

const [file, server, concurrencyText] = process.argv.slice(2);
const domains = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
const resolver = new Resolver({ timeout: 2000, tries: 3 });
resolver.setServers([server]);
const resolve = (name, type) => resolver.resolve(name, type);

const results = {};
let next = 0;
async function worker() {
  while (next < domains.length) {
    const domain = domains[next++];
    const result = await spf({ sender: `bounce@${domain}`, ip: '192.0.2.1', helo: `mail.${domain}`, mta: 'bench.test', resolver: resolve });
    results[result.status.result] = (results[result.status.result] ?? 0) + 1;
  }
}
await Promise.all(Array.from({ length: Number(concurrencyText) }, worker));
process.stdout.write(`${JSON.stringify(results)}\n`);
