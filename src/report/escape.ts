// Everything printed from DNS is untrusted: a TXT record can hold ANSI escapes that repaint a
// terminal, Markdown that rewrites a ticket, or text that breaks XML. Each format escapes its own way.

/** Longest DNS-sourced value printed in full; longer ones are cut with their length said. */
export const MAX_PRINTED_VALUE = 512;

// What a reader cannot see, or cannot tell from something else, is shown as an escape, so the line
// reads as what the parser read ("p=re\u{e0041}ject", not "p=reject" next to "p= is invalid"):
// - C0 and C1 controls and DEL (\p{Cc}): they repaint or move a terminal;
// - format characters (\p{Cf}): bidi controls that reorder a line, zero-width spaces and joiners,
//   the word joiner, the soft hyphen, the BOM, the tag characters U+E0000–U+E007F;
// - the other default-ignorable code points, which fonts draw as nothing: the Hangul fillers
//   U+115F, U+1160, U+3164 and U+FFA0, variation selectors U+FE00–U+FE0F and U+E0100–U+E01EF,
//   the combining grapheme joiner U+034F, the Mongolian free variation selectors;
// - line and paragraph separators U+2028 and U+2029, which break a line where the report has none;
// - spaces other than U+0020, and the blank braille pattern U+2800: they look like a space (or like
//   nothing) but a parser does not take them for one, so "v=DMARC1;\xa0p=reject" has no p= tag.
const INVISIBLE =
  '\\p{Cc}\\p{Cf}\\p{Default_Ignorable_Code_Point}\\u2028\\u2029\\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000\\u2800';
const UNSAFE = new RegExp(`[${INVISIBLE}]`, 'gu');

// XML 1.0 allows tab, LF and CR, which stay raw there (line breaks in a JUnit failure body), but no
// other control, no U+FFFE or U+FFFF and no lone surrogate; in a `u` regex a surrogate range only
// matches a surrogate that is not half of a pair.
const XML_UNSAFE = new RegExp(`(?![\\t\\n\\r])[${INVISIBLE}\\ufffe\\uffff\\ud800-\\udfff]`, 'gu');

function escapeCodePoint(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * `value` with what `unsafe` matches escaped, cut once the escaped text would pass `max` characters.
 * The cut falls between characters of the value, never inside an escape ("\u{e00…") or a surrogate
 * pair, and the length said is the value's own, not that of its longer escaped form.
 */
function escapeAndCut(value: string, unsafe: RegExp, max: number): string {
  const escaped = value.replace(unsafe, escapeCodePoint);
  if (escaped.length <= max) return escaped;
  let shown = '';
  for (const ch of value) {
    const part = ch.replace(unsafe, escapeCodePoint);
    if (shown.length + part.length > max) break;
    shown += part;
  }
  return `${shown}… (${value.length} characters, cut)`;
}

/** For terminals: control and invisible characters made visible, value shortened. */
export function escapeText(value: string, max = MAX_PRINTED_VALUE): string {
  return escapeAndCut(value, UNSAFE, max);
}

/** Longest line of a message on stderr: room for one value cut at MAX_PRINTED_VALUE and the sentence around it. */
export const MAX_MESSAGE_LINE = 2 * MAX_PRINTED_VALUE;

/**
 * For messages on stderr, which quote what the user or DNS gave (a domains-file line, a rule id, a
 * zone-file line, a config property): escaped as text is, and each line shortened. The message's own
 * line breaks are kept — yargs's "Invalid values:\n  Argument: …", "Run maildns --help" on a line of
 * its own — so a line break inside a quoted value is kept too: where a message quotes input, quote it
 * with escapeText, which escapes line breaks, and it stays on its line with the rest of the sentence.
 */
export function escapeMessage(message: string): string {
  return message
    .split('\n')
    .map((line) => escapeText(line, MAX_MESSAGE_LINE))
    .join('\n');
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

/** For XML attributes and text (JUnit): the same characters shown escaped as in text (a CI page would
 * otherwise let bidi controls reorder a record, the "Trojan Source" trick), plus what XML forbids. */
export function escapeXml(value: string, max = MAX_PRINTED_VALUE): string {
  return escapeAndCut(value, XML_UNSAFE, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
