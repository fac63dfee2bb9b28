// DMARC policy records (RFC 7489 §6.3–6.4, RFC 9989): text in, typed result out, no I/O.
// Both tag sets are accepted; what RFC 9989 removed (pct, ri, rf, "!size") is kept and flagged as historic.

import { parseReportUri, type DmarcUri } from './parse-uri.js';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
export type ProblemLevel = 'error' | 'warning' | 'notice';

export type DmarcProblemCode =
  | 'notDmarc' | 'leadingWhitespace' | 'badVersion' | 'versionNotFirst'
  | 'syntax' | 'duplicateTag' | 'pNotSecond'
  | 'invalidValue' | 'unknownReportFormat' | 'unknownTag'
  | 'invalidUri' | 'unsupportedUriScheme'
  | 'noPolicy' | 'policyMissing'
  | 'historicTag' | 'sizeLimit';

export interface DmarcProblem {
  code: DmarcProblemCode;
  /** error: strict receivers discard the record or the tag; warning: works, but not as meant; notice: style. */
  level: ProblemLevel;
  tag?: string;
  value?: string;
  detail: string;
}

export interface DmarcTag {
  /** Lower-cased: tag names are ABNF literals, case-insensitive (RFC 5234 §2.3). */
  name: string;
  value: string;
}

export interface DmarcRecord {
  tags: DmarcTag[];
  p?: DmarcPolicy;
  sp?: DmarcPolicy;
  np?: DmarcPolicy;
  adkim?: 'r' | 's';
  aspf?: 'r' | 's';
  pct?: number;
  ri?: number;
  fo?: string[];
  rf?: string[];
  psd?: 'y' | 'n' | 'u';
  t?: 'y' | 'n';
  rua: DmarcUri[];
  ruf: DmarcUri[];
}

export interface DmarcParseResult {
  text: string;
  /** Starts with v=DMARC1: receivers select it (RFC 7489 §6.6.3, RFC 9989 §4.10). */
  isDmarc: boolean;
  record?: DmarcRecord;
  problems: DmarcProblem[];
  /**
   * The policy receivers apply: p when valid; "none" when p is absent or invalid but rua holds a valid
   * URI (RFC 7489 §6.6.3); undefined when they apply no DMARC processing.
   */
  effectivePolicy?: DmarcPolicy;
}

// RFC 7489 §6.4: dmarc-version = "v" *WSP "=" *WSP %x44 %x4d %x41 %x52 %x43 %x31 — name any case,
// value exactly "DMARC1", then a separator or the end.
const VERSION = /^[vV][ \t]*=[ \t]*DMARC1[ \t]*(?:;|$)/;
const LATER_VERSION = /;[ \t]*[vV][ \t]*=[ \t]*DMARC1[ \t]*(?:;|$)/;
const OTHER_PROTOCOL = /^[vV][ \t]*=[ \t]*(spf1|spf2\.0|DKIM1|STSv1|TLSRPTv1|BIMI1)\b/i;
const POLICIES: readonly string[] = ['none', 'quarantine', 'reject'];
const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const KEYWORD = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/; // RFC 5321 Keyword, for rf=
export const MAX_RI = 2 ** 32 - 1; // RFC 7489 §6.4: ri is a 32-bit unsigned integer
export const KNOWN_TAGS: readonly string[] = ['v', 'p', 'sp', 'np', 'adkim', 'aspf', 'pct', 'ri', 'fo', 'rf', 'rua', 'ruf', 'psd', 't'];
export const HISTORIC_TAGS: readonly string[] = ['pct', 'ri', 'rf']; // RFC 9989 Appendix A.6 removed them
const WSP = /^[ \t]+|[ \t]+$/g;

