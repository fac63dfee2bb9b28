// maildns's SPF evaluation alone over a list of domains — the same work mailauth-spf.mjs measures:
// check_host() (RFC 7208) for client 192.0.2.1 through one StubResolver (shared cache) at the server.
//   node bench/maildns-spf.mjs MODULE DOMAINS_FILE HOST:PORT CONCURRENCY
// MODULE is maildns's library entry: dist/src/index.js, or src/index.ts when run under tsx.
// Prints the count of each SPF result as JSON.

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [modulePath, file, server, concurrencyText] = process.argv.slice(2);
const { checkHost, StubResolver } = await import(pathToFileURL(modulePath).href);
const domains = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
const resolver = new StubResolver({ nameservers: [server], timeoutMs: 2000, retries: 2 });

const results = {};
let next = 0;
async function worker() {
  while (next < domains.length) {
    const domain = domains[next++];
    const outcome = await checkHost({ ip: '192.0.2.1', sender: `bounce@${domain}`, helo: `mail.${domain}` }, { resolver });
    results[outcome.result] = (results[outcome.result] ?? 0) + 1;
  }
}
await Promise.all(Array.from({ length: Number(concurrencyText) }, worker));
resolver.close();
process.stdout.write(`${JSON.stringify(results)}\n`);
