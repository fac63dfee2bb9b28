// rua=/ruf= report URIs: RFC 7489 §6.4 dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ].

export interface DmarcUri {
  /** As published, size suffix included. */
  uri: string;
  valid: boolean;
  /** Why it is invalid. */
  reason?: string;
  scheme?: string;
  /** mailto: the address, as published. */
  address?: string;
  /** mailto: the destination host, lower-cased (RFC 7489 §7.1 "destination host"). */
  host?: string;
  /** The "!size" suffix without "!", e.g. "10m". */
  size?: string;
}

// A size the receivers' integers can hold; mox rejects one that overflows 64 bits, and so do we.
const MAX_SIZE_DIGITS = 15;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;
const SIZE = new RegExp(`^\\d{1,${MAX_SIZE_DIGITS}}[kmgt]?$`, 'i');
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST = new RegExp(`^${LABEL}(?:\\.${LABEL})*\\.?$`);
// RFC 6068 addr-spec, loosely: a local part without spaces, "@", a DNS host name.
const LOCAL_PART = /^[^\s@<>(),;:\\"[\]]+$/;

export function parseReportUri(text: string): DmarcUri {
  const result: DmarcUri = { uri: text, valid: false };
  const invalid = (reason: string): DmarcUri => ({ ...result, reason });
  if (text === '') return invalid('is empty');
  let body = text;
  const bang = text.lastIndexOf('!');
  if (bang !== -1) {
    const size = text.slice(bang + 1);
    if (!SIZE.test(size)) return invalid(`has a bad size limit "!${size}" (digits, then k, m, g or t)`);
    result.size = size;
    body = text.slice(0, bang);
  }
  const colon = body.indexOf(':');
  if (colon <= 0) return invalid('is not a URI (no scheme such as "mailto:")');
  const scheme = body.slice(0, colon);
  if (!SCHEME.test(scheme)) return invalid(`has an invalid scheme "${scheme}"`);
  result.scheme = scheme.toLowerCase();
  const rest = body.slice(colon + 1);
  if (rest === '' || /\s/.test(rest)) return invalid('has nothing, or whitespace, after the scheme');
  if (result.scheme !== 'mailto') return { ...result, valid: true };

  const address = safeDecode(rest.split('?')[0]!);
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const host = address.slice(at + 1);
  if (at <= 0 || !LOCAL_PART.test(local) || !HOST.test(host)) return invalid('is not a mailto: URI with one address (local@host)');
  return { ...result, valid: true, address, host: host.toLowerCase().replace(/\.$/, '') };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
