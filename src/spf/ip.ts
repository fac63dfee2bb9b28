// IP address helpers for SPF: strict parsing (RFC 7208 §5.6 grammar), CIDR matching, and the
// textual forms the macros need (§7.3). Addresses are kept as byte arrays: 4 bytes or 16 bytes.

export interface IpAddress {
  family: 4 | 6;
  bytes: Uint8Array;
}

// dec-octet without leading zeros, as RFC 7208 §5.6 (via RFC 3986) spells ip4-network.
const DEC_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])';
const IPV4_RE = new RegExp(`^${DEC_OCTET}\\.${DEC_OCTET}\\.${DEC_OCTET}\\.${DEC_OCTET}$`);

/** True when parseIpv4 would read `text`, without building its bytes (the parser only needs the verdict). */
export function isIpv4(text: string): boolean {
  return IPV4_RE.test(text);
}

export function parseIpv4(text: string): IpAddress | undefined {
  if (!isIpv4(text)) return undefined;
  return { family: 4, bytes: Uint8Array.from(text.split('.').map(Number)) };
}

/** RFC 4291 §2.2 text forms, including "::" and a trailing dotted quad. No zone ids. */
export function parseIpv6(text: string): IpAddress | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  let head = text;
  let tail4: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail4 = v4.bytes;
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const groupsWanted = tail4 ? 6 : 8;
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = parseGroups(halves[0] ?? '');
  const right = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (!left || !right) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = groupsWanted - left.length - right.length;
    if (missing < 1) return undefined;
    groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    groups = left;
  }
  if (groups.length !== groupsWanted) return undefined;
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  if (tail4) bytes.set(tail4, 12);
  return { family: 6, bytes };
}

export function parseIp(text: string): IpAddress | undefined {
  return parseIpv4(text) ?? parseIpv6(text);
}

/** RFC 7208 §5: an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is treated as the IPv4 address. */
export function unmapIpv4(ip: IpAddress): IpAddress {
  if (ip.family === 6 && ip.bytes.slice(0, 10).every((b) => b === 0) && ip.bytes[10] === 0xff && ip.bytes[11] === 0xff) {
    return { family: 4, bytes: ip.bytes.slice(12) };
  }
  return ip;
}

/** True when the first `prefix` bits of both addresses (same family) agree. */
export function inNetwork(ip: IpAddress, network: IpAddress, prefix: number): boolean {
  if (ip.family !== network.family) return false;
  const full = Math.floor(prefix / 8);
  for (let i = 0; i < full; i++) if (ip.bytes[i] !== network.bytes[i]) return false;
  const rest = prefix % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((ip.bytes[full] ?? 0) & mask) === ((network.bytes[full] ?? 0) & mask);
}

export function equalIps(a: IpAddress, b: IpAddress): boolean {
  return a.family === b.family && a.bytes.every((byte, i) => byte === b.bytes[i]);
}

/** Standard text: dotted quad, or RFC 5952 compressed lower-case IPv6 (the "c" macro). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return [...ip.bytes].join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i] ?? 0) << 8) | (ip.bytes[i + 1] ?? 0));
  // RFC 5952 §4.2: compress the longest run of two or more zero groups, the first on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 * The "i" macro (RFC 7208 §7.3): dotted quad for IPv4, dotted nibbles for IPv6. Nibbles are upper-case,
 * as pyspf writes them and as the OpenSPF suite expects in explanations (DNS names are case-blind).
 */
export function dottedIp(ip: IpAddress): string {
  if (ip.family === 4) return [...ip.bytes].join('.');
  return [...ip.bytes].flatMap((b) => [(b >> 4).toString(16), (b & 0xf).toString(16)]).join('.').toUpperCase();
}

/** The reverse-lookup name: 4.3.2.1.in-addr.arpa or nibbles.ip6.arpa. */
export function reverseName(ip: IpAddress): string {
  const labels = dottedIp(ip).toLowerCase().split('.').reverse().join('.');
  return `${labels}.${ip.family === 4 ? 'in-addr' : 'ip6'}.arpa`;
}
