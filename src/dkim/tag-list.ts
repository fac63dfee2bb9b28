// The DKIM tag-list (RFC 6376 §3.2), strictly: DKIM verifiers such as mox apply the ABNF as written,
// so a record that only a lenient parser accepts will fail at some receivers.

export interface Tag {
  name: string;
  value: string;
}

export type TagListResult = { ok: true; tags: Tag[] } | { ok: false; problem: 'syntax' | 'duplicateTag'; detail: string };

// RFC 6376 §3.2: tag-name = ALPHA *ALNUMPUNC; ALNUMPUNC = ALPHA / DIGIT / "_".
const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
// tag-value = [ tval *( 1*(WSP / FWS) tval ) ]; tval = 1*VALCHAR; VALCHAR = %x21-3A / %x3C-7E.
const TAG_VALUE = /^(?:[\x21-\x3a\x3c-\x7e]+(?:[ \t\r\n]+[\x21-\x3a\x3c-\x7e]+)*)?$/;
const WSP = /^[ \t\r\n]*|[ \t\r\n]*$/g;

/**
 * Splits `tag=value; tag=value[;]`. Whitespace may surround names and values, but nothing may follow
 * the final ";" (tag-list = tag-spec *( ";" tag-spec ) [ ";" ]), and a tag may appear only once.
 */
export function parseTagList(text: string): TagListResult {
  const specs = text.split(';');
  if (specs.length > 1 && specs.at(-1) === '') specs.pop(); // the optional trailing ";"
  const tags: Tag[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (spec.trim() === '') return { ok: false, problem: 'syntax', detail: 'empty tag (nothing, not even a space, may follow the final ";")' };
    if (eq === -1) return { ok: false, problem: 'syntax', detail: `"${spec.trim()}" is not a tag=value pair` };
    const name = spec.slice(0, eq).replace(WSP, '');
    const value = spec.slice(eq + 1).replace(WSP, '');
    if (!TAG_NAME.test(name)) return { ok: false, problem: 'syntax', detail: `"${name}" is not a valid tag name` };
    if (!TAG_VALUE.test(value)) return { ok: false, problem: 'syntax', detail: `the value of "${name}" has a character DKIM does not allow` };
    if (seen.has(name)) return { ok: false, problem: 'duplicateTag', detail: `tag "${name}" appears more than once` };
    seen.add(name);
    tags.push({ name, value });
  }
  return { ok: true, tags };
}

/** A colon-separated list (h=, s=, t=): items trimmed, empty items dropped. */
export function splitColonList(value: string): string[] {
  return value
    .split(':')
    .map((item) => item.replace(WSP, ''))
    .filter((item) => item !== '');
}
