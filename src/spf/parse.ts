// The SPF record parser (RFC 7208 §4.5, §4.6.1, §5, §6, §7, §12 ABNF). Pure: text in, typed AST out.
// It does not stop at the first error: every term is parsed and every problem reported with the term
// and its character offset, so a linter can list them all.

import type { MacroString, Qualifier, SpfErrorCode, SpfParseError, SpfRecord, Term } from './ast.js';
import { parseMacroString } from './macro.js';
import { isIpv4, parseIpv6 } from './ip.js';

export const SPF_VERSION = 'v=spf1'; // RFC 7208 §4.5
export const MAX_IP4_PREFIX = 32; // RFC 7208 §5.6
export const MAX_IP6_PREFIX = 128; // RFC 7208 §5.6

/** RFC 7208 §4.5: a record is selected when it starts with "v=spf1" followed by a space or its end. */
export function isSpfRecordText(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

// toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
const TOPLABEL = '(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])';
const DOMAIN_END_RE = new RegExp(`\\.${TOPLABEL}\\.?$`);
const MODIFIER_RE = /^([A-Za-z][A-Za-z0-9._-]*)=(.*)$/s;
// A CIDR length: no leading zeros (the OpenSPF suite's reading of §5.6, matching ip4-network).
const CIDR = '(?:0|[1-9][0-9]*)';
const DUAL_CIDR_RE = new RegExp(`^(.*?)(?:/(${CIDR}))?(?://(${CIDR}))?$`, 's');
const CIDR_SUFFIX_RE = new RegExp(`^/(${CIDR})$`);

interface TermContext {
  text: string;
  offset: number;
  errors: SpfParseError[];
}

export function parseSpf(text: string): SpfRecord {
  const errors: SpfParseError[] = [];
  const terms: Term[] = [];
  if (!isSpfRecordText(text)) {
    const first = text.split(' ')[0] ?? '';
    errors.push({ code: 'not-spf1', message: `the record does not start with "${SPF_VERSION}" followed by a space`, term: first, offset: 0, position: 0 });
    return { text, terms, errors };
  }
  // Terms are separated by one or more SP (RFC 7208 §4.6.1); any other whitespace is an error in a term.
  const re = / *([^ ]+)/g;
  re.lastIndex = SPF_VERSION.length;
  let seenRedirect = false;
  let seenExp = false;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const termText = m[1] as string;
    const offset = m.index + m[0].length - termText.length;
    const ctx: TermContext = { text: termText, offset, errors };
    const term = parseTerm(ctx);
    if (term.kind === 'redirect' || term.kind === 'exp') {
      const seen = term.kind === 'redirect' ? seenRedirect : seenExp;
      if (seen) report(ctx, 'duplicate-modifier', `"${term.kind}=" appears more than once (RFC 7208 §6)`);
      if (term.kind === 'redirect') seenRedirect = true;
      else seenExp = true;
    }
    terms.push(term);
  }
  return { text, terms, errors };
}

function report(ctx: TermContext, code: SpfErrorCode, message: string, at = 0): void {
  ctx.errors.push({ code, message, term: ctx.text, offset: ctx.offset, position: ctx.offset + at });
}

function invalid(ctx: TermContext): Term {
  return { kind: 'invalid', text: ctx.text, offset: ctx.offset };
}

