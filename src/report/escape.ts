// Everything printed from DNS is untrusted: a TXT record can hold ANSI escapes that repaint a
// terminal, Markdown that rewrites a ticket, or text that breaks XML. Each format escapes its own way.

/** Longest DNS-sourced value printed in full; longer ones are cut with their length said. */
export const MAX_PRINTED_VALUE = 512;

export function shorten(value: string, max = MAX_PRINTED_VALUE): string {
  if (value.length <= max) return value;
  return `${value.slice(0, max)}… (${value.length} characters, cut)`;
}

// C0 and C1 controls, DEL, and the Unicode bidi/format controls that can reorder what a reader sees.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/gu;

function escapeCodePoint(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** For terminals: control characters made visible, value shortened. */
export function escapeText(value: string, max = MAX_PRINTED_VALUE): string {
  return shorten(value.replace(UNSAFE, escapeCodePoint), max);
}

/** For Markdown (tickets): controls made visible, metacharacters and HTML neutralised, pipes escaped. */
export function escapeMarkdown(value: string, max = MAX_PRINTED_VALUE): string {
  return escapeText(value, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Only what is markup mid-line: values never start a line, so "#", "-", "1." stay literal.
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
}

// XML 1.0 allows only tab, LF and CR among the controls, and no lone surrogates.
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Bidi and invisible format characters are valid XML, but a CI page showing the failure would let
// them reorder or hide what the reader sees (the "Trojan Source" trick): shown as \u{…} as in text.
const FORMAT_CONTROLS = /[\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** For XML attributes and text (JUnit). */
export function escapeXml(value: string, max = MAX_PRINTED_VALUE): string {
  return shorten(value, max)
    .replace(XML_INVALID, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(FORMAT_CONTROLS, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
