// Text forms of SPF results for the CLI: the analysis tree (readable in a ticket) and a check_host()
// result as a Received-SPF line (RFC 7208 §9.1) followed by the evaluation trace.

import type { SpfAnalysis } from './analyse-domain.js';
import type { SpfNode, SpfTermNode } from './facts.js';
import type { CheckHostResult } from './result.js';
import { MAX_SPF_LOOKUPS, MAX_VOID_LOOKUPS } from './result.js';
import { escapeText } from '../report/escape.js';
import { isIndeterminate } from '../dns/types.js';

/** Records, names and exp= explanations come from DNS: control, bidi and invisible characters are shown escaped. */
function printable(lines: string[]): string {
  return `${lines.map((line) => escapeText(line, Infinity)).join('\n')}\n`;
}

export function renderSpfAnalysis(a: SpfAnalysis): string {
  const lines: string[] = [];
  if (!a.tree && isIndeterminate(a.apexTxt.status)) {
    // Not "no record": the record could not be read, and saying why is the whole answer.
    lines.push(`${a.domain}: TXT lookup ${a.apexTxt.status}${a.apexTxt.reason ? ` (${a.apexTxt.reason})` : ''}: SPF could not be read`);
  } else if (!a.tree) lines.push(`${a.domain}: no single v=spf1 record`);
  else {
    renderNode(a.tree, 0, lines);
    const v = a.voidReadings;
    lines.push('');
    lines.push(`lookups ${a.lookups}/${a.lookupLimit}; void lookups ${a.voidLookups}/${a.voidLookupLimit} (IPv4 client ${v.ipv4Client}, IPv6 client ${v.ipv6Client}, A+AAAA together ${v.addressPair})`);
    lines.push(`counting: ${a.countingPolicy}`);
  }
  lines.push('');
  if (a.findings.length === 0) lines.push(a.indeterminate ? 'no findings, but the analysis is incomplete: a lookup failed' : 'no findings');
  for (const f of a.findings) lines.push(`${f.severity.padEnd(7)} ${f.ruleId}/${f.messageId}  ${f.message}`);
  return printable(lines);
}

function renderNode(node: SpfNode, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  const ttl = node.ttl !== undefined ? `  (TTL ${node.ttl})` : '';
  switch (node.status) {
    case 'ok':
      lines.push(`${pad}${node.domain}  "${node.record ?? ''}"${ttl}`);
      break;
    case 'loop':
      lines.push(`${pad}${node.domain}  LOOP: ${node.path.join(' -> ')}`);
      return;
    case 'truncated':
      lines.push(`${pad}${node.domain}  (not expanded: tree too large)`);
      return;
    case 'indeterminate':
      lines.push(`${pad}${node.domain}  TXT lookup ${node.txt?.status ?? 'failed'}${node.txt?.reason ? ` (${node.txt.reason})` : ''}: indeterminate`);
      return;
    default:
      lines.push(`${pad}${node.domain}  no SPF record (${node.status === 'multiple-records' ? 'several v=spf1 records' : node.txt?.status ?? ''}): permerror`);
      return;
  }
  for (const error of node.errors) lines.push(`${pad}  ! "${error.term}" at offset ${error.offset}: ${error.message}`);
  for (const term of node.terms) renderTerm(term, depth + 1, lines);
}

function renderTerm(term: SpfTermNode, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  const notes: string[] = [];
  if (term.kind === 'include' || term.kind === 'redirect') {
    if (term.counted) notes.push(`lookups ${term.subtreeLookups}/${MAX_SPF_LOOKUPS}`);
  } else if (term.counted) notes.push('1 lookup');
  if (term.mxExchanges !== undefined) notes.push(`${term.mxExchanges} MX`);
  if (term.macro) notes.push('macro: not resolvable statically');
  if (term.ignored === 'after-all') notes.push('ignored: after "all"');
  if (term.ignored === 'redirect-beside-all') notes.push('ignored: "all" present');
  if (term.kind === 'ptr' && term.counted) notes.push('needs the client IP');
  for (const v of term.voids) notes.push(`void: ${v.type} ${v.name} ${v.status}`);
  lines.push(`${pad}${term.text}${notes.length ? `  [${notes.join('; ')}]` : ''}`);
  if (term.child) renderNode(term.child, depth + 1, lines);
}

const COMMENTS: Record<CheckHostResult['result'], string> = {
  pass: 'designates {ip} as permitted sender',
  fail: 'does not designate {ip} as permitted sender',
  softfail: 'does not designate {ip} as permitted sender (softfail)',
  neutral: 'makes no assertion about {ip}',
  none: 'publishes no SPF record',
  permerror: 'has an SPF record that cannot be evaluated (permerror)',
  temperror: 'could not be checked: DNS error (temperror)',
};

/** RFC 7208 §9.1: result, comment, then key=value pairs. */
export function receivedSpfLine(r: CheckHostResult, helo: string, receiver: string, sender: string): string {
  const comment = `${receiver}: domain of ${sender || r.domain} ${COMMENTS[r.result].replace('{ip}', r.ip)}`;
  const pairs = [`client-ip=${r.ip}`, `envelope-from="${sender}"`, `helo=${helo || '""'}`, `receiver=${receiver}`, `identity=${r.identity}`];
  if (r.mechanism) pairs.push(`mechanism="${r.mechanism}"`);
  if (r.problem) pairs.push(`problem="${r.problem.replace(/"/g, "'")}"`);
  return `Received-SPF: ${r.result} (${comment}) ${pairs.join('; ')};`;
}

export function renderCheckHost(r: CheckHostResult, helo: string, receiver: string, sender: string): string {
  const lines = [receivedSpfLine(r, helo, receiver, sender)];
  if (r.explanation !== undefined) lines.push(`explanation: ${r.explanation}`);
  lines.push(`lookups ${r.lookups}/${MAX_SPF_LOOKUPS}; void lookups ${r.voidLookups}/${MAX_VOID_LOOKUPS}`, '', 'trace:');
  for (const s of r.trace) {
    const what = s.term ? `${s.term}  ${s.event}` : s.event;
    lines.push(`${'  '.repeat(s.depth + 1)}${s.domain}  ${what}${s.detail ? `  ${s.detail}` : ''}`);
  }
  lines.push('', 'queries:');
  for (const q of r.queries) lines.push(`  ${q.type.padEnd(5)} ${q.name}  ${q.status}${q.answers ? ` (${q.answers})` : ''}${q.void ? '  void' : ''}`);
  return printable(lines);
}