function parseTerm(ctx: TermContext): Term {
  const { text } = ctx;
  // Every character before the first bad one is printable ASCII (one UTF-16 unit), so the first bad
  // unit's index is also its offset, and the code point there is the bad character.
  const at = firstNonPrintableAscii(text);
  if (at >= 0) {
    const code = (text.codePointAt(at) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    report(ctx, 'invalid-character', `character U+${code} is not allowed; SPF records are 7-bit ASCII, terms separated by spaces (RFC 7208 §3.1, §4.6.1)`, at);
    return invalid(ctx);
  }
  const modifier = MODIFIER_RE.exec(text);
  if (modifier) return parseModifier(ctx, (modifier[1] as string), modifier[2] as string);

  let qualifier: Qualifier = '+';
  let body = text;
  if ('+-~?'.includes(text[0] as string)) {
    qualifier = text[0] as Qualifier;
    body = text.slice(1);
  }
  const q = text.length - body.length;
  const nameMatch = /^[^:/]*/.exec(body);
  const name = (nameMatch?.[0] ?? '').toLowerCase();
  const rest = body.slice(name.length);
  const argAt = q + name.length;
  const base = { text, offset: ctx.offset, qualifier };
  switch (name) {
    case 'all':
      if (rest !== '') return unexpected(ctx, 'all', argAt);
      return { ...base, kind: 'all' };
    case 'include':
    case 'exists': {
      if (!rest.startsWith(':')) {
        report(ctx, 'missing-argument', `"${name}" needs ":domain" (RFC 7208 §5.2, §5.7)`, argAt);
        return invalid(ctx);
      }
      const domain = parseDomainSpec(ctx, rest.slice(1), argAt + 1);
      return domain ? { ...base, kind: name, domain } : invalid(ctx);
    }
    case 'ptr': {
      if (rest === '') return { ...base, kind: 'ptr' };
      if (!rest.startsWith(':')) return unexpected(ctx, 'ptr', argAt);
      const domain = parseDomainSpec(ctx, rest.slice(1), argAt + 1);
      return domain ? { ...base, kind: 'ptr', domain } : invalid(ctx);
    }
    case 'a':
    case 'mx':
      return parseAddressMechanism(ctx, name, base, rest, argAt);
    case 'ip4':
    case 'ip6':
      return parseIpMechanism(ctx, name, base, rest, argAt);
    default:
      report(ctx, 'unknown-mechanism', `"${name || text}" is not an SPF mechanism (RFC 7208 §5)`);
      return invalid(ctx);
  }
}

/** Index of the first UTF-16 unit outside %x21-7E, or -1 (no array of characters per term). */
function firstNonPrintableAscii(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return i;
  }
  return -1;
}

function unexpected(ctx: TermContext, name: string, at: number): Term {
  report(ctx, 'unexpected-argument', `"${name}" takes no "${ctx.text.slice(at)}" (RFC 7208 §5)`, at);
  return invalid(ctx);
}

function parseModifier(ctx: TermContext, rawName: string, value: string): Term {
  const name = rawName.toLowerCase();
  const valueAt = rawName.length + 1;
  if (name === 'redirect' || name === 'exp') {
    // The known modifiers are not "greedy" unknown-modifiers: a bad domain-spec is an error (suite 6.1/2).
    const domain = parseDomainSpec(ctx, value, valueAt);
    return domain ? { kind: name, text: ctx.text, offset: ctx.offset, domain } : invalid(ctx);
  }
  const parsed = parseMacroString(value);
  for (const error of parsed.errors) report(ctx, 'invalid-macro', `${error.message} (RFC 7208 §7.1)`, valueAt + error.offset);
  if (parsed.errors.length) return invalid(ctx);
  return { kind: 'unknown-modifier', text: ctx.text, offset: ctx.offset, name, value: parsed.value };
}

/** domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand. */
function parseDomainSpec(ctx: TermContext, text: string, at: number): MacroString | undefined {
  if (text === '') {
    report(ctx, 'missing-argument', 'the domain is empty (RFC 7208 §7.1)', at);
    return undefined;
  }
  const parsed = parseMacroString(text);
  for (const error of parsed.errors) report(ctx, 'invalid-macro', `${error.message} (RFC 7208 §7.1)`, at + error.offset);
  if (parsed.errors.length) return undefined;
  const last = parsed.value.parts[parsed.value.parts.length - 1];
  if (last && last.kind !== 'literal') return parsed.value;
  if (!last || !DOMAIN_END_RE.test(last.text)) {
    report(ctx, 'invalid-domain-spec', `"${text}" does not end in a valid top-level label such as ".com" (RFC 7208 §7.1)`, at);
    return undefined;
  }
  return parsed.value;
}

