// Which servers to ask: "IP[:PORT]" values from the command line, or the `nameserver` lines of
// /etc/resolv.conf. Only IP addresses are accepted: resolving a nameserver's own name would need a
// resolver before we have one.

import { readFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';

export const DNS_PORT = 53; // RFC 1035 §4.2
export const RESOLV_CONF = '/etc/resolv.conf';
/** Used when resolv.conf names no server; glibc does the same (resolv.conf(5), "nameserver"). */
export const FALLBACK_NAMESERVER = '127.0.0.1';

export interface Nameserver {
  host: string;
  port: number;
  family: 4 | 6;
  /** "192.0.2.53:53" or "[2001:db8::53]:53": how evidence and reports name the server. */
  label: string;
}

export class NameserverError extends Error {
  constructor(readonly value: string, detail: string) {
    super(`nameserver "${value}": ${detail}`);
    this.name = 'NameserverError';
  }
}

/** Parse "IP[:PORT]": IPv4 ("192.0.2.1:5300"), IPv6 bracketed ("[::1]:5300") or bare ("::1"). */
export function parseNameserver(value: string): Nameserver {
  const text = value.trim();
  let host = text;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) throw new NameserverError(value, 'missing "]" after the IPv6 address');
    host = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) throw new NameserverError(value, `unexpected "${rest}" after "]"; expected ":PORT"`);
      portText = rest.slice(1);
    }
    if (!isIPv6(host)) throw new NameserverError(value, `"${host}" is not an IPv6 address`);
  } else if (text.split(':').length === 2) {
    [host, portText] = text.split(':') as [string, string];
  }
  const port = portText === undefined ? DNS_PORT : parsePort(value, portText);
  if (isIPv4(host)) return { host, port, family: 4, label: `${host}:${port}` };
  if (isIPv6(host)) {
    // Replies are matched against the source address in the form the kernel reports (RFC 5952
    // canonical), so "0:0:0:0:0:0:0:1" must become "::1" or every reply would look spoofed.
    const canonical = canonicalIpv6(host);
    return { host: canonical, port, family: 6, label: `[${canonical}]:${port}` };
  }
  throw new NameserverError(
    value,
    'expected an IPv4 or IPv6 address, optionally with a port ("192.0.2.53:5300", "[2001:db8::53]:5300"); host names are not accepted',
  );
}

/** RFC 5952 form (lower case, longest zero run as "::"); a scope id ("%eth0") is kept as given. */
export function canonicalIpv6(address: string): string {
  const [bare, scope] = address.split('%') as [string, string | undefined];
  const canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  return scope === undefined ? canonical : `${canonical}%${scope}`;
}

function parsePort(value: string, text: string): number {
  const port = /^[0-9]{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new NameserverError(value, `port "${text}" is not a number from 1 to 65535`);
  return port;
}

export interface SystemNameservers {
  nameservers: Nameserver[];
  /** Set when the list is not simply what resolv.conf says: the fallback was used, or lines were skipped. */
  note?: string;
}

/** The `nameserver` lines of resolv.conf; 127.0.0.1 when there are none (said in `note`). */
export function readSystemNameservers(path: string = RESOLV_CONF): SystemNameservers {
  let text = '';
  let problem: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    problem = `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  const { nameservers, skipped } = parseResolvConf(text);
  const notes: string[] = [];
  if (skipped.length > 0) notes.push(`skipped unusable nameserver lines in ${path}: ${skipped.join(', ')}`);
  if (nameservers.length === 0) {
    notes.push(`${problem ?? `no nameserver line in ${path}`}; using ${FALLBACK_NAMESERVER}:${DNS_PORT}`);
    nameservers.push(parseNameserver(FALLBACK_NAMESERVER));
  }
  return notes.length > 0 ? { nameservers, note: notes.join('; ') } : { nameservers };
}

/** resolv.conf(5): "nameserver ADDRESS" lines; '#' and ';' start comments. */
export function parseResolvConf(text: string): { nameservers: Nameserver[]; skipped: string[] } {
  const nameservers: Nameserver[] = [];
  const skipped: string[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/[#;].*$/, '').trim();
    const [keyword, address] = line.split(/\s+/);
    if (keyword !== 'nameserver' || address === undefined) continue;
    try {
      nameservers.push(parseNameserver(address));
    } catch {
      skipped.push(`"${address}"`);
    }
  }
  return { nameservers, skipped };
}