export function parseDmarcRecord(text: string): DmarcParseResult {
  const result: DmarcParseResult = { text, isDmarc: VERSION.test(text), problems: [] };
  if (!result.isDmarc) {
    result.problems.push(classifyNonDmarc(text));
    return result;
  }
  const problem = (code: DmarcProblemCode, level: ProblemLevel, detail: string, tag?: string, value?: string): void => {
    const p: DmarcProblem = { code, level, detail };
    if (tag !== undefined) p.tag = tag;
    if (value !== undefined) p.value = value;
    result.problems.push(p);
  };

  const specs = text.split(';');
  if (specs.length > 1 && specs.at(-1)!.trim() === '') specs.pop(); // [dmarc-sep] at the end, *WSP allowed
  const tags: DmarcTag[] = [];
  for (const [i, spec] of specs.entries()) {
    if (spec.trim() === '') {
      problem('syntax', 'error', `empty tag at position ${i + 1} (";;")`);
      continue;
    }
    const eq = spec.indexOf('=');
    const name = (eq === -1 ? spec : spec.slice(0, eq)).replace(WSP, '');
    if (eq === -1 || !TAG_NAME.test(name)) {
      problem('syntax', 'error', eq === -1 ? `"${spec.trim()}" has no "="` : `"${name}" is not a tag name`, undefined, spec.trim());
      continue;
    }
    const lower = name.toLowerCase();
    if (tags.some((t) => t.name === lower)) {
      problem('duplicateTag', 'error', `tag "${lower}" appears more than once`, lower);
      continue;
    }
    tags.push({ name: lower, value: spec.slice(eq + 1).replace(WSP, '') });
  }

  const record: DmarcRecord = { tags, rua: [], ruf: [] };
  result.record = record;
  for (const [index, { name, value }] of tags.entries()) {
    const invalid = (expected: string): void =>
      problem('invalidValue', 'error', `expected ${expected}`, name, value);
    switch (name) {
      case 'v':
        break;
      case 'p':
      case 'sp':
      case 'np':
        if (POLICIES.includes(value.toLowerCase())) record[name] = value.toLowerCase() as DmarcPolicy;
        else invalid('none, quarantine or reject');
        if (name === 'p' && index !== 1) problem('pNotSecond', 'notice', 'p= is not the tag right after v=', 'p', value);
        break;
      case 'adkim':
      case 'aspf':
        if (/^[rs]$/i.test(value)) record[name] = value.toLowerCase() as 'r' | 's';
        else invalid('r or s');
        break;
      case 'pct':
        if (/^\d{1,3}$/.test(value) && Number(value) <= 100) record.pct = Number(value);
        else invalid('an integer from 0 to 100');
        break;
      case 'ri':
        if (/^\d{1,10}$/.test(value) && Number(value) <= MAX_RI) record.ri = Number(value);
        else invalid(`an integer from 0 to ${MAX_RI}`);
        break;
      case 'fo':
        if (/^[01ds](?:[ \t]*:[ \t]*[01ds])*$/i.test(value)) record.fo = splitList(value, ':').map((x) => x.toLowerCase());
        else invalid('0, 1, d or s, separated by ":"');
        break;
      case 'rf': {
        const formats = splitList(value, ':');
        if (value === '' || !formats.every((f) => KEYWORD.test(f))) {
          invalid('report format keywords separated by ":" (afrf)');
          break;
        }
        record.rf = formats.map((f) => f.toLowerCase());
        const unknown = record.rf.filter((f) => f !== 'afrf');
        if (unknown.length > 0) problem('unknownReportFormat', 'warning', `rf=${value}: only afrf is defined`, 'rf', value);
        break;
      }
      case 'psd':
        if (/^[ynu]$/i.test(value)) record.psd = value.toLowerCase() as 'y' | 'n' | 'u';
        else invalid('y, n or u');
        break;
      case 't':
        if (/^[yn]$/i.test(value)) record.t = value.toLowerCase() as 'y' | 'n';
        else invalid('y or n');
        break;
      case 'rua':
      case 'ruf':
        record[name] = parseUriList(name, value, problem);
        break;
      default:
        problem('unknownTag', 'notice', `unknown tag "${name}" is ignored`, name, value);
    }
    if (HISTORIC_TAGS.includes(name) && !result.problems.some((p) => p.code === 'invalidValue' && p.tag === name)) {
      problem('historicTag', 'notice', `${name}= was removed by RFC 9989; newer receivers ignore it`, name, value);
    }
  }

  const hasReportUri = record.rua.some((u) => u.valid);
  if (record.p) result.effectivePolicy = record.p;
  else if (hasReportUri) result.effectivePolicy = 'none';
  if (!tags.some((t) => t.name === 'p')) {
    if (hasReportUri) problem('policyMissing', 'warning', 'no p= tag; receivers act as if p=none because rua is valid');
    else problem('noPolicy', 'error', 'no p= tag and no valid rua, so receivers apply no DMARC processing');
  }
  return result;
}

function classifyNonDmarc(text: string): DmarcProblem {
  if (text.trim() === '') return { code: 'notDmarc', level: 'warning', detail: 'empty TXT record' };
  if (/^[ \t]/.test(text) && VERSION.test(text.replace(WSP, ''))) {
    return { code: 'leadingWhitespace', level: 'error', detail: 'the record starts with whitespace before v=DMARC1' };
  }
  if (LATER_VERSION.test(text)) return { code: 'versionNotFirst', level: 'error', detail: 'v=DMARC1 is not the first tag' };
  if (/^[vV][ \t]*=/.test(text) && !OTHER_PROTOCOL.test(text)) {
    const value = text.replace(/^[vV][ \t]*=[ \t]*/, '').split(';')[0]!.trim();
    return { code: 'badVersion', level: 'error', value, detail: `the version is "${value}", not exactly "DMARC1"` };
  }
  return { code: 'notDmarc', level: 'warning', detail: 'not a DMARC record' };
}

function splitList(value: string, separator: string): string[] {
  return value.split(separator).map((x) => x.replace(WSP, ''));
}

function parseUriList(
  tag: 'rua' | 'ruf',
  value: string,
  problem: (code: DmarcProblemCode, level: ProblemLevel, detail: string, tag?: string, value?: string) => void,
): DmarcUri[] {
  const uris = splitList(value, ',').map(parseReportUri);
  for (const uri of uris) {
    if (!uri.valid) problem('invalidUri', 'error', `${tag}: "${uri.uri}" ${uri.reason}`, tag, uri.uri);
    else if (uri.scheme !== 'mailto') problem('unsupportedUriScheme', 'warning', `${tag}: "${uri.uri}" uses ${uri.scheme}:, only mailto: is used for reports`, tag, uri.uri);
    if (uri.valid && uri.size !== undefined) problem('sizeLimit', 'notice', `${tag}: "${uri.uri}" has a "!${uri.size}" size limit, obsolete in RFC 9989`, tag, uri.uri);
  }
  return uris;
}