function parseCidr(ctx: TermContext, digits: string | undefined, max: number, at: number): number | undefined | null {
  if (digits === undefined) return undefined;
  const n = Number(digits);
  if (n > max) {
    report(ctx, 'invalid-cidr', `prefix length /${digits} is over ${max} (RFC 7208 §5.6)`, at);
    return null;
  }
  return n;
}

function parseAddressMechanism(
  ctx: TermContext, name: 'a' | 'mx', base: { text: string; offset: number; qualifier: Qualifier }, rest: string, at: number,
): Term {
  const hasDomain = rest.startsWith(':');
  const arg = hasDomain ? rest.slice(1) : rest;
  const m = DUAL_CIDR_RE.exec(arg);
  const domainText = m?.[1] ?? arg;
  const cidrAt = at + (hasDomain ? 1 : 0) + domainText.length;
  if (!hasDomain && domainText !== '') {
    report(ctx, 'invalid-cidr', `"${rest}" is not a valid CIDR suffix such as "/24" or "//64" (RFC 7208 §5.3, §5.4)`, at);
    return invalid(ctx);
  }
  let ok = true;
  let domain: MacroString | undefined;
  if (hasDomain) {
    domain = parseDomainSpec(ctx, domainText, at + 1);
    if (!domain) ok = false;
  }
  const cidr4 = parseCidr(ctx, m?.[2], MAX_IP4_PREFIX, cidrAt);
  const cidr6 = parseCidr(ctx, m?.[3], MAX_IP6_PREFIX, cidrAt);
  if (cidr4 === null || cidr6 === null || !ok) return invalid(ctx);
  const term: Term = { ...base, kind: name };
  if (domain) term.domain = domain;
  if (cidr4 !== undefined) term.cidr4 = cidr4;
  if (cidr6 !== undefined) term.cidr6 = cidr6;
  return term;
}

function parseIpMechanism(
  ctx: TermContext, name: 'ip4' | 'ip6', base: { text: string; offset: number; qualifier: Qualifier }, rest: string, at: number,
): Term {
  if (!rest.startsWith(':')) {
    report(ctx, 'missing-argument', `"${name}" needs ":address" (RFC 7208 §5.6)`, at);
    return invalid(ctx);
  }
  const arg = rest.slice(1);
  const slash = arg.indexOf('/');
  const address = slash < 0 ? arg : arg.slice(0, slash);
  const suffix = slash < 0 ? '' : arg.slice(slash);
  const code = name === 'ip4' ? 'invalid-ip4' : 'invalid-ip6';
  const valid = name === 'ip4' ? isIpv4(address) : parseIpv6(address) !== undefined;
  let ok = true;
  if (!valid) {
    report(ctx, code, `"${address}" is not a valid ${name === 'ip4' ? 'IPv4' : 'IPv6'} address (RFC 7208 §5.6)`, at + 1);
    ok = false;
  }
  let prefix: number | undefined;
  if (suffix) {
    const m = CIDR_SUFFIX_RE.exec(suffix);
    const max = name === 'ip4' ? MAX_IP4_PREFIX : MAX_IP6_PREFIX;
    if (!m) {
      report(ctx, 'invalid-cidr', `"${suffix}" is not a valid prefix length (RFC 7208 §5.6)`, at + 1 + address.length);
      ok = false;
    } else {
      const p = parseCidr(ctx, m[1], max, at + 1 + address.length);
      if (p === null) ok = false;
      else prefix = p;
    }
  }
  if (!ok) return invalid(ctx);
  const term: Term = { ...base, kind: name, address };
  if (prefix !== undefined) term.prefix = prefix;
  return term;
}
