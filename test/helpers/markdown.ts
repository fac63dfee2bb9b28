// Markdown reports are read as GitHub renders them: micromark with the GFM extension (tables, autolink
// literals, strikethrough) turns them into HTML, raw HTML passed through so that a test sees it.
// GitHub then adds @mentions, #123 issue links and :emoji: to text outside code; LIVE_TEXT finds those.

import assert from 'node:assert/strict';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

export function gfmToHtml(markdown: string): string {
  return micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
function decode(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]!);
}

/** The text of every <code> element, entities decoded: what a reader sees in each code span. */
export function codeTexts(html: string): string[] {
  return [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => decode(m[1]!));
}

// What GitHub or GitLab would make a link, a ping or a picture of in plain text.
const LIVE_TEXT = /@|:\/\/|\bwww\.|\b(?:mailto|xmpp):\S|#\d|:[\w+-]+:/i;
/** The elements maildns writes itself; anything else in the HTML came from a value. */
const OWN_TAGS = new Set(['h1', 'h2', 'h3', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'strong', 'em', 'code', 'details', 'summary', 'br']);

/**
 * Nothing from a value became markup: no link, no element but the renderer's own, no emphasis but its
 * "(empty)", and nothing outside code that GitHub would link or ping. Returns the HTML.
 */
export function assertInertMarkdown(markdown: string): string {
  const html = gfmToHtml(markdown);
  const outside = html.replace(/<code>[\s\S]*?<\/code>/g, '');
  for (const [, name] of outside.matchAll(/<\/?([a-z][a-z0-9]*)[\s>/]/gi)) assert.ok(OWN_TAGS.has(name!.toLowerCase()), `an element <${name}> in ${html}`);
  for (const [, text] of outside.matchAll(/<em>([\s\S]*?)<\/em>/g)) assert.equal(text, '(empty)', 'emphasis only where the renderer writes it');
  for (const [, text] of outside.matchAll(/<del>([\s\S]*?)<\/del>/g)) assert.fail(`strikethrough: ${text}`);
  const text = decode(outside.replace(/<[^>]*>/g, ' '));
  assert.doesNotMatch(text, LIVE_TEXT, 'text outside code spans that GitHub would link or ping');
  return html;
}
