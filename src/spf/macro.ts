// The SPF macro language (RFC 7208 §7): parsing macro-strings and expanding them.

import type { MacroLetter, MacroPart, MacroString } from './ast.js';

const DOMAIN_LETTERS = 'slodiphv';
const EXP_ONLY_LETTERS = 'crt';
const DELIMITERS = '.-+,/_=';

export interface MacroSyntaxError {
  message: string;
  /** Offset inside the macro-string. */
  offset: number;
}

export interface ParseMacroOptions {
  /** Explanation text (RFC 7208 §6.2): spaces allowed, and the c, r and t letters. */
  explanation?: boolean;
}

/**
 * Parse a macro-string. Literal characters are %x21-24 / %x26-7E (RFC 7208 §7.1); explanation text also
 * allows SP. Every error is returned, not only the first.
 */
export function parseMacroString(text: string, options: ParseMacroOptions = {}): { value: MacroString; errors: MacroSyntaxError[] } {
  const parts: MacroPart[] = [];
  const errors: MacroSyntaxError[] = [];
  const letters = options.explanation ? DOMAIN_LETTERS + EXP_ONLY_LETTERS : DOMAIN_LETTERS;
  let literal = '';
  const flush = (): void => {
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch !== '%') {
      const code = ch.charCodeAt(0);
      const visible = code >= 0x21 && code <= 0x7e;
      if (!visible && !(options.explanation && ch === ' ')) {
        errors.push({ message: `character ${describeChar(ch)} is not allowed`, offset: i });
      }
      literal += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      flush();
      parts.push({ kind: 'escape', char: next });
      i += 2;
      continue;
    }
    if (next !== '{') {
      errors.push({ message: `"%" must be followed by "{", "%", "_" or "-"`, offset: i });
      literal += ch;
      i++;
      continue;
    }
    const close = text.indexOf('}', i + 2);
    if (close < 0) {
      errors.push({ message: 'macro "%{" is not closed with "}"', offset: i });
      literal += text.slice(i);
      break;
    }
    const body = text.slice(i + 2, close);
    const match = /^([a-zA-Z])([0-9]*)([rR]?)(.*)$/.exec(body);
    const letter = match?.[1];
    const digits = match?.[2] ?? '';
    const delimiters = match?.[4] ?? '';
    if (!match || !letter || !letters.includes(letter.toLowerCase())) {
      const allowed = options.explanation ? 'one of s l o d i p h v c r t' : 'one of s l o d i p h v';
      errors.push({ message: `macro "%{${body}}" must start with ${allowed}`, offset: i });
    } else if (digits !== '' && (/^0/.test(digits))) {
      errors.push({ message: `macro "%{${body}}": the digit transformer must be a nonzero number without leading zeros`, offset: i });
    } else if ([...delimiters].some((d) => !DELIMITERS.includes(d))) {
      errors.push({ message: `macro "%{${body}}": delimiters must be among ${DELIMITERS}`, offset: i });
    } else {
      flush();
      const part: MacroPart = {
        kind: 'macro',
        letter: letter.toLowerCase() as MacroLetter,
        urlEscape: letter !== letter.toLowerCase(),
        reverse: match[3] !== '',
        delimiters,
      };
      if (digits !== '') part.digits = Number(digits);
      parts.push(part);
    }
    i = close + 1;
  }
  flush();
  return { value: { text, parts }, errors };
}

export function hasMacros(value: MacroString): boolean {
  return value.parts.some((p) => p.kind === 'macro');
}

/** A macro-string without macros as text, escapes expanded; undefined when it has macros. */
export function expandLiterals(value: MacroString): string | undefined {
  let out = '';
  for (const part of value.parts) {
    if (part.kind === 'macro') return undefined;
    out += part.kind === 'literal' ? part.text : expandEscape(part.char);
  }
  return out;
}

function expandEscape(char: '%' | '_' | '-'): string {
  return char === '%' ? '%' : char === '_' ? ' ' : '%20';
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The values the macro letters stand for (RFC 7208 §7.2). `p` is computed on demand: it costs DNS. */
export interface MacroValues {
  s: string;
  l: string;
  o: string;
  d: string;
  i: string;
  h: string;
  v: string;
  c: string;
  r: string;
  t: string;
  p: () => Promise<string>;
}

/** Expand a parsed macro-string. */
export async function expandMacroString(value: MacroString, values: MacroValues): Promise<string> {
  let out = '';
  for (const part of value.parts) {
    if (part.kind === 'literal') out += part.text;
    else if (part.kind === 'escape') out += expandEscape(part.char);
    else {
      const raw = part.letter === 'p' ? await values.p() : values[part.letter];
      const transformed = transformMacroValue(raw, part);
      out += part.urlEscape ? urlEscape(transformed) : transformed;
    }
  }
  return out;
}

function transformMacroValue(raw: string, part: Extract<MacroPart, { kind: 'macro' }>): string {
  const delimiters = part.delimiters || '.';
  const pieces: string[] = [];
  let current = '';
  for (const ch of raw) {
    if (delimiters.includes(ch)) {
      pieces.push(current);
      current = '';
    } else current += ch;
  }
  pieces.push(current);
  if (part.reverse) pieces.reverse();
  const kept = part.digits !== undefined && part.digits < pieces.length ? pieces.slice(pieces.length - part.digits) : pieces;
  return kept.join('.');
}

/** RFC 7208 §7.3: upper-case macros are URL-escaped; only the RFC 3986 unreserved set stays as is. */
export function urlEscape(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Print a macro-string back (the inverse of parseMacroString for valid input). */
export function printMacroString(value: MacroString): string {
  return value.parts
    .map((part) => {
      if (part.kind === 'literal') return part.text;
      if (part.kind === 'escape') return `%${part.char}`;
      const letter = part.urlEscape ? part.letter.toUpperCase() : part.letter;
      return `%{${letter}${part.digits ?? ''}${part.reverse ? 'r' : ''}${part.delimiters}}`;
    })
    .join('');
}
